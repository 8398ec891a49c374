/** What one step of the bench measured, for one side. Shared by the runner and the report. */
import { TICK_HZ } from "../../shared/constants.ts";

/** colyseus: the real server as shipped (a patch every tick); colyseus15: the same server
 *  started with `--ticks-per-patch 2`; json: the plain-ws baseline (bench/baseline). */
export type Side = "colyseus" | "colyseus15" | "json";

/** The sides in run order: at every step, the 15 Hz side runs right after the default one. */
export const SIDES: readonly Side[] = ["colyseus", "colyseus15", "json"];

/** The Colyseus sides, default first: the targets are judged on the first. */
export const COLYSEUS_SIDES: readonly Side[] = ["colyseus", "colyseus15"];

/** Fixed steps per state message: the server's `--ticks-per-patch` (the baseline: every step). */
export const TICKS_PER_PATCH: Record<Side, number> = { colyseus: 1, colyseus15: 2, json: 1 };

export function isColyseus(side: Side): boolean {
  return side !== "json";
}

export const SIDE_LABEL: Record<Side, string> = {
  colyseus: `Colyseus, patch every tick (${TICK_HZ} Hz)`,
  colyseus15: `Colyseus, patch every 2nd tick (${TICK_HZ / 2} Hz)`,
  json: "JSON baseline",
};

/** For narrow table headers. */
export const SIDE_SHORT: Record<Side, string> = { colyseus: `Colyseus ${TICK_HZ} Hz patches`, colyseus15: `Colyseus ${TICK_HZ / 2} Hz patches`, json: "JSON" };

export interface StepResult {
  side: Side;
  /** bots asked for. */
  target: number;
  /** players on the server during the window (its /metrics gauge at the window's end). */
  players: number;
  /** bots connected at the window's end, as the bots process counted them. */
  botsConnected: number;
  rooms: number;
  /** s, wall time of the measurement window. */
  windowSeconds: number;
  tick: {
    /** ms, from the server's /metrics summary at the window's end (its window: recent steps). */
    p50Ms: number;
    p99Ms: number;
    maxMs: number;
    /** ms, exact over the window: Δsum / Δcount. */
    meanMs: number;
    /** steps over the window, all rooms. */
    steps: number;
    /** steps that started more than one tick late, over the window. */
    overruns: number;
    /** ms a step started after it was due (/metrics tickfire_tick_lateness_seconds),
     *  combined over the window's scrapes like the duration quantiles. */
    lateP50Ms: number;
    lateP99Ms: number;
    lateMaxMs: number;
  };
  /** fraction of one core: Δ(user+sys) / Δwall over the window, from /proc. */
  serverCpu: number;
  botsCpu: number;
  /** the same, as the server reports itself (process_cpu_seconds_total): a cross-check. */
  serverCpuSelf: number;
  /** fraction of a core other processes used on the server's (core0) and the bots' (core1)
   *  core during the window; `all` (whole machine) when not pinned. irq0/irq1: interrupt
   *  time (mostly loopback TCP softirq) on each core, part of no process. */
  otherCpu: { core0: number; core1: number; irq0: number; irq1: number; all?: number };
  /** bytes, largest VmRSS sampled in the window. */
  serverRssBytes: number;
  /** B/s per player: client-counted WebSocket payload bytes over the window. */
  downBps: number;
  upBps: number;
  /** B per state message (patch / JSON broadcast): down bytes ÷ state messages, at the client. */
  patchBytes: number;
  /** state messages per second per player, at the client. */
  patchRate: number;
  /** client messages (inputs) sent per second per player: below the tick rate means the bots lagged. */
  inputRate: number;
  /** % of one core per player: serverCpu × 100 ÷ players. */
  cpuPerPlayerPct: number;
  playersPerCore: number;
  errors: number;
  /** anything that makes this row less trustworthy (bots saturated, ramp incomplete...). */
  notes: string[];
  /** the bots process' own final summary (whole run, not the window), for cross-checks. */
  botsSummary?: unknown;
}

export interface Sample {
  side: Side;
  /** bytes of the whole message. */
  bytes: number;
  /** JSON: the text (maybe truncated); Colyseus: hex of the first bytes. */
  shown: string;
  /** how `shown` is encoded. */
  kind: "text" | "hex";
}

export interface BenchRun {
  mode: "quick" | "full";
  startedAt: string;
  /** s the whole run took. */
  seconds: number;
  machine: { cpus: number; node: string; pinned: boolean; loadAvg1AtStart?: number };
  steps: number[];
  holdSeconds: number;
  results: StepResult[];
  samples: Sample[];
  warnings: string[];
}
