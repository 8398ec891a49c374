/**
 * Main-thread side of the numbers: merges the workers' cumulative reports, turns them into
 * rates for the progress line, and builds and prints the final summary.
 */
import { quantile } from "../devkit/quantile.ts";
import type { RoundEvent } from "./bot.ts";
import type { WorkerReport } from "./worker.ts";

const SUMMED = [
  "bots", "joining", "connected", "dropped", "failed", "gone", "joined", "botSeconds", "inputs", "patches", "shots",
  "kills", "deaths", "hits", "errors", "warnings", "drops", "reconnects", "rehomes", "disconnects", "bytesDown", "bytesUp",
] as const;
export type Totals = Record<(typeof SUMMED)[number], number>;

/** Distinct error lines kept for the summary. */
const MAX_DISTINCT_NOTES = 20;

export class Aggregator {
  private readonly latest = new Map<number, WorkerReport>();
  private readonly roundKeys = new Set<string>();
  readonly rounds = { ended: 0, started: 0, maxKills: 0 };
  readonly notes = new Map<string, number>();
  readonly views: { roomId: string; seen: number }[] = [];

  add(worker: number, r: WorkerReport): void {
    this.latest.set(worker, r);
    for (const e of r.rounds) this.round(e);
    for (const [line, n] of Object.entries(r.notes)) {
      if (this.notes.has(line) || this.notes.size < MAX_DISTINCT_NOTES) this.notes.set(line, (this.notes.get(line) ?? 0) + n);
    }
    if (r.views) this.views.push(...r.views);
  }

  /** Bots of several threads share rooms: a round counts once per room. */
  private round(e: RoundEvent): void {
    const key = `${e.roomId}#${e.round}#${e.phase}`;
    if (this.roundKeys.has(key)) return;
    this.roundKeys.add(key);
    if (e.phase === "results") {
      this.rounds.ended++;
      this.rounds.maxKills = Math.max(this.rounds.maxKills, e.topKills);
    } else this.rounds.started++;
  }

  totals(): Totals {
    const t = Object.fromEntries(SUMMED.map((k) => [k, 0])) as Totals;
    for (const r of this.latest.values()) for (const k of SUMMED) t[k] += r[k];
    return t;
  }

  /** ascending, over every connected bot; "rtts" = pings, "acks" = input-ack round trips. */
  sorted(key: "rtts" | "acks"): number[] {
    return [...this.latest.values()].flatMap((r) => r[key]).sort((a, b) => a - b);
  }

  rooms(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.latest.values()) for (const [id, n] of Object.entries(r.rooms)) out[id] = (out[id] ?? 0) + n;
    return out;
  }

  allFinal(workers: number): boolean {
    return this.latest.size === workers && [...this.latest.values()].every((r) => r.final);
  }
}

export interface Progress {
  target: number;
  connected: number;
  joining: number;
  rooms: number;
  /** per second, over the last progress interval. */
  inputsPerSecond: number;
  patchesPerSecond: number;
  downBytesPerSecond: number;
  upBytesPerSecond: number;
  rttP50: number;
  rttP99: number;
  errors: number;
  disconnects: number;
}

/** Rates from two totals `seconds` apart. */
export function progressOf(agg: Aggregator, target: number, prev: Totals | null, seconds: number): Progress {
  const t = agg.totals();
  const rate = (k: keyof Totals) => (prev && seconds > 0 ? (t[k] - prev[k]) / seconds : 0);
  const rtts = agg.sorted("rtts");
  return {
    target,
    connected: t.connected,
    joining: t.joining,
    rooms: Object.keys(agg.rooms()).length,
    inputsPerSecond: rate("inputs"),
    patchesPerSecond: rate("patches"),
    downBytesPerSecond: rate("bytesDown"),
    upBytesPerSecond: rate("bytesUp"),
    rttP50: quantile(rtts, 0.5),
    rttP99: quantile(rtts, 0.99),
    errors: t.errors,
    disconnects: t.disconnects,
  };
}

