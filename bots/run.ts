/**
 * The programmatic API of the bots: start N bots split over worker threads, watch their
 * progress, stop them (every bot leaves its room) and get the summary. bots/cli.ts is a
 * thin shell around this; tests and tools can import it directly. This thread never loads
 * the SDK: all sockets live in the workers, so their byte counters see every socket.
 */
import { Worker } from "node:worker_threads";
import type { BotOptions } from "./options.ts";
import { quantile } from "../devkit/quantile.ts";
import { Aggregator, progressOf, round1, type Progress, type Summary, type Totals } from "./stats.ts";
import type { Slot, WorkerInput, WorkerReport } from "./worker.ts";

export type { BotOptions } from "./options.ts";
export type { Progress, Summary } from "./stats.ts";

/** ms. Progress cadence; the CLI prints every tick on a TTY and every other one otherwise. */
export const PROGRESS_MS = 1000;
/** ms. A worker that has not sent its final report by then (all leaves time out after 3 s)
 *  is terminated and its last report stands. */
const STOP_TIMEOUT_MS = 10_000;
/** ms. How long the reachability probe may take. */
const PROBE_TIMEOUT_MS = 5000;

export interface RunHooks {
  onProgress?: (p: Progress) => void;
}

export interface BotRun {
  /** the latest progress (rates over the last second). */
  progress(): Progress;
  /** the merged counters and round tallies so far. */
  readonly stats: Aggregator;
  /** resolves when the run ended: by duration, by stop(), or when every bot is gone. */
  readonly done: Promise<Summary>;
  stop(reason?: Summary["ended"]): Promise<Summary>;
}

/** null when the server answers GET /healthz, else one line saying why not. */
export async function probeServer(url: string): Promise<string | null> {
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    if (!res.ok) return `${url} answered GET /healthz with HTTP ${res.status}: is it a Tickfire server?`;
    return null;
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (e as Error).message;
    return `cannot reach the game server at ${url} (${why})`;
  }
}

/** Splits the bots over threads; a spread room's seats always share a thread. */
export function planSlots(o: BotOptions): Slot[][] {
  const threads = Math.max(1, Math.min(o.threads, o.count));
  const out: Slot[][] = Array.from({ length: threads }, () => []);
  for (let i = 0; i < o.count; i++) {
    const room = o.room;
    if (room.kind === "spread") {
      const group = Math.floor(i / o.roomSize);
      out[group % threads]!.push({ index: i, join: { kind: "spread", group } });
    } else {
      out[i % threads]!.push({ index: i, join: room.kind === "code" ? { kind: "code", code: room.code } : { kind: "quick" } });
    }
  }
  return out.filter((s) => s.length > 0);
}

