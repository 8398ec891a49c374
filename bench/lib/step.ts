/**
 * One step of the bench for one side: start the server (core 0) and the bots (core 1),
 * wait for the ramp, let it settle, then measure over a fixed window only: counters are
 * read at both edges and every number is a delta over that window (tick quantiles
 * excepted: they are the server's own recent-steps summary at the window's end).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { busyBetween, cpuSeconds, cpuTimes, rssBytes, type CpuTimes } from "./proc.ts";
import { freePort } from "../../devkit/ports.ts";
import { startNode, stop, type Proc } from "../../devkit/process.ts";
import { poll, sleep } from "../../devkit/wait.ts";
import { tickMetrics, type TickMetrics } from "./prom.ts";
import { isColyseus, TICKS_PER_PATCH, type Sample, type Side, type StepResult } from "./types.ts";
import { hexRows, jsonSnapshotReading, readWireDir, truncate, windowRates, type WireReading } from "./wire.ts";
import { SERVER_NODE_FLAGS } from "../../server/node-flags.ts";

export interface StepConfig {
  /** joins per second. */
  ramp: number;
  /** s after the last join before the window opens. */
  settleSeconds: number;
  /** s, the measurement window. */
  holdSeconds: number;
  roomSize: number;
  tickHz: number;
  seed: number;
  /** server and bots are pinned to cores 0 and 1. */
  pinned: boolean;
  /** print progress on stderr. */
  log: (line: string) => void;
}

/** s. The servers' /metrics tick summary covers about the last 5 s of steps (the contract
 *  with server/metrics.ts); the window is scraped once per chunk so no step goes unseen. */
export const SUMMARY_CHUNK_SECONDS = 5;
const HOOK = path.resolve(import.meta.dirname, "wire-hook.ts");
/** characters of the JSON sample shown in the report. */
const SAMPLE_TEXT_CHARS = 700;

/** State messages per second the side's server should send each client: tick ÷ ticks per patch. */
export function expectedPatchHz(side: Side, tickHz: number): number {
  return tickHz / TICKS_PER_PATCH[side];
}

export function serverArgs(side: Side, port: number, c: Pick<StepConfig, "roomSize" | "tickHz">): string[] {
  const common = ["--port", String(port), "--host", "127.0.0.1", "--round-seconds", "600", "--kill-limit", "1000", "--tick-hz", String(c.tickHz)];
  // --ticks-per-patch is passed even when 1, so a TICKS_PER_PATCH in the environment cannot change the default side
  return isColyseus(side)
    ? // the bench measures load, not the process caps: lift them above any step
      // --fill-to 0: the bench's own bots are the players; server bots would join and leave as they ramp
      [...SERVER_NODE_FLAGS, "server/index.ts", ...common, "--ticks-per-patch", String(TICKS_PER_PATCH[side]), "--max-clients", "100000", "--max-rooms", "10000", "--fill-to", "0"]
    : ["bench/baseline/json-server.ts", ...common, "--room-size", String(c.roomSize)];
}

function botsArgs(side: Side, port: number, n: number, duration: number, c: StepConfig): string[] {
  const common = ["--count", String(n), "--duration", String(duration), "--strategy", "fight", "--ramp", String(c.ramp), "--seed", String(c.seed)];
  return isColyseus(side)
    ? ["--require", HOOK, "bots/cli.ts", "--url", `http://127.0.0.1:${port}`, "--room", "spread", "--room-size", String(c.roomSize), "--json", ...common]
    : ["bench/baseline/json-bots.ts", "--url", `ws://127.0.0.1:${port}`, "--tick-hz", String(c.tickHz), ...common];
}

async function scrape(port: number): Promise<TickMetrics> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(3000) });
  if (!res.ok) throw new Error(`GET /metrics: HTTP ${res.status}`);
  return tickMetrics(await res.text());
}

