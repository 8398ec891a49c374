import type { ColyseusTestServer } from "@colyseus/testing";
import type { Room as SDKRoom } from "@colyseus/sdk";
import { matchMaker } from "@colyseus/core";
import { Protocol } from "@colyseus/shared-types";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { INPUT_CREDIT_MAX, MAX_HP, PLAYER_SPEED, PLAYER_WEAPON, ROOM_CODE_LENGTH, ROOM_NAME, WEAPONS } from "../../shared/constants.ts";
import { Msg, explainJoinError, type ChatOut, type KillOut, type RoundOut } from "../../shared/messages.ts";
import { InputCommand, type ArenaState } from "../../shared/schema.ts";
import { bootGame, until } from "../testing/room-harness.ts";
import type { ArenaRoom } from "./ArenaRoom.ts";

let colyseus: ColyseusTestServer;
beforeAll(async () => {
  colyseus = await bootGame();
});
afterEach(async () => colyseus.cleanup());
afterAll(async () => colyseus.shutdown());

type Client = SDKRoom<ArenaRoom, ArenaState>;

/** Collects every chat line a client receives. */
function chatLog(room: Client): ChatOut[] {
  const lines: ChatOut[] = [];
  room.onMessage(Msg.chat, (m: ChatOut) => lines.push(m));
  return lines;
}

async function arenaWith(names: string[]) {
  const room = await colyseus.createRoom<ArenaRoom>(ROOM_NAME, {});
  const clients: Client[] = [];
  for (const name of names) clients.push((await colyseus.connectTo(room, { name })) as Client);
  return { room, clients };
}

/** Runs `send` once per 30 Hz step, like a client's input loop, until stopped. */
function everyStep(send: () => void): { stop(): void } {
  const timer = setInterval(send, 1000 / 30);
  return { stop: () => clearInterval(timer) };
}

/** Places a player in the world, shield off, so tests control the geometry. */
function place(room: ArenaRoom, id: string, x: number, y: number) {
  Object.assign(room.world.players.get(id)!, { x, y, shieldUntilTick: 0 });
}

