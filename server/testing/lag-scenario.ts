/**
 * The scripted lag-compensation scenario the room tests share. Ann stands at (700, 300)
 * facing Ben at (800, 300). At t0 the server moves Ben 200 units down, out of the line of
 * fire. Ann fires straight at Ben's old spot `fireAfterMs` after t0, from a client that
 * claims to render `renderDelayMs` in the past (the SDK stamps that on every input).
 * Returns whether the shot hit and the lag the server recorded on it.
 */
import type { Room as SDKRoom } from "@colyseus/sdk";
import type { ColyseusTestServer } from "@colyseus/testing";
import { MAX_HP, ROOM_NAME } from "../../shared/constants.ts";
import { InputCommand, type ArenaState } from "../../shared/schema.ts";
import type { SimProjectile } from "../../shared/sim/index.ts";
import type { ArenaRoom } from "../rooms/ArenaRoom.ts";
import { until } from "./room-harness.ts";

export interface LagOutcome {
  hit: boolean;
  /** ms, the view lag the server stored on Ann's projectile. */
  lagMs: number;
}

export async function shootAtOldSpot(colyseus: ColyseusTestServer, renderDelayMs: number, fireAfterMs: number): Promise<LagOutcome> {
  const room = await colyseus.createRoom<ArenaRoom>(ROOM_NAME, {});
  const ann = (await colyseus.connectTo(room, { name: "ann" })) as SDKRoom<ArenaRoom, ArenaState>;
  const ben = (await colyseus.connectTo(room, { name: "ben" })) as SDKRoom<ArenaRoom, ArenaState>;
  const place = (id: string, x: number, y: number) => Object.assign(room.world.players.get(id)!, { x, y, shieldUntilTick: 0, hp: MAX_HP });
  place(ann.sessionId, 700, 300);
  place(ben.sessionId, 800, 300);

  const input = ann.input({ type: InputCommand, mode: "reliable", renderDelay: renderDelayMs });
  const idle = setInterval(() => input.send(), 1000 / 30);
  try {
    // stamps start once the client's clock is synced (and only when the room rewinds)
    if (room.lagCompensated) await until("Ann's inputs carry render times", () => room.inputs.get(ann.sessionId).renderTime > 0, 5000);
    const settled = room.clock.elapsedTime + Math.max(400, renderDelayMs + 100);
    await until("Ben's spot is recorded", () => room.clock.elapsedTime >= settled, 5000);

    place(ben.sessionId, 800, 500);
    const t0 = room.clock.elapsedTime;
    await until("the moment to fire", () => room.clock.elapsedTime >= t0 + fireAfterMs, 5000);
    clearInterval(idle);
    // Watched after every step, not by polling: the shot lives two steps (about 67 ms), and
    // on a loaded machine the room may catch up several steps between two polls.
    let shot: SimProjectile | undefined;
    const step = room.game.step.bind(room.game);
    room.game.step = (...args) => {
      const deliveries = step(...args);
      shot ??= room.world.projectiles.find((p) => p.owner === ann.sessionId);
      return deliveries;
    };
    input.data.aim = 0;
    input.data.fire = true;
    input.send();
    input.data.fire = false;
    const fired = await until("Ann's shot is in flight", () => shot, 2000);
    const lagMs = fired.lagMs;
    if (process.env.DEBUG_LAG) console.log({ renderDelayMs, fireAfterMs, lagMs });
    await until("the shot is over", () => !room.world.projectiles.includes(fired), 3000);
    return { hit: room.world.players.get(ben.sessionId)!.hp < MAX_HP, lagMs };
  } finally {
    clearInterval(idle);
  }
}