/** The bots' traffic counters right now. */
async function readCounters(side: Side, bots: Proc, wireDir: string): Promise<WireReading> {
  if (isColyseus(side)) return readWireDir(wireDir);
  // a loaded bots process may answer late; its own timestamps keep the rates right
  const line = bots.nextLine((l) => l.startsWith('{"snapshot"'), 15_000);
  bots.child.stdin!.write("snapshot\n");
  const got = await line;
  if (!got) throw new Error("the JSON bots did not answer a snapshot request");
  return jsonSnapshotReading((JSON.parse(got) as { snapshot: Parameters<typeof jsonSnapshotReading>[0] }).snapshot);
}

interface Edge {
  wallMs: number;
  cores: Map<string, CpuTimes>;
  metrics: TickMetrics;
  serverCpu: number;
  botsCpu: number;
  wire: WireReading;
}

async function edge(side: Side, port: number, server: Proc, bots: Proc, wireDir: string): Promise<Edge> {
  const wire = await readCounters(side, bots, wireDir);
  const wallMs = performance.now();
  const cores = cpuTimes();
  const serverCpu = cpuSeconds(server.pid);
  const botsCpu = cpuSeconds(bots.pid);
  return { wallMs, cores, serverCpu, botsCpu, wire, metrics: await scrape(port) };
}

export interface StepOutcome {
  result: StepResult | null;
  sample: Sample | null;
  warning?: string;
}

/** The final JSON object the bots print on stdout, if any. */
function lastJson(lines: readonly string[]): Record<string, unknown> | null {
  for (let i = lines.length - 1; i >= 0; i--) {
    try {
      const v = JSON.parse(lines[i]!) as unknown;
      if (v && typeof v === "object" && !("snapshot" in v)) return v as Record<string, unknown>;
    } catch {
      // a progress line or partial output
    }
  }
  return null;
}

/** Errors the bots counted, whatever the shape of their summary. */
export function botErrors(summary: Record<string, unknown> | null): number {
  if (!summary) return NaN;
  const inner = (summary.summary ?? summary) as Record<string, unknown>;
  const e = inner.errors;
  if (typeof e === "number") return e;
  if (e && typeof e === "object" && typeof (e as { count?: unknown }).count === "number") return (e as { count: number }).count;
  return NaN;
}

/**
 * One set of tick quantiles for the window from the summaries scraped at the end of each
 * chunk: the median of the p50s, the worst p99 (conservative, never flattering) and the
 * worst max (exact when the chunks tile the window).
 */
export function combineChunks(chunks: readonly Pick<TickMetrics, "p50" | "p99" | "max">[]): { p50: number; p99: number; max: number } {
  if (chunks.length === 0) return { p50: NaN, p99: NaN, max: NaN };
  const p50s = chunks.map((c) => c.p50).sort((x, y) => x - y);
  return { p50: p50s[Math.floor((p50s.length - 1) / 2)]!, p99: Math.max(...chunks.map((c) => c.p99)), max: Math.max(...chunks.map((c) => c.max)) };
}

/** Notes when the clients received state at a rate other than the side's patch rate
 *  (tick ÷ ticks per patch): below it, the server or the bots fell behind; above it, the
 *  server did not honour --ticks-per-patch. */
export function patchRateNotes(side: Side, patchRate: number, tickHz: number): string[] {
  const want = expectedPatchHz(side, tickHz);
  const rate = TICKS_PER_PATCH[side] === 1 ? `the ${fmtHz(want)} Hz patch rate (every tick)` : `the ${fmtHz(want)} Hz patch rate (${tickHz} Hz tick ÷ ${TICKS_PER_PATCH[side]})`;
  if (patchRate < want * 0.9) return [`bots received ${patchRate.toFixed(1)} state messages/s per player, below ${rate}`];
  if (patchRate > want * 1.1) return [`bots received ${patchRate.toFixed(1)} state messages/s per player, above ${rate}: the server did not run with the expected --ticks-per-patch`];
  return [];
}

function fmtHz(hz: number): string {
  return Number.isInteger(hz) ? String(hz) : hz.toFixed(1);
}

