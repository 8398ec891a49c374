/**
 * Plays a game session's sounds while `scene` runs: subscribes to the session's events
 * and watches the local player once per frame, turning both into cues through the pure
 * sound design, and lets go of everything when the scene shuts down.
 */
import * as Phaser from "phaser";
import type { GameSession } from "../net/net.ts";
import { soundPlayer } from "./player.ts";
import { SelfWatch, cueForHit, cueForKill, cueForRound, cueForShot, remoteShotDelay } from "./soundDesign.ts";

export function attachSessionSounds(scene: Phaser.Scene, session: GameSession): void {
  const player = soundPlayer();
  const me = session.sessionId;
  const watch = new SelfWatch();
  const ev = session.events;
  const listener = () => {
    const s = session.self();
    return s ? { x: s.x, y: s.y } : null;
  };
  const offs = [
    ev.on("fired", (x, y) => player.play(cueForShot(me, me, null, { x, y }, 0))),
    ev.on("shot", (owner, x, y, drawnInMs) => {
      const delay = remoteShotDelay(drawnInMs);
      if (delay !== null) player.play(cueForShot(owner, me, listener(), { x, y }, delay));
    }),
    ev.on("hit", (h) => player.play(cueForHit(h, me))),
    ev.on("kill", (k) => player.play(cueForKill(k, me))),
    ev.on("round", (r) => player.play(cueForRound(r.phase))),
  ];
  const onUpdate = (time: number) => {
    if (!session.isOpen) return;
    const self = session.self();
    for (const cue of watch.frame(time, self ? self.hp : null, session.round().phase === "playing")) player.play(cue);
  };
  scene.events.on(Phaser.Scenes.Events.UPDATE, onUpdate);
  scene.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
    scene.events.off(Phaser.Scenes.Events.UPDATE, onUpdate);
    for (const off of offs) off();
  });
}
