/**
 * Matchmaking across a cluster: the room list and private codes see every process's rooms,
 * and per-process caps send new rooms to the process that still has room; when every
 * process is full the player reads why.
 */
import { existsSync } from "node:fs";
import { connect } from "node:net";
import { Client, type Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LobbyFeed } from "../client/net/net.ts";
import { ROOM_NAME } from "../shared/constants.ts";
import { SERVER_FULL_MESSAGE } from "../shared/messages.ts";
import { ArenaState } from "../shared/schema.ts";
import { processOf, quiet, startCluster, type RunningCluster } from "./helpers/cluster.ts";
import { isAlive, stop } from "../devkit/process.ts";
import { until } from "../devkit/wait.ts";

let cluster: RunningCluster;
beforeAll(async () => {
  cluster = await startCluster(2, ["--max-rooms", "2"]);
}, 120_000);
afterAll(async () => {
  if (cluster) await stop(cluster.proc);
});

describe("a cluster of two processes with --max-rooms 2", () => {
  it("lists and joins every process's rooms, spreads new rooms, and refuses past every cap with the 'server is full' message", async () => {
    const client = new Client(cluster.url);
    const rooms: Room[] = [];
    const lobby = new LobbyFeed(new Client(cluster.url));
    try {
      const a = quiet(await client.create(ROOM_NAME, { name: "ann" }, ArenaState));
      rooms.push(a);
      const b = quiet(await client.create(ROOM_NAME, { name: "ben" }, ArenaState));
      rooms.push(b);
      expect(new Set([processOf(a), processOf(b)]), "the second room goes to the emptier process").toEqual(new Set(["p1", "p2"]));
      // the menu's list shows both processes' rooms
      await until("the lobby lists both rooms", () => lobby.status === "live" && [a.roomId, b.roomId].every((id) => lobby.rooms().some((r) => r.roomId === id)), 10_000);

      const c = quiet(await client.create(ROOM_NAME, { name: "cat", private: true }, ArenaState));
      rooms.push(c);
      const d = quiet(await client.create(ROOM_NAME, { name: "dan", private: true }, ArenaState));
      rooms.push(d);
      expect(new Set([processOf(c), processOf(d)])).toEqual(new Set(["p1", "p2"]));
      // a private code works whichever process nginx sends the request to
      for (const code of [c.roomId, d.roomId]) {
        const guest = quiet(await new Client(cluster.url).joinById(code, { name: "guest" }, ArenaState));
        expect(guest.roomId).toBe(code);
        await guest.leave(true);
      }
      expect(lobby.rooms().some((r) => r.roomId === c.roomId || r.roomId === d.roomId), "private rooms stay unlisted").toBe(false);

      // four rooms on two processes of two: a fifth is refused, with the reason
      await expect(client.create(ROOM_NAME, { name: "eve" }, ArenaState)).rejects.toThrow(SERVER_FULL_MESSAGE);
      // quick play still finds a seat in a public room that has one
      const quick = quiet(await client.joinOrCreate(ROOM_NAME, { name: "fay" }, ArenaState));
      expect([a.roomId, b.roomId]).toContain(quick.roomId);
      await quick.leave(true);
    } finally {
      lobby.close();
      await Promise.all(rooms.map((r) => r.leave(true).catch(() => {})));
    }
  }, 30_000);

  it("Ctrl-C stops the whole cluster: every process, nginx and Redis, exit 0", async () => {
    const pids = cluster.processes.map((p) => p.pid);
    const out = cluster.proc.output();
    const redisPort = Number(/Redis redis:\/\/127\.0\.0\.1:(\d+) \(started for this cluster\)/.exec(out)?.[1]);
    const confDir = /nginx config in (\S+)\/nginx\.conf/.exec(out)?.[1];
    expect(await listening(redisPort)).toBe(true);
    expect(confDir && existsSync(confDir)).toBe(true);
    process.kill(cluster.proc.child.pid!, "SIGINT");
    const exit = await cluster.proc.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(cluster.proc.output()).toContain("cluster: stopped.");
    for (const pid of pids) expect(isAlive(pid), `process ${pid}`).toBe(false);
    // nothing answers on the entry or on Redis any more, and nginx's temp dir is gone
    await expect(fetch(`${cluster.url}/healthz`)).rejects.toThrow();
    expect(await listening(redisPort)).toBe(false);
    expect(existsSync(confDir!)).toBe(false);
  }, 30_000);
});

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}