export async function runStep(side: Side, n: number, c: StepConfig): Promise<StepOutcome> {
  const port = await freePort();
  const wireDir = mkdtempSync(path.join(tmpdir(), "tickfire-bench-"));
  const rampSeconds = n / c.ramp;
  // generous: the bench stops the bots itself right after the window
  const duration = Math.ceil(rampSeconds * 2 + c.settleSeconds + c.holdSeconds + 60);
  const server = startNode(`${side} server`, serverArgs(side, port, c), { core: 0, stdin: true });
  let bots: Proc | null = null;
  try {
    const up = await poll(() => scrape(port), 20_000, 200);
    if (!up) return { result: null, sample: null, warning: `${side} server did not serve /metrics within 20 s: ${server.stderrTail().slice(-400)}` };
    bots = startNode(`${side} bots`, botsArgs(side, port, n, duration, c), { core: 1, stdin: true, env: { ...process.env, TICKFIRE_BENCH_WIRE_DIR: wireDir } });
    const b = bots;
    const reached = await poll(async () => {
      if (b.child.exitCode !== null) return "exited";
      return (await scrape(port)).players >= n ? "ok" : null;
    }, rampSeconds * 2000 + 15_000, 250);
    const notes: string[] = [];
    if (reached === "exited") return { result: null, sample: null, warning: `${side} bots exited during the ramp: ${b.stderrTail().slice(-400)}` };
    if (reached === null) notes.push("the ramp did not reach the target in time; measured with the players who joined");
    await sleep(c.settleSeconds * 1000);

    c.log(`  ${side} ${n}: measuring ${c.holdSeconds} s`);
    const a = await edge(side, port, server, b, wireDir);
    let rssMax = rssBytes(server.pid);
    const until = a.wallMs + c.holdSeconds * 1000;
    const chunks: TickMetrics[] = [];
    let nextChunk = a.wallMs + SUMMARY_CHUNK_SECONDS * 1000;
    while (performance.now() < until) {
      await sleep(Math.min(500, Math.max(0, until - performance.now())));
      rssMax = Math.max(rssMax, rssBytes(server.pid));
      if (performance.now() >= nextChunk && until - performance.now() > 1000) {
        chunks.push(await scrape(port));
        nextChunk += SUMMARY_CHUNK_SECONDS * 1000;
      }
    }
    const z = await edge(side, port, server, b, wireDir);
    chunks.push(z.metrics);
    const q = combineChunks(chunks);
    const late = combineChunks(chunks.map((m) => ({ p50: m.lateP50, p99: m.lateP99, max: m.lateMax })));
    if (b.child.exitCode !== null) notes.push("the bots process exited inside the window");

    const windowSeconds = (z.wallMs - a.wallMs) / 1000;
    const rates = windowRates(a.wire, z.wire);
    const players = z.metrics.players;
    const steps = z.metrics.count - a.metrics.count;
    const serverCpu = (z.serverCpu - a.serverCpu) / windowSeconds;
    const botsCpu = (z.botsCpu - a.botsCpu) / windowSeconds;
    const serverCpuSelf = (z.metrics.cpuSeconds - a.metrics.cpuSeconds) / windowSeconds;
    // What else ran on the two cores: other processes on this machine skew every number.
    // Interrupts (loopback TCP's softirq) are no process's time: shown apart, not as "other".
    const busy = (cpu: string) => busyBetween(a.cores, z.cores, cpu, windowSeconds) - busyBetween(a.cores, z.cores, cpu, windowSeconds, "irq");
    const irq = (cpu: string) => busyBetween(a.cores, z.cores, cpu, windowSeconds, "irq");
    const otherCpu = c.pinned
      ? { core0: Math.max(0, busy("cpu0") - serverCpu), core1: Math.max(0, busy("cpu1") - botsCpu), irq0: irq("cpu0"), irq1: irq("cpu1") }
      : { core0: NaN, core1: NaN, irq0: NaN, irq1: NaN, all: Math.max(0, busy("cpu") - serverCpu - botsCpu) };

    let sample: Sample | null = null;
    if (isColyseus(side)) {
      const withSample = [...z.wire.values()].filter((w) => w.sample).sort((x, y) => x.thread - y.thread)[0];
      if (withSample?.sample) sample = { side, bytes: withSample.sample.bytes, shown: hexRows(withSample.sample.hex), kind: "hex" };
    }

    await stop(b, { signal: "SIGINT", graceMs: 15_000 });
    const summary = lastJson(b.lines);
    if (side === "json") {
      const text = (summary?.summary as { sample?: string } | undefined)?.sample;
      if (text) sample = { side, bytes: Buffer.byteLength(text), shown: truncate(text, SAMPLE_TEXT_CHARS), kind: "text" };
    }
    const errors = botErrors(summary);

    const inputRate = players > 0 ? rates.messagesUp / players : 0;
    const patchRate = players > 0 ? rates.patches / players : 0;
    if (players < n) notes.push(`${players} of ${n} players on the server at the window's end`);
    if (botsCpu >= 0.9) notes.push(`bots' core saturated (${Math.round(botsCpu * 100)}% of a core): the server may see less load than ${n} real clients`);
    if (inputRate < c.tickHz * 0.9) notes.push(`bots sent ${inputRate.toFixed(1)} inputs/s per player, below the ${c.tickHz} Hz tick rate`);
    notes.push(...patchRateNotes(side, patchRate, c.tickHz));
    if (isColyseus(side) && rates.threads === 0) notes.push("no byte counters from the bots (wire hook not loaded?)");
    if (Math.abs(serverCpuSelf - serverCpu) > Math.max(0.02, 0.2 * serverCpu)) notes.push(`server CPU from /proc (${(serverCpu * 100).toFixed(1)}%) and its own /metrics (${(serverCpuSelf * 100).toFixed(1)}%) disagree`);
    if (otherCpu.core0 > 0.1) notes.push(`other processes used ${Math.round(otherCpu.core0 * 100)}% of the server's core during the window`);
    if (otherCpu.core1 > 0.1) notes.push(`other processes used ${Math.round(otherCpu.core1 * 100)}% of the bots' core during the window`);
    if (errors > 0) notes.push(`bots counted ${errors} errors`);

    const result: StepResult = {
      side,
      target: n,
      players,
      botsConnected: Math.round(Number((summary as { bots?: { connectedAtEnd?: number } } | null)?.bots?.connectedAtEnd ?? (summary?.summary as { connected?: number } | undefined)?.connected ?? NaN)),
      rooms: z.metrics.rooms,
      windowSeconds,
      tick: {
        p50Ms: q.p50 * 1000,
        p99Ms: q.p99 * 1000,
        maxMs: q.max * 1000,
        meanMs: steps > 0 ? ((z.metrics.sumSeconds - a.metrics.sumSeconds) / steps) * 1000 : NaN,
        steps,
        overruns: z.metrics.overruns - a.metrics.overruns,
        lateP50Ms: late.p50 * 1000,
        lateP99Ms: late.p99 * 1000,
        lateMaxMs: late.max * 1000,
      },
      serverCpu,
      botsCpu,
      serverCpuSelf,
      otherCpu,
      serverRssBytes: rssMax,
      downBps: players > 0 ? rates.down / players : NaN,
      upBps: players > 0 ? rates.up / players : NaN,
      patchBytes: rates.patches > 0 ? rates.patchBytes / rates.patches : NaN,
      patchRate,
      inputRate,
      cpuPerPlayerPct: players > 0 ? (serverCpu * 100) / players : NaN,
      playersPerCore: serverCpu > 0 ? players / serverCpu : NaN,
      errors,
      notes,
      botsSummary: summary,
    };
    return { result, sample };
  } finally {
    if (bots) await stop(bots, { signal: "SIGINT", graceMs: 15_000 });
    await stop(server, { graceMs: 10_000 });
    rmSync(wireDir, { recursive: true, force: true });
  }
}