export function startBots(options: BotOptions, hooks: RunHooks = {}): BotRun {
  const plan = planSlots(options);
  const agg = new Aggregator();
  const cpuStart = process.cpuUsage();
  const startedAt = performance.now();
  let stoppedAt = 0;
  let ended: Summary["ended"] = "stopped";
  let prev: { totals: Totals; at: number } = { totals: agg.totals(), at: startedAt };
  let latest = progressOf(agg, options.count, null, 0);
  let stopping: Promise<Summary> | null = null;
  let resolveDone!: (s: Summary) => void;
  const done = new Promise<Summary>((r) => (resolveDone = r));
  const finals: Promise<void>[] = [];
  let exited = 0;

  const workers = plan.map((slots, w) => {
    const data: WorkerInput = { options, slots, ramp: (options.ramp * slots.length) / options.count };
    // stdout/stderr piped, not inherited: nothing a worker prints may land in --json output.
    const worker = new Worker(new URL("./worker.ts", import.meta.url), { workerData: data, stdout: true, stderr: true });
    worker.stdout.resume();
    worker.stderr.on("data", (d: Buffer) => agg.notes.size < 20 && agg.notes.set(`thread ${w}: ${d.toString().trim().split("\n")[0]}`, 1));
    finals.push(
      new Promise<void>((resolve) => {
        worker.on("message", (r: WorkerReport) => {
          agg.add(w, r);
          if (r.final) resolve();
          else checkAllGone();
        });
        worker.on("error", (e) => {
          agg.notes.set(`thread ${w} crashed: ${e.message}`, 1);
          resolve();
        });
        worker.on("exit", () => {
          resolve();
          // every thread died on its own (a crash): nothing is left to run
          if (++exited === plan.length && !stopping) void stop("all bots gone");
        });
      }),
    );
    return worker;
  });

  const ticker = setInterval(() => {
    const now = performance.now();
    latest = progressOf(agg, options.count, prev.totals, (now - prev.at) / 1000);
    prev = { totals: agg.totals(), at: now };
    hooks.onProgress?.(latest);
  }, PROGRESS_MS);
  const timer = options.duration > 0 ? setTimeout(() => void stop("duration"), options.duration * 1000) : null;

  /** Every bot has had its turn and none is connected, joining or reconnecting. */
  function checkAllGone() {
    const t = agg.totals();
    if (t.bots === options.count && t.joined + t.failed >= options.count && t.connected + t.joining + t.dropped === 0) void stop("all bots gone");
  }

  async function stop(reason: Summary["ended"] = "stopped"): Promise<Summary> {
    if (stopping) return stopping;
    ended = reason;
    stoppedAt = performance.now();
    clearInterval(ticker);
    if (timer) clearTimeout(timer);
    stopping = (async () => {
      for (const w of workers) w.postMessage({ type: "stop" });
      let timeout: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all(finals), new Promise((r) => (timeout = setTimeout(r, STOP_TIMEOUT_MS)))]);
      clearTimeout(timeout);
      await Promise.all(workers.map((w) => w.terminate()));
      const summary = summarize();
      resolveDone(summary);
      return summary;
    })();
    return stopping;
  }

  function summarize(): Summary {
    const t = agg.totals();
    const seconds = (stoppedAt - startedAt) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    const wall = (performance.now() - startedAt) / 1000;
    const rtts = agg.sorted("rtts");
    const acks = agg.sorted("acks");
    const rooms = new Map<string, number[]>();
    for (const v of agg.views) rooms.set(v.roomId, [...(rooms.get(v.roomId) ?? []), v.seen]);
    const perSecond = (n: number) => round1(seconds > 0 ? n / seconds : 0);
    const perBot = (n: number) => round1(t.botSeconds > 0 ? n / t.botSeconds : 0);
    return {
      url: options.url,
      strategy: options.strategy,
      room: options.room.kind === "code" ? options.room.code : options.room.kind,
      seed: options.seed,
      threads: workers.length,
      seconds: round1(seconds),
      ended,
      bots: { target: options.count, joined: t.joined, failed: t.failed, connectedAtEnd: t.connected, disconnected: t.disconnects, botSeconds: round1(t.botSeconds) },
      rooms: {
        count: Math.max(rooms.size, Object.keys(agg.rooms()).length),
        list: [...rooms].map(([roomId, seen]) => ({ roomId, bots: seen.length, seen: { min: Math.min(...seen), max: Math.max(...seen) } })),
      },
      inputs: { total: t.inputs, perSecond: perSecond(t.inputs), perBotSecond: perBot(t.inputs) },
      patches: { total: t.patches, perSecond: perSecond(t.patches), perBotSecond: perBot(t.patches) },
      bytes: {
        down: t.bytesDown,
        up: t.bytesUp,
        downPerSecond: perSecond(t.bytesDown),
        upPerSecond: perSecond(t.bytesUp),
        downPerBotSecond: perBot(t.bytesDown),
        upPerBotSecond: perBot(t.bytesUp),
      },
      rttMs: { p50: quantile(rtts, 0.5), p99: quantile(rtts, 0.99), max: rtts[rtts.length - 1] ?? 0 },
      inputAckMs: { p50: quantile(acks, 0.5), p99: quantile(acks, 0.99), max: acks[acks.length - 1] ?? 0 },
      errors: t.errors,
      warnings: t.warnings,
      notes: [...agg.notes].map(([message, count]) => ({ message, count })),
      drops: t.drops,
      reconnects: t.reconnects,
      rehomes: t.rehomes,
      game: { shotsFired: t.shots, hits: t.hits, kills: t.kills, deaths: t.deaths },
      rounds: { ...agg.rounds },
      cpu: {
        userSeconds: round1(cpu.user / 1e6),
        systemSeconds: round1(cpu.system / 1e6),
        percentOfCore: round1(wall > 0 ? ((cpu.user + cpu.system) / 1e6 / wall) * 100 : 0),
      },
    };
  }

  return { progress: () => latest, stats: agg, done, stop };
}

/** Starts the bots and resolves with the summary when the run ends. */
export function runBots(options: BotOptions, hooks: RunHooks = {}): Promise<Summary> {
  return startBots(options, hooks).done;
}
