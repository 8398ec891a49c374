/** What one step of the bench measured, for one side. Shared by the runner and the report. */

export type Side = "colyseus" | "json";

export const SIDE_LABEL: Record<Side, string> = { colyseus: "Colyseus", json: "JSON baseline" };

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
