/**
 * The soak's numbers and report: growth after warm-up, trends, tick p99, errors, the
 * goal check, and the Markdown / summary text. Pure functions of a SoakRun.
 */
import { CHURN_CYCLE_SECONDS, GOAL, type SoakOptions } from "./soak-options.ts";

export interface SoakSample {
  /** s after the ramp, as planned. */
  t: number;
  /** s after the ramp when the reading came back. */
  atSeconds: number;
  warmup: boolean;
  /** NaN when /metrics could not be read. */
  rssBytes: number;
  heapUsedBytes: number;
  /** the lowest heap-in-use of the readings (every 5 s) since the previous sample: the
   *  floor of the garbage collector's sawtooth, which is what grows when memory leaks
   *  (a single heap reading swings by tens of % with the time since the last GC). */
  heapFloorBytes: number;
  /** at the sample's reading (JSON only): V8 heap reserved, and memory outside the V8 heap
   *  (external, of which ArrayBuffers), to tell a leak of live objects from heap
   *  reservation or native buffers. Absent or NaN when the server does not report them. */
  heapTotalBytes?: number;
  externalBytes?: number;
  arrayBuffersBytes?: number;
  /** ms, the worst of the server's recent-steps p99 read since the previous sample. */
  tickP99Ms: number;
  /** steps that started more than a tick late, since the ramp ended. */
  overruns: number;
  rooms: number;
  clients: number;
  botsConnected: number;
  errorsSoFar: number;
}

export interface ErrorCounts {
  /** bots: join failures, room errors, strategy exceptions. */
  botErrors: number;
  /** bots: connections lost. */
  botDrops: number;
  /** bots: left their room without being asked to. */
  botDisconnects: number;
  /** bots: SDK / decoder warnings (console.warn, console.error). */
  botWarnings: number;
  /** server log lines that look like errors (stdout or stderr). */
  serverErrorLines: number;
  /** GET /metrics failed or timed out (3 s). */
  scrapeFailures: number;
  /** 1 when the server exited before the soak stopped it. */
  serverExit: number;
}

export function errorTotal(e: ErrorCounts): number {
  return e.botErrors + e.botDrops + e.botDisconnects + e.botWarnings + e.serverErrorLines + e.scrapeFailures + e.serverExit;
}

export interface SoakRun {
  startedAt: string;
  /** s, the whole run including start, ramp and stop. */
  seconds: number;
  options: SoakOptions;
  warmupSeconds: number;
  /** loadAvg1: the 1-minute load average at the start and at the end (other work on the machine skews the tick p99). */
  machine: { cpus: number; node: string; pinned: boolean; loadAvg1: { start: number; end: number } };
  server: { args: string[]; crashed: { code: number | string; atSeconds: number } | null; shutdown: number | string | null };
  ramp: { seconds: number; reached: boolean; players: number };
  samples: SoakSample[];
  errors: ErrorCounts;
  serverWarningLines: number;
  serverLines: { line: string; kind: string; stream: string; count: number }[];
  botNotes: { message: string; count: number }[];
  churnCycles: number;
  interrupted: boolean;
  notes: string[];
}

export interface Goal {
  goal: string;
  measured: string;
  met: boolean;
}

export interface SoakSummary {
  /** the first sample at or after the end of the warm-up; null if none. */
  baseline: SoakSample | null;
  last: SoakSample | null;
  rssGrowthPct: number;
  /** from the heap floors (see SoakSample.heapFloorBytes). */
  heapGrowthPct: number;
  /** MB per minute, least squares over the samples from the baseline on (heap: floors). */
  rssTrendMBPerMin: number;
  heapTrendMBPerMin: number;
  tickP99: { worstMs: number; medianMs: number };
  overruns: number;
  errors: number;
  goals: Goal[];
}

const MB = 1024 * 1024;

export function growthPct(from: number, to: number): number {
  return from > 0 && Number.isFinite(to) ? ((to - from) / from) * 100 : NaN;
}

/** Least-squares slope of y over x; NaN with fewer than 2 distinct finite points. */
export function slope(points: readonly { x: number; y: number }[]): number {
  const p = points.filter((q) => Number.isFinite(q.x) && Number.isFinite(q.y));
  if (p.length < 2) return NaN;
  const mx = p.reduce((s, q) => s + q.x, 0) / p.length;
  const my = p.reduce((s, q) => s + q.y, 0) / p.length;
  const sxx = p.reduce((s, q) => s + (q.x - mx) ** 2, 0);
  return sxx > 0 ? p.reduce((s, q) => s + (q.x - mx) * (q.y - my), 0) / sxx : NaN;
}

