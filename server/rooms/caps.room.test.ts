import type { ColyseusTestServer } from "@colyseus/testing";
import { matchMaker } from "@colyseus/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOM_NAME } from "../../shared/constants.ts";
import { SERVER_FULL_MESSAGE, explainJoinError } from "../../shared/messages.ts";
import { bootGame, until } from "../testing/room-harness.ts";
import { ProcessCaps } from "../cluster/process-caps.ts";

const caps = new ProcessCaps({ maxRooms: 1, maxClients: 2 });
let colyseus: ColyseusTestServer;
beforeAll(async () => {
  colyseus = await bootGame({}, { caps });
});
afterAll(async () => colyseus.shutdown());

describe("per-process caps (--max-rooms 1, --max-clients 2)", () => {
  it("refuses a room past the room cap and a seat past the client cap, with a clear message", async () => {
    const a = await colyseus.sdk.joinOrCreate(ROOM_NAME, { name: "ann" });
    await expect(colyseus.sdk.create(ROOM_NAME, { name: "ben" })).rejects.toThrow(SERVER_FULL_MESSAGE);
    const b = await colyseus.sdk.joinById(a.roomId, { name: "ben" });
    expect(caps.players).toBe(2);
    // the room has 16 seats, but the process has no third one: the room is locked so quick
    // play looks for a room elsewhere, and here there is no room left to make either
    await until("the room is locked for the process", async () => (await matchMaker.query({ roomId: a.roomId }))[0]?.locked === true);
    await expect(colyseus.sdk.joinOrCreate(ROOM_NAME, { name: "cat" })).rejects.toThrow(SERVER_FULL_MESSAGE);
    // Joined by its id (a code, the lobby's list), it says the server is full, not "Room
    // full": the room itself has free seats.
    const refused = await colyseus.sdk.joinById(a.roomId, { name: "cat" }).then(
      () => "joined",
      (e: Error) => e.message,
    );
    expect(refused).toBe(SERVER_FULL_MESSAGE);
    expect(explainJoinError(refused)).toBe(SERVER_FULL_MESSAGE);

    // a seat freed is a seat offered again
    await b.leave(true);
    await until("ben's seat is free", () => caps.players === 1);
    await until("the room is open again", async () => (await matchMaker.query({ roomId: a.roomId }))[0]?.locked === false);
    const c = await colyseus.sdk.joinById(a.roomId, { name: "cat" });
    expect(c.roomId).toBe(a.roomId);
    // and the room cap counts open rooms, not rooms ever made
    await a.leave(true);
    await c.leave(true);
    await until("the room is gone", () => caps.rooms === 0, 10_000);
    const d = await colyseus.sdk.create(ROOM_NAME, { name: "dan" });
    expect(d.roomId).not.toBe(a.roomId);
    await d.leave(true);
  });
});