describe("arena room", () => {
  it("two clients see each other move", async () => {
    const { room, clients } = await arenaWith(["ann", "ben"]);
    const [a, b] = clients as [Client, Client];
    place(room, a.sessionId, 1000, 300);
    await until("ben sees ann placed", () => b.state.players.get(a.sessionId)?.x === 1000);
    const input = a.input({ type: InputCommand, mode: "reliable" });
    const sendRight = setInterval(() => {
      input.data.moveX = 1;
      input.send();
    }, 1000 / 30);
    try {
      await until("ben sees ann move right", () => (b.state.players.get(a.sessionId)?.x ?? 0) > 1100);
    } finally {
      clearInterval(sendRight);
    }
    expect(b.state.players.get(a.sessionId)!.y).toBe(300);
    expect(a.state.players.get(b.sessionId)?.name).toBe("ben");
  });

  it("a projectile hits, and five kill with credit and a kill-feed message", async () => {
    const { room, clients } = await arenaWith(["ann", "ben"]);
    const [a, b] = clients as [Client, Client];
    place(room, a.sessionId, 700, 300);
    place(room, b.sessionId, 1000, 300);
    const kills: KillOut[] = [];
    b.onMessage(Msg.kill, (k: KillOut) => kills.push(k));
    const chat = chatLog(b);
    let hits = 0;
    a.onMessage(Msg.hit, () => hits++);
    const input = a.input({ type: InputCommand, mode: "reliable" });
    let firstHp = MAX_HP;
    const fire = everyStep(() => {
      input.data.aim = 0;
      input.data.fire = true;
      input.send();
    });
    try {
      await until("ben's client sees ann's shot, named by her seat", () =>
        [...b.state.projectiles.values()].some((p) => p.ownerSlot === b.state.players.get(a.sessionId)!.slot),
      );
      firstHp = await until("ben is hurt", () => {
        const hp = b.state.players.get(b.sessionId)?.hp;
        return hp !== undefined && hp < MAX_HP && hp;
      });
      await until("ben is killed", () => kills.length > 0, 8000);
    } finally {
      fire.stop();
    }
    expect(firstHp).toBe(80);
    expect(hits).toBeGreaterThanOrEqual(5);
    const seat = (id: string) => room.state.players.get(id)!.slot;
    expect(kills[0]).toEqual({ killer: seat(a.sessionId), victim: seat(b.sessionId) });
    expect(seat(a.sessionId)).not.toBe(seat(b.sessionId));
    // the client writes the kill's chat line itself: the server sends none
    expect(chat.filter((m) => m.text.includes("eliminated"))).toEqual([]);
    await until("kill counted in state", () => b.state.players.get(a.sessionId)?.kills === 1);
    expect(b.state.players.get(b.sessionId)?.deaths).toBe(1);
  });

  it("chat to all, system lines and whispers reach exactly the right clients", async () => {
    const { clients } = await arenaWith(["ann", "ben", "cat"]);
    const [a, b, c] = clients as [Client, Client, Client];
    const logs = clients.map(chatLog);
    a.send(Msg.chat, { text: "hello all" });
    await until("everyone hears ann", () => logs.every((l) => l.some((m) => m.text === "hello all")));
    expect(logs[1]!.find((m) => m.text === "hello all")).toEqual({ kind: "all", from: "ann", to: "", text: "hello all" });

    a.send(Msg.chat, { text: "/w ben secret plan" });
    a.send(Msg.chat, { text: "/w nobody hi" });
    a.send(Msg.chat, { text: "done" });
    await until("everyone hears done", () => logs.every((l) => l.some((m) => m.text === "done")));
    const whisper = { kind: "whisper", from: "ann", to: "ben", text: "secret plan" };
    expect(logs[0]).toContainEqual(whisper);
    expect(logs[1]).toContainEqual(whisper);
    expect(logs[2]!.some((m) => m.kind === "whisper")).toBe(false);
    expect(logs[0]!.some((m) => m.kind === "error" && m.text.includes("nobody"))).toBe(true);
    expect(logs[1]!.some((m) => m.kind === "error") || logs[2]!.some((m) => m.kind === "error")).toBe(false);

    // all-but-sender: a join is announced to the others; the newcomer gets a welcome
    const d = (await colyseus.sdk.joinById(a.roomId, { name: "ann" })) as Client;
    const dLog = chatLog(d);
    await until("join announced", () => logs.every((l) => l.some((m) => m.kind === "system" && m.text === "ann#2 joined")));
    await until("welcome", () => dLog.some((m) => m.text.startsWith("Welcome, ann#2")));
    expect(dLog.some((m) => m.text.endsWith("joined"))).toBe(false);
    await c.leave();
    await until("leave announced", () => logs[0]!.some((m) => m.kind === "system" && m.text === "cat left"));
    void b;
  });

  it("malformed and out-of-range input is dropped and counted while the room keeps ticking", async () => {
    const { room, clients } = await arenaWith(["bad", "good"]);
    const [bad, good] = clients as [Client, Client];
    const badLog = chatLog(bad);
    const goodLog = chatLog(good);
    place(room, bad.sessionId, 1000, 300);
    const tick0 = room.world.tick;

    bad.send(Msg.chat, { text: 42 });
    bad.send(Msg.chat, { text: "x".repeat(5000) });
    bad.send(Msg.chat, "not an object");
    bad.send("teleport", { x: 0, y: 0 });
    bad.connection.send(new Uint8Array([Protocol.ROOM_INPUT_RELIABLE, 0xff, 0xfe, 0x80, 0x00, 0x13]));
    // One error line for the three bad chat lines (replies are limited to one a second),
    // one for the unknown type; every one is counted.
    await until("errors counted", () => room.dropped.badMessages === 3 && room.dropped.unknownMessages === 1);
    await until("errors reported", () => badLog.filter((m) => m.kind === "error").length === 2);

    // Out-of-range and flooded movement: 3 inputs per tick with moveX 100 must not
    // move faster than PLAYER_SPEED.
    const input = bad.input({ type: InputCommand, mode: "reliable" });
    const startX = room.world.players.get(bad.sessionId)!.x;
    const startTick = room.world.tick;
    const flood = setInterval(() => {
      for (let i = 0; i < 3; i++) {
        input.data.moveX = 100;
        input.data.aim = Number.NaN;
        input.send();
      }
    }, 1000 / 30);
    try {
      await until("thirty ticks of flooding", () => room.world.tick >= startTick + 30);
    } finally {
      clearInterval(flood);
    }
    const moved = room.world.players.get(bad.sessionId)!.x - startX;
    const ticks = room.world.tick - startTick;
    expect(moved).toBeGreaterThan(0);
    // one input per tick, plus the banked allowance
    expect(moved).toBeLessThanOrEqual(((ticks + INPUT_CREDIT_MAX) * PLAYER_SPEED) / 30);
    expect(Number.isFinite(room.world.players.get(bad.sessionId)!.aim)).toBe(true);
    expect(room.dropped.clampedInputs).toBeGreaterThan(0);

    expect(room.world.tick).toBeGreaterThan(tick0);
    expect(goodLog.some((m) => m.kind === "error")).toBe(false);
    // Both are still connected and still get patches.
    const finalX = room.world.players.get(bad.sessionId)!.x;
    await until("good sees where the flooder ended up", () => good.state.players.get(bad.sessionId)!.x === finalX);
    expect(finalX).toBeGreaterThan(startX);
    expect(room.clients.length).toBe(2);
  });

  it("a dropped socket reconnects to the same player", async () => {
    const { room, clients } = await arenaWith(["flaky", "steady"]);
    const [flaky, steady] = clients as [Client, Client];
    const id = flaky.sessionId;
    let reconnected = false;
    flaky.onReconnect(() => (reconnected = true));
    flaky.reconnection.minUptime = 0; // the SDK only retries rooms older than 5 s by default
    // cut the TCP connection from the server side: the client sees an abnormal close (1006)
    (room.clients.getById(id)!.ref as unknown as { terminate(): void }).terminate();
    await until("sdk reconnected", () => reconnected, 10_000);
    expect(flaky.sessionId).toBe(id);
    expect(room.clients.length).toBe(2);
    expect(steady.state.players.has(id)).toBe(true);
    const input = flaky.input({ type: InputCommand, mode: "reliable" });
    place(room, id, 1000, 300);
    const walk = setInterval(() => {
      input.data.moveX = 1;
      input.send();
    }, 1000 / 30);
    try {
      await until("inputs work after reconnecting", () => (steady.state.players.get(id)?.x ?? 0) > 1050);
    } finally {
      clearInterval(walk);
    }
  });

  it("a dropped player is out of play but keeps seat, score and position, and comes back as it was", async () => {
    const { room, clients } = await arenaWith(["away", "shooter"]);
    const [away, shooter] = clients as [Client, Client];
    const id = away.sessionId;
    place(room, shooter.sessionId, 700, 300);
    place(room, id, 1000, 300);
    Object.assign(room.world.players.get(id)!, { kills: 3 });
    await until("shooter sees the target placed", () => shooter.state.players.get(id)?.x === 1000);
    const token = away.reconnectionToken;
    away.reconnection.enabled = false; // reconnect by hand, after looking at the empty seat
    (room.clients.getById(id)!.ref as unknown as { terminate(): void }).terminate();

    await until("the others see the player away", () => shooter.state.players.get(id)?.away === true);
    expect(room.clients.length).toBe(1);
    expect(room.hasReachedMaxClients()).toBe(false);
    // still in the room (its seat counts), still scored, not hittable
    expect(shooter.state.players.size).toBe(2);
    const input = shooter.input({ type: InputCommand, mode: "reliable" });
    const fire = everyStep(() => {
      input.data.aim = 0;
      input.data.fire = true;
      input.send();
    });
    try {
      await until("two shots fired through the empty seat", () => room.world.nextProjectileId >= 2, 3000);
    } finally {
      fire.stop();
    }
    await until("the shots are gone", () => room.world.projectiles.length === 0, 3000);
    expect(room.world.players.get(id)!.hp).toBe(MAX_HP);

    const back = (await colyseus.sdk.reconnect(token)) as unknown as Client;
    expect(back.sessionId).toBe(id);
    await until("back in play", () => shooter.state.players.get(id)?.away === false);
    const seen = shooter.state.players.get(id)!;
    expect({ x: seen.x, y: seen.y, kills: seen.kills }).toEqual({ x: 1000, y: 300, kills: 3 });
  });

  it("the kill limit ends a round with results for everyone, and the next round begins", async () => {
    const { room, clients } = await arenaWith(["ann", "ben"]);
    const [a, b] = clients as [Client, Client];
    room.world.rules.killLimit = 1;
    place(room, a.sessionId, 700, 300);
    place(room, b.sessionId, 1000, 300);
    const rounds: RoundOut[] = [];
    b.onMessage(Msg.round, (r: RoundOut) => rounds.push(r));
    const chat = chatLog(b);
    const input = a.input({ type: InputCommand, mode: "reliable" });
    const fire = everyStep(() => {
      input.data.aim = 0;
      input.data.fire = true;
      input.send();
    });
    try {
      await until("results", () => rounds.some((r) => r.phase === "results"), 8000);
    } finally {
      fire.stop();
    }
    expect(rounds[0]).toEqual({
      phase: "results",
      round: 1,
      winner: a.sessionId,
      winnerName: "ann",
      standings: [
        // ann hits until ben has no HP left; ben never fired
        { name: "ann", kills: 1, deaths: 0, bot: false, shots: expect.any(Number), hits: MAX_HP / WEAPONS[PLAYER_WEAPON].damage },
        { name: "ben", kills: 0, deaths: 1, bot: false, shots: 0, hits: 0 },
      ],
    });
    expect(rounds[0]!.standings[0]!.shots).toBeGreaterThanOrEqual(rounds[0]!.standings[0]!.hits);
    await until("results line", () => chat.some((m) => m.kind === "system" && m.text === "Round 1 over: ann reached the kill limit."));
    expect(b.state.phase).toBe("results");
    await until("round 2", () => rounds.some((r) => r.phase === "playing" && r.round === 2), 5000);
    await until("scores reset in state", () => b.state.round === 2 && b.state.players.get(a.sessionId)?.kills === 0);
  });

  it("chat is rate limited per player", async () => {
    const { room, clients } = await arenaWith(["chatty"]);
    const log = chatLog(clients[0]!);
    for (let i = 0; i < 8; i++) clients[0]!.send(Msg.chat, { text: `spam ${i}` });
    await until("every excess line counted", () => room.dropped.chatRateLimited === 3);
    // one "Slow down" for the three refused lines: error replies are one a second at most
    await until("limit reported", () => log.filter((m) => m.kind === "error" && m.text.startsWith("Slow down")).length === 1);
    expect(log.filter((m) => m.kind === "all")).toHaveLength(5);
  });

  it("bad join options get a clear error", async () => {
    await expect(colyseus.sdk.joinOrCreate(ROOM_NAME, { name: "\u0001\u0002" })).rejects.toThrow(/invalid name/);
    await expect(colyseus.sdk.joinOrCreate(ROOM_NAME, { name: 5 })).rejects.toThrow(/invalid join options/);
    await expect(colyseus.sdk.joinOrCreate(ROOM_NAME, {})).rejects.toThrow(/invalid join options/);
  });

  it("a room is never over its limit when 40 clients join at once", async () => {
    const room = await colyseus.createRoom<ArenaRoom>(ROOM_NAME, {});
    let peak = 0;
    const onJoin = room.onJoin!.bind(room);
    room.onJoin = (client, options) => {
      onJoin(client, options);
      peak = Math.max(peak, room.clients.length, room.state.players.size);
    };
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => colyseus.sdk.joinById(room.roomId, { name: `p${i}` })),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(16);
    expect(refused).toHaveLength(24);
    for (const r of refused) {
      const message = String(r.reason?.message ?? r.reason);
      expect(message).toMatch(/is locked|already full/);
      expect(explainJoinError(message)).toMatch(/^Room full/);
    }
    expect(peak).toBeLessThanOrEqual(16);
    expect(room.clients.length).toBe(16);

    // Quick play spreads a crowd over rooms of 16 at most.
    const crowd = await Promise.all(Array.from({ length: 40 }, (_, i) => colyseus.sdk.joinOrCreate(ROOM_NAME, { name: `q${i}` })));
    const perRoom = new Map<string, number>();
    for (const c of crowd) perRoom.set(c.roomId, (perRoom.get(c.roomId) ?? 0) + 1);
    for (const id of perRoom.keys()) expect(colyseus.getRoomById(id).clients.length).toBeLessThanOrEqual(16);
  });

  it("a private room can only be joined by its code", async () => {
    const host = await colyseus.sdk.create(ROOM_NAME, { name: "host", private: true });
    expect(host.roomId).toMatch(new RegExp(`^[A-Z2-9]{${ROOM_CODE_LENGTH}}$`));
    const quick = await colyseus.sdk.joinOrCreate(ROOM_NAME, { name: "stranger" });
    expect(quick.roomId).not.toBe(host.roomId);
    const listed = await matchMaker.query({ name: ROOM_NAME, private: false });
    expect(listed.map((r) => r.roomId)).toContain(quick.roomId);
    expect(listed.map((r) => r.roomId)).not.toContain(host.roomId);
    const friend = await colyseus.sdk.joinById(host.roomId, { name: "friend" });
    expect(friend.roomId).toBe(host.roomId);
    await until("friend in host's state", () => [...(host.state as ArenaState).players.values()].some((p) => p.name === "friend"));
  });
});
