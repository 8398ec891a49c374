/**
 * Hostile frames against the real room through a real socket: each test sends the bytes
 * an attacker would, and checks the attacker is dropped or closed with our code while the
 * room keeps ticking for everyone else.
 */
import type { ColyseusTestServer } from "@colyseus/testing";
import type { Room as SDKRoom } from "@colyseus/sdk";
import { Protocol } from "@colyseus/shared-types";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { MALFORMED_FRAMES_TO_CLOSE, RECONNECT_SECONDS, ROOM_NAME, UNKNOWN_REPLY_EVERY_MS, maxMessagesPerSecond } from "../../shared/constants.ts";
import { CloseCode, Msg, UNKNOWN_MESSAGE_LINE, type ChatOut } from "../../shared/messages.ts";
import { InputCommand, type ArenaState } from "../../shared/schema.ts";
import { processTally } from "../game/process-tally.ts";
import { bootGame, until } from "../testing/room-harness.ts";
import type { ArenaRoom } from "./ArenaRoom.ts";

type Client = SDKRoom<ArenaRoom, ArenaState>;

let colyseus: ColyseusTestServer;
beforeAll(async () => {
  colyseus = await bootGame();
});
afterEach(async () => colyseus.cleanup());
afterAll(async () => colyseus.shutdown());

async function arenaWith(names: string[]) {
  const room = await colyseus.createRoom<ArenaRoom>(ROOM_NAME, {});
  const clients: Client[] = [];
  for (const name of names) clients.push((await colyseus.connectTo(room, { name })) as Client);
  return { room, clients };
}

function closeCodeOf(client: Client): { code?: number } {
  const seen: { code?: number } = {};
  client.onLeave((code: number) => (seen.code = code));
  return seen;
}

/** Sends raw bytes on the client's socket, as a hand-written attacker would. */
function raw(client: Client, bytes: number[] | Uint8Array) {
  client.connection.send(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes));
}

