/**
 * Own-player prediction under scripted latency: an SDK client behind the latency lab
 * (100 ms ± 20 ms round trip) predicts with the SDK's reconciler running the shared
 * movePlayer, exactly as client/net/GameSession does, while it walks a path. Its predicted
 * position must agree with the server's at every reconcile (honest inputs: corrections of
 * at most one world unit), must not oscillate, and must settle on the server's position.
 */
import { Client, type Room } from "@colyseus/sdk";
import { Predict } from "@colyseus/sdk/predict";
import { matchMaker, type Server } from "@colyseus/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOM_NAME, TELEPORT_DIST } from "../../shared/constants.ts";
import { ARENA_MAP } from "../../shared/maps/arena.ts";
import { InputCommand, type ArenaState } from "../../shared/schema.ts";
import { movePlayer } from "../../shared/sim/index.ts";
import { startLatencyProxy, type LatencyProxy } from "../../lab/latency-proxy.ts";
import { createGameServer } from "../app.ts";
import { FAST_RULES, until } from "../testing/room-harness.ts";
import { freePort } from "../../devkit/ports.ts";
import type { ArenaRoom } from "./ArenaRoom.ts";

let server: Server;
let proxy: LatencyProxy;
beforeAll(async () => {
  server = createGameServer(FAST_RULES, { seed: 3, handleSignals: false });
  const port = await freePort();
  await server.listen(port, "127.0.0.1");
  proxy = await startLatencyProxy({ target: { host: "127.0.0.1", port }, latencyMs: 100, jitterMs: 20, seed: 5 });
});
afterAll(async () => {
  await proxy?.close();
  await server?.gracefullyShutdown(false);
});

/** The path: right, then down, then stand still; one leg per `LEG_STEPS` input steps. */
const LEG_STEPS = 30;
const PATH = [
  { moveX: 1, moveY: 0 },
  { moveX: 0, moveY: 1 },
  { moveX: 0, moveY: 0 },
];

describe("prediction through the latency lab (100 ± 20 ms)", () => {
  it("converges on the server's position with corrections under one unit and no oscillation", async () => {
    const room = (await new Client(proxy.url).joinOrCreate(ROOM_NAME, { name: "walker" })) as Room<unknown, ArenaState>;
    const serverRoom = matchMaker.getLocalRoomById(room.roomId) as ArenaRoom;
    await until("own player in the state", () => room.state.players?.get(room.sessionId), 5000);
    // a clear stretch of floor, no spawn shield in the way of the test
    Object.assign(serverRoom.world.players.get(room.sessionId)!, { x: 700, y: 300, shieldUntilTick: 0 });
    await until("the move reached the client", () => room.state.players.get(room.sessionId)?.x === 700, 5000);

    const predict = Predict.get(room, { mode: "lerp", delay: 100, snap: TELEPORT_DIST });
    const input = room.input({ type: InputCommand, mode: "reliable" });
    const self = room.state.players.get(room.sessionId)!;
    const corrections: number[] = [];
    const me = predict.reconciler(self, {
      input,
      fields: ["x", "y", "hp"],
      snap: TELEPORT_DIST,
      step: (ctx, s, cmd) => movePlayer(s, cmd, ctx.dt, ARENA_MAP),
      // the SDK measures corrections only with its debug overlay or this set (as GameSession)
      warnOnDivergence: Number.POSITIVE_INFINITY,
      onReconcile: () => corrections.push(Math.hypot(me.lastCorrection.x ?? 0, me.lastCorrection.y ?? 0)),
    });

    // 60 fps frames; each due fixed step sends the path's command for that step
    const drawn: { x: number; y: number }[] = [];
    let sent = 0;
    await new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const frame = setInterval(() => {
        try {
          const steps = predict.tick(performance.now());
          for (let i = 0; i < steps; i++) {
            const leg = PATH[Math.min(PATH.length - 1, Math.floor(sent / LEG_STEPS))]!;
            input.data.moveX = leg.moveX;
            input.data.moveY = leg.moveY;
            input.send();
            sent++;
          }
          drawn.push({ x: predict.value(self, "x"), y: predict.value(self, "y") });
          if (sent >= LEG_STEPS * PATH.length || Date.now() - started > 8000) {
            clearInterval(frame);
            resolve();
          }
        } catch (e) {
          clearInterval(frame);
          reject(e as Error);
        }
      }, 16);
    });
    const authoritative = serverRoom.world.players.get(room.sessionId)!;
    await until("every input acknowledged and the prediction settled", () => {
      predict.tick(performance.now());
      return input.lastProcessed >= sent && Math.abs(predict.value(self, "x") - authoritative.x) < 1e-6 && Math.abs(predict.value(self, "y") - authoritative.y) < 1e-6;
    }, 3000);

    expect(sent).toBe(LEG_STEPS * PATH.length);
    expect(corrections.length).toBeGreaterThan(10); // it really reconciled, many times
    expect(Math.max(...corrections)).toBeLessThanOrEqual(1);
    // it walked the path: 30 steps right and 30 down at full speed, then stood still
    expect(authoritative.x).toBeGreaterThan(700 + 200);
    expect(authoritative.y).toBeGreaterThan(300 + 200);
    // no oscillation: the drawn position never steps back against the path
    for (let i = 1; i < drawn.length; i++) {
      expect(drawn[i]!.x).toBeGreaterThanOrEqual(drawn[i - 1]!.x - 1e-6);
      expect(drawn[i]!.y).toBeGreaterThanOrEqual(drawn[i - 1]!.y - 1e-6);
    }
    me.dispose();
    await room.leave(true);
  });
});