export function formatBytes(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} kB`;
  return `${Math.round(n)} B`;
}

export function formatProgress(p: Progress): string {
  const joining = p.joining > 0 ? ` (+${p.joining} joining)` : "";
  return (
    `bots ${p.connected}/${p.target}${joining} | rooms ${p.rooms} | in ${Math.round(p.inputsPerSecond)}/s | ` +
    `patches ${Math.round(p.patchesPerSecond)}/s | down ${formatBytes(p.downBytesPerSecond)}/s up ${formatBytes(p.upBytesPerSecond)}/s | ` +
    `rtt p50 ${Math.round(p.rttP50)} p99 ${Math.round(p.rttP99)} ms | errors ${p.errors}` +
    (p.disconnects > 0 ? ` | disconnects ${p.disconnects}` : "")
  );
}

export interface Summary {
  url: string;
  strategy: string;
  room: string;
  seed: number;
  threads: number;
  /** s from start to the stop request. */
  seconds: number;
  /** why the run ended. */
  ended: "duration" | "signal" | "all bots gone" | "stopped";
  bots: { target: number; joined: number; failed: number; connectedAtEnd: number; disconnected: number; botSeconds: number };
  rooms: { count: number; list: { roomId: string; bots: number; seen: { min: number; max: number } }[] };
  inputs: { total: number; perSecond: number; perBotSecond: number };
  patches: { total: number; perSecond: number; perBotSecond: number };
  bytes: { down: number; up: number; downPerSecond: number; upPerSecond: number; downPerBotSecond: number; upPerBotSecond: number };
  /** ping round trip over the connected bots at the end, ms. */
  rttMs: { p50: number; p99: number; max: number };
  /** the SDK's input-ack round trip (room.clock.smoothedRtt()): the ping plus the wait for
   *  the server's next step, ms. */
  inputAckMs: { p50: number; p99: number; max: number };
  /** join failures, room errors, strategy exceptions. */
  errors: number;
  /** warnings the SDK or the schema decoder printed (a protocol mismatch shows up here). */
  warnings: number;
  /** distinct error and disconnect lines, with how often each happened. */
  notes: { message: string; count: number }[];
  drops: number;
  reconnects: number;
  /** bots whose process went away and that rejoined through quick play. */
  rehomes: number;
  game: { shotsFired: number; hits: number; kills: number; deaths: number };
  rounds: { ended: number; started: number; maxKills: number };
  /** the bots process: user+system CPU over the run, and as a share of one core. */
  cpu: { userSeconds: number; systemSeconds: number; percentOfCore: number };
}

/** One decimal place, for the summary's JSON numbers. */
export const round1 = (n: number): number => Math.round(n * 10) / 10;

export function formatSummary(s: Summary): string {
  const rooms = s.rooms.list.map((r) => `${r.roomId}: ${r.bots} bots, see ${r.seen.min === r.seen.max ? r.seen.min : `${r.seen.min}-${r.seen.max}`} players`);
  const lines = [
    `Tickfire bots: ${s.bots.target} × ${s.strategy} against ${s.url} (room ${s.room}, ${s.threads} thread${s.threads > 1 ? "s" : ""}), ${s.seconds} s, ended: ${s.ended}`,
    `  bots     joined ${s.bots.joined}/${s.bots.target}, failed ${s.bots.failed}, connected at the end ${s.bots.connectedAtEnd}, disconnected ${s.bots.disconnected}`,
    `  rooms    ${s.rooms.count}${rooms.length ? `: ${rooms.slice(0, 8).join("; ")}${rooms.length > 8 ? "; ..." : ""}` : ""}`,
    `  inputs   ${s.inputs.total} (${s.inputs.perSecond}/s, ${s.inputs.perBotSecond} per bot-second)`,
    `  patches  ${s.patches.total} (${s.patches.perSecond}/s, ${s.patches.perBotSecond} per bot-second)`,
    `  down     ${formatBytes(s.bytes.down)} (${formatBytes(s.bytes.downPerSecond)}/s, ${formatBytes(s.bytes.downPerBotSecond)} per bot-second)`,
    `  up       ${formatBytes(s.bytes.up)} (${formatBytes(s.bytes.upPerSecond)}/s, ${formatBytes(s.bytes.upPerBotSecond)} per bot-second)`,
    `  rtt      ping p50 ${s.rttMs.p50} ms, p99 ${s.rttMs.p99} ms, max ${s.rttMs.max} ms; input ack p50 ${s.inputAckMs.p50} ms, p99 ${s.inputAckMs.p99} ms`,
    `  game     ${s.game.shotsFired} trigger pulls, ${s.game.hits} hits, ${s.game.kills} kills, ${s.game.deaths} deaths; rounds ended ${s.rounds.ended}, started ${s.rounds.started}, best score ${s.rounds.maxKills}`,
    `  cpu      ${s.cpu.userSeconds} s user + ${s.cpu.systemSeconds} s system = ${s.cpu.percentOfCore}% of one core`,
    `  errors   ${s.errors}, warnings ${s.warnings}, drops ${s.drops}, reconnects ${s.reconnects}, rejoined after losing their process ${s.rehomes}`,
    ...s.notes.map((e) => `           ${e.count}× ${e.message}`),
  ];
  return lines.join("\n");
}