describe("hostile frames", () => {
  it("the 3-byte frame that once hung the process is dropped; repeated, the sender is closed with 4202 and keeps no seat", async () => {
    const { room, clients } = await arenaWith(["mallory", "alice"]);
    const [mallory, alice] = clients as [Client, Client];
    const closed = closeCodeOf(mallory);
    const token = mallory.reconnectionToken;
    const tick0 = room.world.tick;
    raw(mallory, [Protocol.ROOM_INPUT_UNRELIABLE, 0x00, 0xff]);
    await until("the frame is counted", () => room.dropped["malformedFrame_bad-slot"] === 1);
    await until("the room keeps ticking", () => room.world.tick > tick0 + 5);
    // A TIMED frame declaring 2^32-1 stamps, and one framing 15,000 empty inputs in 15 KB.
    raw(mallory, [Protocol.ROOM_INPUT_UNRELIABLE | 0x80, 0xce, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0x00, 0x00]);
    raw(mallory, new Uint8Array([Protocol.ROOM_INPUT_UNRELIABLE, 0x00, ...new Array(15_000).fill(0)]));
    for (let i = 3; i < MALFORMED_FRAMES_TO_CLOSE; i++) raw(mallory, [Protocol.ROOM_INPUT_UNRELIABLE, 0x00, 0xff]);
    await until("mallory is closed", () => closed.code !== undefined);
    expect(closed.code).toBe(CloseCode.malformedInput);
    expect(room.dropped).toMatchObject({ "malformedFrame_bad-stamps": 1, malformedFrame_oversize: 1, kickedMalformed: 1 });
    await until("mallory's seat is gone", () => !room.state.players.has(mallory.sessionId));
    await expect(colyseus.sdk.reconnect(token)).rejects.toThrow();
    // alice never noticed
    const t = room.world.tick;
    await until("alice still gets patches", () => alice.state.players.size === 1 && room.world.tick > t + 3);
  });

  it("reliable input frames whose body does not decode are counted as malformed; repeated, the sender is closed with 4202", async () => {
    const { room, clients } = await arenaWith(["garbler", "bob"]);
    const [garbler] = clients as [Client, Client];
    const closed = closeCodeOf(garbler);
    raw(garbler, [Protocol.ROOM_INPUT_RELIABLE, 0xff, 0xff, 0xc1, 0xde, 0xad]);
    await until("the frame is counted", () => room.dropped.malformedFrame_undecodable === 1);
    expect(closed.code).toBeUndefined();
    for (let i = 1; i < MALFORMED_FRAMES_TO_CLOSE; i++) raw(garbler, [Protocol.ROOM_INPUT_RELIABLE, 0xff, 0xff, 0xc1, 0xde, 0xad]);
    await until("the garbler is closed", () => closed.code !== undefined);
    expect(closed.code).toBe(CloseCode.malformedInput);
    expect(room.dropped.malformedFrame_undecodable).toBe(MALFORMED_FRAMES_TO_CLOSE);
  });

  it("a client over the frame rate has its excess dropped, and one that keeps at it is closed with 4201 and keeps no seat", async () => {
    const { room, clients } = await arenaWith(["flood", "calm"]);
    const [flood] = clients as [Client, Client];
    const closed = closeCodeOf(flood);
    const burst = maxMessagesPerSecond(30) * 2;
    const timer = setInterval(() => {
      for (let i = 0; i < burst / 10; i++) raw(flood, [Protocol.PING]);
    }, 100);
    try {
      await until("the flooder is closed", () => closed.code !== undefined, 8000);
    } finally {
      clearInterval(timer);
    }
    expect(closed.code).toBe(CloseCode.tooManyMessages);
    expect(room.dropped.rateDroppedFrames).toBeGreaterThan(0);
    expect(room.dropped.kickedTooManyMessages).toBe(1);
    await until("its seat is gone", () => !room.state.players.has(flood.sessionId));
  });

  it("unknown message types get one short fixed line per window, never an echo", async () => {
    const { room, clients } = await arenaWith(["curious"]);
    const [curious] = clients as [Client];
    const lines: ChatOut[] = [];
    curious.onMessage(Msg.chat, (m: ChatOut) => lines.push(m));
    for (let i = 0; i < 40; i++) curious.send(`type-${i}-${"t".repeat(200)}`, { i });
    await until("every unknown message is counted", () => room.dropped.unknownMessages === 40);
    await until("the reply arrives", () => lines.some((l) => l.kind === "error"));
    const errors = lines.filter((l) => l.kind === "error");
    expect(errors).toEqual([{ kind: "error", from: "", to: "", text: UNKNOWN_MESSAGE_LINE }]);
    expect(UNKNOWN_REPLY_EVERY_MS).toBeGreaterThanOrEqual(1000);
  });

  it("a throw inside one room's step closes that room with 4101; another room plays on", async () => {
    const broken = await arenaWith(["p1"]);
    const healthy = await arenaWith(["p2"]);
    const closed = closeCodeOf(broken.clients[0]!);
    const errorsBefore = processTally.roomErrors;
    const players = broken.room.world.players;
    let thrown = false;
    Object.defineProperty(broken.room.world, "players", {
      get() {
        if (thrown) return players;
        thrown = true;
        throw new Error("test: a bug in the step");
      },
    });
    await until("the broken room's player is told", () => closed.code !== undefined);
    expect(closed.code).toBe(CloseCode.roomError);
    expect(processTally.roomErrors).toBe(errorsBefore + 1);
    const t = healthy.room.world.tick;
    await until("the healthy room ticks on", () => healthy.room.world.tick > t + 10);
  });

  it("the room advertises its seat hold to its clients", async () => {
    const { clients } = await arenaWith(["ann"]);
    await until("state arrives", () => clients[0]!.state.reconnectSeconds === RECONNECT_SECONDS);
  });
});

describe("at 120 Hz", () => {
  let fast: ColyseusTestServer;
  beforeAll(async () => {
    fast = await bootGame({ tickHz: 120 });
  });
  afterAll(async () => fast.shutdown());

  it("an honest client sending one input per step for 3 s is never dropped or closed", async () => {
    const room = await fast.createRoom<ArenaRoom>(ROOM_NAME, {});
    const client = (await fast.connectTo(room, { name: "quick" })) as Client;
    const closed = closeCodeOf(client);
    const input = client.input({ type: InputCommand, mode: "reliable" });
    const x0 = room.world.players.get(client.sessionId)!.x;
    let sent = 0;
    const timer = setInterval(() => {
      input.data.moveX = sent % 240 < 120 ? 1 : -1;
      input.send();
      if (++sent % 120 === 0) client.send(Msg.chat, { text: "still here" });
    }, 1000 / 120);
    try {
      await until("3 s of inputs", () => sent >= 360, 10_000);
    } finally {
      clearInterval(timer);
    }
    expect(closed.code).toBeUndefined();
    expect(room.dropped.rateDroppedFrames).toBe(0);
    expect(room.world.players.get(client.sessionId)!.x).not.toBe(x0);
  });
});
