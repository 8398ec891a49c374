import type { ColyseusTestServer } from "@colyseus/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOBBY_ROOM_NAME, ROOM_NAME } from "../../shared/constants.ts";
import { bootGame } from "../testing/room-harness.ts";
import { PRIVATE_ONLY_WITH_CREATE } from "./matchmaking.ts";

let colyseus: ColyseusTestServer;
beforeAll(async () => {
  colyseus = await bootGame();
});
afterAll(async () => colyseus.shutdown());

/** The message a matchmaking call was refused with, or "joined". */
const refusal = (call: Promise<{ leave(): Promise<unknown> }>) =>
  call.then(
    async (room) => (await room.leave(), "joined"),
    (e: Error) => e.message,
  );

describe("matchmaking rules", () => {
  it("a fresh server has its lobby: join works, not only joinOrCreate", async () => {
    const lobby = await colyseus.sdk.join(LOBBY_ROOM_NAME, {});
    expect(lobby.name).toBe(LOBBY_ROOM_NAME);
    const again = await colyseus.sdk.join(LOBBY_ROOM_NAME, {});
    expect(again.roomId).toBe(lobby.roomId);
    await lobby.leave();
    await again.leave();
    // kept while empty, so the next menu finds it too
    await new Promise((r) => setTimeout(r, 100));
    const later = await colyseus.sdk.join(LOBBY_ROOM_NAME, {});
    expect(later.roomId).toBe(lobby.roomId);
    await later.leave();
  });

  it("private: true is refused everywhere but create, with the rule in the message", async () => {
    const open = await colyseus.sdk.create(ROOM_NAME, { name: "host" });
    expect(await refusal(colyseus.sdk.joinOrCreate(ROOM_NAME, { name: "p1", private: true }))).toBe(PRIVATE_ONLY_WITH_CREATE);
    expect(await refusal(colyseus.sdk.join(ROOM_NAME, { name: "p2", private: true }))).toBe(PRIVATE_ONLY_WITH_CREATE);
    expect(await refusal(colyseus.sdk.joinById(open.roomId, { name: "p3", private: true }))).toBe(PRIVATE_ONLY_WITH_CREATE);
    // private: false changes nothing anywhere, and create still makes a private room
    expect(await refusal(colyseus.sdk.joinById(open.roomId, { name: "p4", private: false }))).toBe("joined");
    const hidden = await colyseus.sdk.create(ROOM_NAME, { name: "p5", private: true });
    expect(hidden.roomId).not.toBe(open.roomId);
    await hidden.leave();
    await open.leave();
  });

  it("a private room's code works in any case", async () => {
    const host = await colyseus.sdk.create(ROOM_NAME, { name: "host", private: true });
    const code = host.roomId;
    const mixed = [...code].map((c, i) => (i % 2 ? c.toLowerCase() : c)).join("");
    for (const typed of [code.toLowerCase(), mixed]) {
      const friend = await colyseus.sdk.joinById(typed, { name: "friend" });
      expect(friend.roomId).toBe(code);
      await friend.leave();
    }
    await host.leave();
  });
});
