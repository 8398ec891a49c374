/**
 * SIGTERM on one process of a two-process cluster served over TLS (https and wss at nginx,
 * with the certificate the cluster made at start). A real Chromium player and bots play on
 * both processes; the stopped process's clients get close code 4100, it exits 0 within 5 s,
 * the other process's players notice nothing, and Quick play lands the player on the other.
 */
import { Client } from "@colyseus/sdk";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { CloseCode, SHUTDOWN_REASON } from "../shared/messages.ts";
import { ROOM_NAME } from "../shared/constants.ts";
import { ArenaState } from "../shared/schema.ts";
import { launchChromium, quickPlay, surface } from "./helpers/browser.ts";
import { Fleet, processOf, startCluster, watchGaps, type RunningCluster } from "./helpers/cluster.ts";
import { isAlive, stop } from "../devkit/process.ts";
import { until } from "../devkit/wait.ts";

let cluster: RunningCluster;
let browser: Browser;
const trustedBefore = process.env.NODE_TLS_REJECT_UNAUTHORIZED;

beforeAll(async () => {
  vi.spyOn(console, "info").mockImplementation(() => {});
  cluster = await startCluster(2, ["--tls"]);
  // The cluster's own self-signed certificate, on loopback: trust it for this test's SDK clients.
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0";
  browser = await launchChromium(["--ignore-certificate-errors"]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  if (cluster) await stop(cluster.proc);
  if (trustedBefore === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  else process.env.NODE_TLS_REJECT_UNAUTHORIZED = trustedBefore;
});

/** p1, p2 ... of the newest game socket the page opened (wss://host/pN/<process>/<room>). */
function socketsOf(page: Page): () => string | null {
  const urls: string[] = [];
  page.on("websocket", (ws) => urls.push(ws.url()));
  return () => {
    const game = urls.filter((u) => /\/p\d+\/[\w-]+\/[\w-]+\?/.test(u)).at(-1);
    return game ? (/\/(p\d+)\//.exec(game)?.[1] ?? null) : null;
  };
}

describe("a two-process cluster over TLS", () => {
  it("SIGTERM on one process: its clients get 4100, it exits 0 within 5 s, the other is untouched, Quick play lands on the other", async () => {
    expect(cluster.url.startsWith("https://")).toBe(true);
    const page = await browser.newPage();
    const processOfPage = socketsOf(page);
    const fleet = new Fleet(cluster.url);
    try {
      await quickPlay(page, `${cluster.url}/`, "ann");
      const target = processOfPage();
      expect(target, "the page's game socket goes through nginx over wss").toMatch(/^p[12]$/);
      const other = target === "p1" ? "p2" : "p1";

      // an SDK client in the page's room, to read the close code exactly as it arrives
      const me = await surface(page);
      const watcher = await new Client(cluster.url).joinById(me!.roomId, { name: "watcher" }, ArenaState);
      watcher.onMessage("*", () => {});
      const closed = new Promise<{ code: number; reason?: string }>((resolve) => watcher.onLeave((code, reason) => resolve({ code, reason })));

      await fleet.add(40);
      await until("40 bots playing", () => fleet.bots.every((b) => b.status === "playing"), 20_000);
      expect(fleet.on(target!).length, `bots on ${target}`).toBeGreaterThan(0);
      expect(fleet.on(other).length, `bots on ${other}`).toBeGreaterThan(0);
      const stayers = fleet.on(other);
      const stayerRooms = stayers.map((b) => b.room!);
      const movers = fleet.on(target!);

      const gaps = watchGaps(stayerRooms);
      const pid = cluster.processes.find((p) => p.name === target)!.pid;
      const t0 = performance.now();
      process.kill(pid, "SIGTERM");
      const close = await closed;
      const exitMs = await until(`${target} to exit`, () => (isAlive(pid) ? null : performance.now() - t0), 8000);
      await until("the cluster to report the exit", () => cluster.proc.output().includes(`cluster: ${target} exited`), 5000);
      expect(cluster.proc.output()).toContain(`cluster: ${target} exited (code 0)`);
      expect(exitMs).toBeLessThan(5000);
      expect(close).toEqual({ code: CloseCode.serverShutdown, reason: SHUTDOWN_REASON });

      // the player is told why and offered the rejoin; Quick play lands on the other process
      await page.locator("#menu-error").filter({ hasText: "The server is restarting" }).waitFor({ timeout: 10_000 });
      await page.click("#quick-play");
      await until("the player back in a game", async () => (await surface(page))?.scene === "Game" && processOfPage() === other, 20_000);

      // the bots of the stopped process rejoin on the other; the other's bots saw nothing
      await until(`${target}'s bots playing on ${other}`, () => movers.every((b) => b.status === "playing" && processOf(b.room) === other), 15_000);
      const seen = gaps();
      expect(seen.patchMs, `longest patch gap on ${other}`).toBeLessThan(1000);
      expect(seen.pongMs, `longest ping-reply gap on ${other}`).toBeLessThan(1000);
      expect(stayers.every((b, i) => b.status === "playing" && b.room === stayerRooms[i])).toBe(true);
      expect(fleet.counters.drops, fleet.notes.join("\n")).toBe(0);
      expect(fleet.counters.rehomes).toBe(movers.length);
      expect(fleet.counters.errors, fleet.notes.join("\n")).toBe(0);
      console.log(`sigterm: ${JSON.stringify({ exitMs: Math.round(exitMs), close, movers: movers.length, stayers: stayers.length, gaps: seen })}`);

      // still one entry: a new player's quick play over https works
      const late = await new Client(cluster.url).joinOrCreate(ROOM_NAME, { name: "late" }, ArenaState);
      expect(processOf(late)).toBe(other);
      await late.leave(true);
    } finally {
      await fleet.stop();
      await page.close();
    }
  }, 120_000);
});
