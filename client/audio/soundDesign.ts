/**
 * Which game event makes which sound, and how loud and where: pure functions of the
 * session's events and the local player's state, tested without a browser. The player
 * (player.ts) only turns a Cue into WebAudio nodes.
 */
import { HEARING_RANGE, LOW_HP_REPEAT_MS, LOW_HP_WARNING, MAX_PAN, REMOTE_SHOT_MAX_DELAY_MS, REMOTE_SHOT_STALE_MS } from "../../shared/client-constants.ts";

export const SOUND_KINDS = [
  "shot", // your own weapon
  "enemyShot", // someone else's weapon, placed by distance and side
  "hitDealt", // the server confirmed your shot hit
  "hitTaken", // the server says you were hit
  "kill", // you killed someone
  "death", // you died
  "respawn", // you are back in play
  "roundStart",
  "roundEnd",
  "lowHp", // heartbeat while your health is low
] as const;

export type SoundKind = (typeof SOUND_KINDS)[number];

/** One sound to play: its kind, gain 0..1 before the master volume, pan -1 (left) .. 1
 *  (right), and how long from now to start it. */
export interface Cue {
  kind: SoundKind;
  gain: number;
  pan: number;
  delayMs: number;
}

interface Point {
  x: number;
  y: number;
}

const centred = (kind: SoundKind, gain = 1): Cue => ({ kind, gain, pan: 0, delayMs: 0 });

/**
 * Gain and pan of a sound at `source` heard at `listener`: full at the listener, falling
 * with the square of the distance fraction (quiet fast, then a long faint tail), silent
 * from HEARING_RANGE on; panned by the horizontal offset. Null when out of earshot.
 */
export function spatial(listener: Point, source: Point, range = HEARING_RANGE): { gain: number; pan: number } | null {
  const dx = source.x - listener.x;
  const dist = Math.hypot(dx, source.y - listener.y);
  if (!Number.isFinite(dist) || dist >= range) return null;
  const near = 1 - dist / range;
  const pan = Math.max(-1, Math.min(1, dx / range)) * MAX_PAN;
  return { gain: near * near, pan };
}

/** How long to hold back a remote shot's sound so it plays when the shot is drawn, given
 *  how far ahead of the drawn past it was fired; null for a shot already drawn flying for a
 *  while (seen before it could be heard, or stale). */
export function remoteShotDelay(ahead: number): number | null {
  if (!Number.isFinite(ahead) || ahead < -REMOTE_SHOT_STALE_MS) return null;
  return Math.max(0, Math.min(REMOTE_SHOT_MAX_DELAY_MS, ahead));
}

/** A shot fired by `owner` at (x, y): own shots centred (the "fired" event), others placed. */
export function cueForShot(owner: string, selfId: string, listener: Point | null, at: Point, delayMs: number): Cue | null {
  if (owner === selfId) return centred("shot");
  if (!listener) return null;
  const s = spatial(listener, at);
  return s ? { kind: "enemyShot", gain: s.gain, pan: s.pan, delayMs } : null;
}

/** The server's hit event: a confirm when you shot, a thud when you were shot. A hit you
 *  dealt yourself (none today) counts as taken. */
export function cueForHit(hit: { shooter: string; target: string }, selfId: string): Cue | null {
  if (hit.target === selfId) return centred("hitTaken");
  if (hit.shooter === selfId) return centred("hitDealt");
  return null;
}

/** A kill as shown in the feed: yours, or your death. Others' kills make no sound. */
export function cueForKill(kill: { killer: string; victim: string }, selfId: string): Cue | null {
  if (kill.victim === selfId) return centred("death");
  if (kill.killer === selfId) return centred("kill");
  return null;
}

export function cueForRound(phase: "playing" | "results"): Cue {
  return centred(phase === "playing" ? "roundStart" : "roundEnd");
}

/**
 * Watches the local player frame by frame for what no event announces: coming back to
 * life, and health low enough for the warning beat (repeated every LOW_HP_REPEAT_MS,
 * first at once when health crosses the line).
 */
export class SelfWatch {
  private lastHp: number | null = null;
  private nextBeatMs = Number.NEGATIVE_INFINITY;

  /** `hp` null while the local player is not in the state. */
  frame(nowMs: number, hp: number | null, playing: boolean): Cue[] {
    const cues: Cue[] = [];
    const prev = this.lastHp;
    this.lastHp = hp;
    if (hp === null) return cues;
    if (prev !== null && prev <= 0 && hp > 0) cues.push(centred("respawn"));
    const low = playing && hp > 0 && hp <= LOW_HP_WARNING;
    if (!low) {
      this.nextBeatMs = Number.NEGATIVE_INFINITY;
    } else if (nowMs >= this.nextBeatMs) {
      cues.push(centred("lowHp"));
      this.nextBeatMs = nowMs + LOW_HP_REPEAT_MS;
    }
    return cues;
  }
}

/** The gain applied to every sound: the volume, or nothing when muted. */
export function masterGain(s: { volume: number; muted: boolean }): number {
  return s.muted ? 0 : Math.max(0, Math.min(1, s.volume));
}