function median(xs: number[]): number {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : NaN;
}

export function summarize(run: SoakRun): SoakSummary {
  const measured = run.samples.filter((s) => !s.warmup && Number.isFinite(s.rssBytes));
  const baseline = measured[0] ?? null;
  const last = measured.length >= 2 ? measured[measured.length - 1]! : null;
  const trend = (k: "rssBytes" | "heapFloorBytes") => slope(measured.map((s) => ({ x: s.t / 60, y: s[k] / MB })));
  const rssGrowthPct = baseline && last ? growthPct(baseline.rssBytes, last.rssBytes) : NaN;
  const heapGrowthPct = baseline && last ? growthPct(baseline.heapFloorBytes, last.heapFloorBytes) : NaN;
  const errors = errorTotal(run.errors);
  const p99s = measured.map((s) => s.tickP99Ms).filter(Number.isFinite);
  const o = run.options;
  const growthText = Number.isFinite(rssGrowthPct)
    ? `${signed(rssGrowthPct, 1)}% (${mb(baseline!.rssBytes)} MB at ${minutes(baseline!.t)} min → ${mb(last!.rssBytes)} MB at ${minutes(last!.t)} min)`
    : "not measured: fewer than two samples after the warm-up";
  return {
    baseline,
    last,
    rssGrowthPct,
    heapGrowthPct,
    rssTrendMBPerMin: trend("rssBytes"),
    heapTrendMBPerMin: trend("heapFloorBytes"),
    tickP99: { worstMs: p99s.length ? Math.max(...p99s) : NaN, medianMs: median(p99s) },
    overruns: run.samples.length ? run.samples[run.samples.length - 1]!.overruns : 0,
    errors,
    goals: [
      { goal: `RSS growth after warm-up < ${GOAL.rssGrowthPct}%`, measured: growthText, met: rssGrowthPct < GOAL.rssGrowthPct },
      { goal: `${GOAL.errors} errors`, measured: String(errors), met: errors <= GOAL.errors && !run.server.crashed },
    ].map((g) => ({ ...g, goal: `${g.goal} (${GOAL.minutes} min, ${GOAL.bots} bots${o.minutes === GOAL.minutes && o.bots === GOAL.bots ? "" : `; this run ${minutes(o.minutes * 60)} min, ${o.bots} bots`})` })),
  };
}

export function errorParts(e: ErrorCounts): string {
  return (
    `bot errors ${e.botErrors}, drops ${e.botDrops}, disconnects ${e.botDisconnects}, bot warnings ${e.botWarnings}, ` +
    `server error lines ${e.serverErrorLines}, failed /metrics reads ${e.scrapeFailures}, server exit ${e.serverExit ? "yes" : "no"}`
  );
}

const mb = (bytes: number) => (Number.isFinite(bytes) ? (bytes / MB).toFixed(1) : "n/a");
const minutes = (s: number) => String(Math.round((s / 60) * 100) / 100);
const fixed = (n: number, d: number) => (Number.isFinite(n) ? n.toFixed(d) : "n/a");
function signed(n: number, d: number): string {
  if (!Number.isFinite(n)) return "n/a";
  return `${n >= 0 ? "+" : ""}${n.toFixed(d)}`;
}

export function describeRun(run: SoakRun): string {
  const o = run.options;
  const fleet = o.churn > 0 ? `${o.bots - o.churn} fight all along + ${o.churn} chaos leaving and rejoining every ${CHURN_CYCLE_SECONDS} s` : `${o.bots} fight`;
  return (
    `${o.bots} bots (${fleet}) by quick play, ${minutes(o.minutes * 60)} min after a ${fixed(run.ramp.seconds, 1)} s ramp, ` +
    `a sample every ${o.sampleSeconds} s, warm-up ${minutes(run.warmupSeconds)} min`
  );
}

