/**
 * Just enough of the Prometheus text format (0.0.4) to read the server's /metrics:
 * `name{label="v",...} value` lines; comments and blank lines are skipped.
 */

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\d+)?$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

function parseValue(s: string): number {
  if (s === "+Inf") return Infinity;
  if (s === "-Inf") return -Infinity;
  if (s === "NaN") return NaN;
  return Number(s);
}

export function parsePrometheus(text: string): Sample[] {
  const out: Sample[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) continue;
    const m = LINE.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? "").matchAll(LABEL)) labels[l[1]!] = l[2]!.replace(/\\(.)/g, (_, c: string) => (c === "n" ? "\n" : c));
    out.push({ name: m[1]!, labels, value: parseValue(m[3]!) });
  }
  return out;
}

/** The value of the first sample named `name` whose labels include `labels`; undefined if none. */
export function metric(samples: readonly Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))?.value;
}

/** The tick metrics the bench reads from either side's /metrics. */
export interface TickMetrics {
  /** s, over the server's recent window of steps. */
  p50: number;
  p99: number;
  max: number;
  /** s a step started after it was due, over the same recent window. */
  lateP50: number;
  lateP99: number;
  lateMax: number;
  /** cumulative. */
  count: number;
  sumSeconds: number;
  overruns: number;
  rooms: number;
  players: number;
  cpuSeconds: number;
  rssBytes: number;
}

export function tickMetrics(text: string): TickMetrics {
  const s = parsePrometheus(text);
  const need = (name: string, labels?: Record<string, string>) => {
    const v = metric(s, name, labels);
    if (v === undefined) throw new Error(`/metrics has no ${name}${labels ? JSON.stringify(labels) : ""}`);
    return v;
  };
  const q = (quantile: string) => need("tickfire_tick_duration_seconds", { quantile });
  const late = (quantile: string) => need("tickfire_tick_lateness_seconds", { quantile });
  return {
    p50: q("0.5"),
    p99: q("0.99"),
    max: q("1"),
    lateP50: late("0.5"),
    lateP99: late("0.99"),
    lateMax: late("1"),
    count: need("tickfire_tick_duration_seconds_count"),
    sumSeconds: need("tickfire_tick_duration_seconds_sum"),
    overruns: need("tickfire_tick_overruns_total"),
    rooms: need("tickfire_rooms"),
    players: need("tickfire_players"),
    cpuSeconds: metric(s, "process_cpu_seconds_total") ?? NaN,
    rssBytes: metric(s, "process_resident_memory_bytes") ?? NaN,
  };
}
