import type { ColyseusTestServer } from "@colyseus/testing";
import type { Room as SDKRoom } from "@colyseus/sdk";
import { afterAll, describe, expect, it } from "vitest";
import { ROOM_NAME, SERVER_STATS_EVERY_MS } from "../../shared/constants.ts";
import { Msg, type ServerStatsOut } from "../../shared/messages.ts";
import type { ArenaState } from "../../shared/schema.ts";
import { bootGame, until } from "../testing/room-harness.ts";
import type { ArenaRoom } from "./ArenaRoom.ts";

let colyseus: ColyseusTestServer;
afterAll(async () => colyseus?.shutdown());

describe("server tick stats message", () => {
  it("every client gets the room's own step times, plausible, every few seconds", async () => {
    colyseus = await bootGame();
    const room = await colyseus.createRoom<ArenaRoom>(ROOM_NAME, {});
    const client = (await colyseus.connectTo(room, { name: "ann" })) as SDKRoom<ArenaRoom, ArenaState>;
    client.onMessage(Msg.chat, () => {}); // the welcome line is not this test's business
    const received: ServerStatsOut[] = [];
    client.onMessage(Msg.serverStats, (s: ServerStatsOut) => received.push(s));

    // The first one is due SERVER_STATS_EVERY_MS after the room was created; allow a second.
    await until("first stats message", () => received.length >= 1, SERVER_STATS_EVERY_MS + 1000);
    const s = received[0]!;
    expect(Object.keys(s).sort()).toEqual(["tickMaxMs", "tickP50Ms", "tickP99Ms"]);
    expect(s.tickP50Ms).toBeGreaterThan(0);
    expect(s.tickP50Ms).toBeLessThanOrEqual(s.tickP99Ms);
    expect(s.tickP99Ms).toBeLessThanOrEqual(s.tickMaxMs);
    expect(s.tickMaxMs).toBeLessThan(100);
    for (const v of Object.values(s)) expect(Math.round(v * 100) / 100).toBe(v);

    // And again at the same cadence, not once.
    await until("second stats message", () => received.length >= 2, SERVER_STATS_EVERY_MS + 1000);
  });
});
