/**
 * Fault tests on a real two-process cluster (redis-server, nginx, `npm run cluster`): a join
 * storm through nginx, then the loss of one process by SIGKILL with 64 fighting bots. The
 * measured times go to e2e/artifacts/failover.json for the hosting docs.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Client, type Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { LobbyFeed } from "../client/net/net.ts";
import { MAX_PLAYERS, ROOM_NAME } from "../shared/constants.ts";
import { ArenaState } from "../shared/schema.ts";
import { Fleet, processOf, startCluster, watchGaps, type RunningCluster } from "./helpers/cluster.ts";
import { stop } from "../devkit/process.ts";
import { until } from "../devkit/wait.ts";
import { ROOT } from "./helpers/process.ts";

let cluster: RunningCluster;
beforeAll(async () => {
  // the SDK's reconnection narration (console.info) for 30 dropped bots drowns the report
  vi.spyOn(console, "info").mockImplementation(() => {});
  cluster = await startCluster(2);
}, 120_000);
afterAll(async () => {
  if (cluster) await stop(cluster.proc);
});

async function health(name: string): Promise<{ rooms: number; players: number }> {
  return (await fetch(`${cluster.url}/${name}/healthz`)).json() as Promise<{ rooms: number; players: number }>;
}

const STORM = 300;

describe("a two-process cluster behind nginx", () => {
  it(`takes a storm of ${STORM} concurrent quick-play joins: no failure, no room over its limit, rooms on both processes`, async () => {
    const client = new Client(cluster.url);
    const t0 = performance.now();
    const joins = await Promise.allSettled(
      Array.from({ length: STORM }, async (_, i) => {
        const room = await client.joinOrCreate(ROOM_NAME, { name: `storm-${i}` }, ArenaState);
        room.onMessage("*", () => {});
        return room;
      }),
    );
    const stormMs = Math.round(performance.now() - t0);
    const rooms = joins.flatMap((j) => (j.status === "fulfilled" ? [j.value] : []));
    const failures = joins.flatMap((j) => (j.status === "rejected" ? [String(j.reason)] : []));
    try {
      expect(failures, failures.slice(0, 3).join("\n")).toEqual([]);
      const byRoom = new Map<string, Room<unknown, ArenaState>[]>();
      for (const r of rooms) byRoom.set(r.roomId, [...(byRoom.get(r.roomId) ?? []), r]);
      for (const [roomId, members] of byRoom) expect(members.length, roomId).toBeLessThanOrEqual(MAX_PLAYERS);
      // every room's own state agrees: no room holds more than its limit
      await until("every client has its room's state", () => rooms.every((r) => (r.state.players?.size ?? 0) > 0), 20_000);
      for (const r of rooms) expect(r.state.players.size).toBeLessThanOrEqual(MAX_PLAYERS);
      const perProcess = { p1: rooms.filter((r) => processOf(r) === "p1").length, p2: rooms.filter((r) => processOf(r) === "p2").length };
      expect(perProcess.p1 + perProcess.p2).toBe(STORM);
      expect(perProcess.p1).toBeGreaterThan(0);
      expect(perProcess.p2).toBeGreaterThan(0);
      const [h1, h2] = await Promise.all([health("p1"), health("p2")]);
      expect(h1.players + h2.players).toBe(STORM);
      record("joinStorm", { joins: STORM, ms: stormMs, rooms: byRoom.size, playersOnP1: h1.players, playersOnP2: h2.players, roomsOnP1: h1.rooms, roomsOnP2: h2.rooms });
    } finally {
      await Promise.all(rooms.map((r) => r.leave(true).catch(() => {})));
    }
    await until("the storm's players have left", async () => (await health("p1")).players + (await health("p2")).players === 0, 20_000);
  }, 90_000);

  it("loses a process to SIGKILL: the other's bots see no gap over 1 s, quick play works within 5 s, its rooms leave the list, its bots rejoin", async () => {
    const fleet = new Fleet(cluster.url);
    // the menu's own room list, as a player's browser keeps it (it rejoins the lobby if its process dies)
    const lobby = new LobbyFeed(new Client(cluster.url));
    try {
      await fleet.add(64);
      await until("64 bots playing", () => fleet.bots.every((b) => b.status === "playing"), 20_000);
      // The SDK reconnects only rooms joined 5 s ago (room.reconnection.minUptime); past that,
      // a drop is a drop, whichever way the bot then recovers.
      await until("every bot connected for 5.5 s", () => fleet.bots.every((b) => b.connectedTime(performance.now()) > 5500), 15_000);
      const onP1 = fleet.on("p1");
      const onP2 = fleet.on("p2");
      expect(onP1.length, "bots on p1").toBeGreaterThan(0);
      expect(onP2.length, "bots on p2").toBeGreaterThan(0);
      const deadRooms = new Set(onP2.map((b) => b.room!.roomId));
      await until("the lobby lists p2's rooms", () => [...deadRooms].every((id) => listed(lobby, id)), 10_000);
      const survivorRooms = onP1.map((b) => b.room!);
      const dropsBefore = fleet.counters.drops;

      const gaps = watchGaps(survivorRooms);
      const p2 = cluster.processes.find((p) => p.name === "p2")!;
      const killedAt = performance.now();
      process.kill(p2.pid, "SIGKILL");

      // new players press Quick play from the moment the process is gone; every other
      // moment is polled at the same time, so each is timed from the kill on its own
      const since = (ms: number) => Math.round(ms - killedAt);
      const lateJoins = quickPlaysFrom(cluster.url, 10, 300);
      const [sweptMs, listMs, rejoinMs] = await Promise.all([
        until("a process to log the sweep of p2", () => cluster.proc.output().includes("stopped answering") && since(performance.now()), 10_000),
        until("p2's rooms to leave the lobby's live list", () => lobby.status === "live" && ![...deadRooms].some((id) => listed(lobby, id)) && since(performance.now()), 10_000),
        // on p1, or on p2 once the supervisor has restarted it (a new process, new rooms)
        until("p2's bots to play again, in rooms that did not die with p2", () => onP2.every((b) => b.status === "playing" && b.room !== null && !deadRooms.has(b.room.roomId)) && since(performance.now()), 15_000),
      ]).catch((e: Error) => {
        throw new Error(`${e.message}\n--- cluster output ---\n${cluster.proc.output().slice(-3000)}`);
      });
      // watch the survivors for at least 6 s after the kill
      await until("6 s after the kill", () => performance.now() - killedAt > 6000, 10_000);
      const seen = gaps();
      const joinMs = await lateJoins;

      record("processLoss", {
        bots: 64,
        botsOnKilledProcess: onP2.length,
        lateQuickPlayJoinMs: joinMs.map(Math.round),
        deadRoomsSweptMs: sweptMs,
        deadRoomsLeftMenuListMs: listMs,
        botsRejoinedMs: rejoinMs,
        survivorMaxPatchGapMs: seen.patchMs,
        survivorMaxPongGapMs: seen.pongMs,
      });
      expect(seen.patchMs, "longest patch gap on p1").toBeLessThan(1000);
      expect(seen.pongMs, "longest ping-reply gap on p1").toBeLessThan(1000);
      expect(Math.max(...joinMs), "slowest quick play after the kill").toBeLessThan(5000);
      expect(fleet.counters.drops - dropsBefore, "only p2's bots dropped").toBe(onP2.length);
      expect(fleet.counters.rehomes).toBe(onP2.length);
      expect(onP1.every((b) => b.status === "playing" && survivorRooms.includes(b.room!))).toBe(true);
      expect(fleet.counters.errors, fleet.notes.join("\n")).toBe(0);
      expect(cluster.proc.output()).toMatch(/cluster: p2 exited \(SIGKILL\); 1 process\(es\) keep serving/);
    } finally {
      await fleet.stop();
      lobby.close();
    }
  }, 120_000);
});

function listed(lobby: LobbyFeed, roomId: string): boolean {
  return lobby.rooms().some((e) => e.roomId === roomId);
}

/** `count` new players press Quick play `everyMs` apart; resolves with each one's join time in ms (a failure throws). */
async function quickPlaysFrom(url: string, count: number, everyMs: number): Promise<number[]> {
  const client = new Client(url);
  const joins = Array.from({ length: count }, async (_, i) => {
    await new Promise((r) => setTimeout(r, i * everyMs));
    const t0 = performance.now();
    const room = await client.joinOrCreate(ROOM_NAME, { name: `late-${i}` }, ArenaState);
    const ms = performance.now() - t0;
    room.onMessage("*", () => {});
    await room.leave(true);
    return ms;
  });
  return Promise.all(joins);
}

const failover: Record<string, unknown> = {};
function record(name: string, figures: Record<string, unknown>): void {
  failover[name] = figures;
  console.log(`${name}: ${JSON.stringify(figures)}`);
  const dir = path.join(ROOT, "e2e", "artifacts");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "failover.json"), JSON.stringify(failover, null, 2) + "\n");
}
