/**
 * The seat a tab keeps for a refresh, against a real room: saved on join, replaced by the
 * new token after the SDK's own reconnection (the old one no longer works), good for
 * a rejoin from a fresh client with the same sessionId, and forgotten after leaving.
 */
import { ClientState } from "@colyseus/core";
import type { ColyseusTestServer } from "@colyseus/testing";
import type { Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOM_NAME } from "../../shared/constants.ts";
import type { ArenaState } from "../../shared/schema.ts";
import type { ArenaRoom } from "../../server/rooms/ArenaRoom.ts";
import { bootGame, until } from "../../server/testing/room-harness.ts";
import { GameSession } from "./GameSession.ts";
import { SeatStore, type KeyValueStore } from "./seatStore.ts";

let colyseus: ColyseusTestServer;
beforeAll(async () => {
  colyseus = await bootGame();
});
afterAll(async () => colyseus.shutdown());

function memory(): KeyValueStore {
  const map = new Map<string, string>();
  return { getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

describe("the saved seat against a real room", () => {
  it("follows the token through a reconnection, rejoins from a new client, and is cleared on leave", async () => {
    const room = await colyseus.createRoom<ArenaRoom>(ROOM_NAME, {});
    const client = (await colyseus.connectTo(room, { name: "ann" })) as unknown as Room<unknown, ArenaState>;
    const seats = new SeatStore(memory());
    const session = new GameSession(client, "quick", seats);
    const id = client.sessionId;
    expect(seats.load()).toEqual({ token: client.reconnectionToken, kind: "quick" });
    const first = client.reconnectionToken;

    // the server cuts the socket; the SDK reconnects by itself and gets a new token
    client.reconnection.minUptime = 0;
    let back = false;
    client.onReconnect(() => (back = true));
    (room.clients.getById(id)!.ref as unknown as { terminate(): void }).terminate();
    await until("sdk reconnected", () => back && session.status === "connected", 10_000);
    await until("the new token saved", () => seats.load()?.token === client.reconnectionToken);
    expect(client.reconnectionToken).not.toBe(first);

    // a refreshed page: the old page's socket goes, a new client takes the seat by the token
    const saved = seats.load()!;
    client.reconnection.enabled = false;
    session.dispose(); // the old page's code stops; its seat record is the new page's now
    seats.save(saved);
    // Colyseus holds a seat only for a client that finished joining: a reconnected one cut
    // before its join is acknowledged (still RECONNECTING) simply leaves. Wait for that.
    const live = await until("the server has ann joined again", () => room.clients.find((c) => c.sessionId === id && c.state === ClientState.JOINED));
    (live.ref as unknown as { terminate(): void }).terminate();
    await until("the seat is held", () => room.world.players.get(id)?.away === true, 10_000);
    const again = (await colyseus.sdk.reconnect(saved.token)) as unknown as Room<unknown, ArenaState>;
    expect(again.sessionId).toBe(id);
    const resumed = new GameSession(again, saved.kind, seats);
    await until("back in play", () => room.world.players.get(id)?.away === false);
    expect([...room.state.players.values()].map((p) => p.name)).toEqual(["ann"]);

    await resumed.leave();
    expect(seats.load()).toBeNull();
  });
});