export function summaryLines(run: SoakRun, s: SoakSummary = summarize(run)): string[] {
  const lines = [
    `Tickfire soak: ${describeRun(run)}`,
    `  RSS    ${mb(s.baseline?.rssBytes ?? NaN)} MB → ${mb(s.last?.rssBytes ?? NaN)} MB after warm-up: ${signed(s.rssGrowthPct, 1)}% (trend ${signed(s.rssTrendMBPerMin, 2)} MB/min)`,
    `  heap   floor ${mb(s.baseline?.heapFloorBytes ?? NaN)} MB → ${mb(s.last?.heapFloorBytes ?? NaN)} MB after warm-up: ${signed(s.heapGrowthPct, 1)}% (trend ${signed(s.heapTrendMBPerMin, 2)} MB/min); ` +
      `in use at those samples ${mb(s.baseline?.heapUsedBytes ?? NaN)} → ${mb(s.last?.heapUsedBytes ?? NaN)} MB`,
    `  tick   p99 after warm-up: worst ${fixed(s.tickP99.worstMs, 2)} ms, median ${fixed(s.tickP99.medianMs, 2)} ms; ${s.overruns} overruns since the ramp`,
    `  errors ${s.errors} (${errorParts(run.errors)})`,
    ...s.goals.map((g) => `  goal   ${g.goal}: ${g.met ? "met" : "MISSED"}: ${g.measured}`),
  ];
  if (run.server.crashed) lines.push(`  server exited on its own (${run.server.crashed.code}) ${minutes(run.server.crashed.atSeconds)} min after the ramp`);
  if (run.interrupted) lines.push("  interrupted before the end (Ctrl-C)");
  return lines;
}

export function renderSoakMarkdown(run: SoakRun, s: SoakSummary = summarize(run)): string {
  const rows = run.samples.map(
    (x) =>
      `| ${minutes(x.t)} | ${x.warmup ? "warm-up" : "measured"} | ${mb(x.rssBytes)} | ${mb(x.heapUsedBytes)} | ${mb(x.heapFloorBytes)} | ${fixed(x.tickP99Ms, 2)} | ${x.overruns} | ` +
      `${fixed(x.rooms, 0)} | ${fixed(x.clients, 0)} | ${x.botsConnected} | ${x.errorsSoFar} |`,
  );
  const out = [
    "# Tickfire soak",
    "",
    `${run.startedAt}, ${run.machine.cpus} cores, Node ${run.machine.node}, ${run.machine.pinned ? "server pinned to core 0, bots on the other cores (taskset)" : "not pinned"}; ` +
      `${describeRun(run)}; whole run ${Math.round(run.seconds)} s. Command: \`npm run soak -- --minutes ${run.options.minutes} --bots ${run.options.bots} --sample-seconds ${run.options.sampleSeconds}\`.`,
    "",
    "## Goals",
    "",
    "| goal | measured | |",
    "|---|---|---|",
    ...s.goals.map((g) => `| ${g.goal} | ${g.measured} | **${g.met ? "met" : "missed"}** |`),
    "",
    "## Summary",
    "",
    "```",
    ...summaryLines(run, s),
    "```",
    "",
    "## Samples",
    "",
    "Minutes count from the end of the ramp. /metrics is read every 5 s; a row is the reading at its minute, except: heap floor is the lowest heap in use read since the previous row " +
      "(the bottom of the GC sawtooth: heap growth is measured on it, since one heap reading swings with the time since the last GC), and tick p99 is the worst of the server's " +
      "recent-steps p99 (its last ~5 s) read since the previous row. Overruns and errors are cumulative.",
    "",
    "| min | phase | RSS MB | heap used MB | heap floor MB | tick p99 ms | overruns | rooms | clients | bots connected | errors so far |",
    "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ...rows,
  ];
  const lines = run.serverLines.map((l) => `- ${l.count}× (${l.kind}, ${l.stream}) \`${l.line.replaceAll("`", "'")}\``);
  if (lines.length) out.push("", "## Server log lines (errors, warnings, other stderr)", "", ...lines);
  const notes = run.botNotes.map((n) => `- ${n.count}× ${n.message}`);
  if (notes.length) out.push("", "## Bot notes", "", ...notes);
  const other = [
    `ramp: ${run.ramp.players} players on the server after ${fixed(run.ramp.seconds, 1)} s${run.ramp.reached ? "" : " (did not reach the target in time)"}`,
    `churn cycles completed: ${run.churnCycles}`,
    `1-minute load average: ${run.machine.loadAvg1.start} at the start, ${run.machine.loadAvg1.end} at the end (other work on the machine skews the tick p99)`,
    `server warning lines: ${run.serverWarningLines}`,
    `server exit on SIGTERM at the end: ${run.server.shutdown ?? "n/a"}`,
    `server: \`node ${run.server.args.join(" ")}\``,
    ...run.notes,
  ];
  out.push("", "## Notes", "", ...other.map((n) => `- ${n}`), "");
  return out.join("\n");
}
