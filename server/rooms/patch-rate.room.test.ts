import type { ColyseusTestServer } from "@colyseus/testing";
import type { Room as SDKRoom } from "@colyseus/sdk";
import { afterAll, describe, expect, it } from "vitest";
import { ROOM_NAME } from "../../shared/constants.ts";
import type { ArenaState } from "../../shared/schema.ts";
import { bootGame, until } from "../testing/room-harness.ts";
import type { ArenaRoom } from "./ArenaRoom.ts";

let colyseus: ColyseusTestServer;
afterAll(async () => colyseus?.shutdown());

describe("--ticks-per-patch", () => {
  it("with 2, a client gets one patch per two steps", async () => {
    colyseus = await bootGame({ ticksPerPatch: 2 });
    const room = await colyseus.createRoom<ArenaRoom>(ROOM_NAME, {});
    const client = (await colyseus.connectTo(room, { name: "ann" })) as SDKRoom<ArenaRoom, ArenaState>;
    await until("first patch", () => client.state.players.size === 1);

    let patches = 0;
    client.onStateChange(() => patches++);
    const startTick = room.world.tick;
    await until("60 steps", () => room.world.tick - startTick >= 60, 5000);
    const steps = room.world.tick - startTick;
    // 60 steps → about 30 patches; a patch in flight at either edge may be in or out
    expect(patches).toBeGreaterThanOrEqual(Math.floor(steps / 2) - 2);
    expect(patches).toBeLessThanOrEqual(Math.ceil(steps / 2) + 2);
    expect(patches).toBeLessThan(steps * 0.6);
  });
});
