/**
 * Turns a bench run into bench/results/bench.md and the one-line stdout summary.
 * Pure functions of the measured numbers: nothing here measures or adjusts anything.
 */
import { COLYSEUS_SIDES, SIDE_LABEL, SIDE_SHORT, SIDES, type BenchRun, type Side, type StepResult } from "./types.ts";

/** 1234.5 → "1,235"; small numbers keep `digits` decimals. */
export function fmt(n: number, digits = 0): string {
  if (!Number.isFinite(n)) return "n/a";
  return n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A ratio as "14.5x", or n/a when either side is missing. */
export function ratio(num: number, den: number): string {
  return Number.isFinite(num) && Number.isFinite(den) && den > 0 ? `${fmt(num / den, 1)}x` : "n/a";
}

export function find(results: readonly StepResult[], side: Side, target: number): StepResult | undefined {
  return results.find((r) => r.side === side && r.target === target);
}

export interface TargetCheck {
  what: string;
  measured: string;
  /** null: not measured in this run. */
  met: boolean | null;
  /** set on the extra lines showing another Colyseus configuration against the same target:
   *  information only, the verdict is the default side's line above it. */
  side?: Side;
}

const CPU_TARGET = "≤ 0.05% of a core per player (≥ 2,000 players per core)";
const DOWN_TARGET = "≤ 2,000 B/s down per player in a 16-player room";
const VARIANT = "↳ same target, `--ticks-per-patch 2` (Colyseus, patch every 2nd tick, 15 Hz)";

/** CPU per player at the largest step of the run. */
function cpuCheck(run: BenchRun, side: Side, what: string): TargetCheck {
  const r = find(run.results, side, Math.max(...run.steps));
  return r
    ? { what, measured: `${fmt(r.cpuPerPlayerPct, 3)}% at ${r.players} players (${fmt(r.playersPerCore)} per core)`, met: r.cpuPerPlayerPct <= 0.05 }
    : { what, measured: "not measured", met: null };
}

/** Down bytes per player at the side's worst step. */
function downCheck(run: BenchRun, side: Side, what: string): TargetCheck {
  const worst = run.results.filter((r) => r.side === side).reduce<StepResult | undefined>((w, r) => (!w || r.downBps > w.downBps ? r : w), undefined);
  if (!worst) return { what, measured: "not measured", met: null };
  const patches = worst.patchBytes * worst.patchRate;
  return {
    what,
    measured: `${fmt(worst.downBps)} B/s (worst step: ${worst.target} players; patches ${fmt(patches)} B/s, other messages ${fmt(worst.downBps - patches)} B/s)`,
    met: worst.downBps <= 2000,
  };
}

/**
 * The targets, judged on the default Colyseus side (a patch every tick), never
 * redefined to pass. The CPU and bandwidth targets get one extra line each with what the
 * `--ticks-per-patch 2` side measured, judged by the same rule (`side` is set on those).
 */
export function checkTargets(run: BenchRun): TargetCheck[] {
  const at512 = find(run.results, "colyseus", 512);
  const notAt512 = (what: string): TargetCheck => ({ what, measured: "not measured (this run stops below 512 players)", met: null });
  const checks: TargetCheck[] = [];
  checks.push(cpuCheck(run, "colyseus", CPU_TARGET), { ...cpuCheck(run, "colyseus15", VARIANT), side: "colyseus15" });
  checks.push(
    at512
      ? { what: "tick p99 ≤ 5 ms with 0 overruns at 512 players", measured: `p99 ${fmt(at512.tick.p99Ms, 2)} ms, ${at512.tick.overruns} overruns`, met: at512.tick.p99Ms <= 5 && at512.tick.overruns === 0 }
      : notAt512("tick p99 ≤ 5 ms with 0 overruns at 512 players"),
  );
  checks.push(downCheck(run, "colyseus", DOWN_TARGET), { ...downCheck(run, "colyseus15", VARIANT), side: "colyseus15" });
  const ratios = run.steps
    .map((n) => ({ n, c: find(run.results, "colyseus", n), j: find(run.results, "json", n) }))
    .filter((x) => x.c && x.j && x.c.downBps > 0)
    .map((x) => ({ n: x.n, r: x.j!.downBps / x.c!.downBps }));
  const worstRatio = ratios.reduce<{ n: number; r: number } | undefined>((w, x) => (!w || x.r < w.r ? x : w), undefined);
  checks.push(
    worstRatio
      ? { what: "≥ 10x fewer bytes down than the JSON baseline", measured: `${fmt(worstRatio.r, 1)}x (worst step: ${worstRatio.n} players)`, met: worstRatio.r >= 10 }
      : { what: "≥ 10x fewer bytes than the JSON baseline", measured: "not measured", met: null },
  );
  checks.push(
    at512
      ? { what: "server RSS ≤ 300 MB at 512 players", measured: `${fmt(at512.serverRssBytes / 2 ** 20)} MB`, met: at512.serverRssBytes <= 300 * 2 ** 20 }
      : notAt512("server RSS ≤ 300 MB at 512 players"),
  );
  return checks;
}

function mark(met: boolean | null): string {
  return met === null ? "not measured" : met ? "met" : "**missed**";
}

function sideRow(r: StepResult): string {
  const cells = [
    r.target === r.players ? String(r.players) : `${r.players} of ${r.target}`,
    SIDE_LABEL[r.side],
    String(r.rooms),
    `${fmt(r.tick.p50Ms, 2)} / ${fmt(r.tick.p99Ms, 2)} / ${fmt(r.tick.maxMs, 2)}`,
    fmt(r.tick.meanMs, 2),
    String(r.tick.overruns),
    `${fmt(r.tick.lateP99Ms, 2)} / ${fmt(r.tick.lateMaxMs, 2)}`,
    fmt(r.serverCpu * 100, 1),
    fmt(r.cpuPerPlayerPct, 3),
    fmt(r.playersPerCore),
    fmt(r.serverRssBytes / 2 ** 20),
    fmt(r.downBps),
    fmt(r.upBps),
    fmt(r.patchBytes),
    fmt(r.patchRate, 1),
    fmt(r.botsCpu * 100, 0) + (r.botsCpu >= 0.9 ? " ⚠" : ""),
    r.otherCpu.all === undefined ? `${fmt(r.otherCpu.core0 * 100)} / ${fmt(r.otherCpu.core1 * 100)}` : `${fmt(r.otherCpu.all * 100)} (machine)`,
    String(r.errors),
  ];
  return `| ${cells.join(" | ")} |`;
}

/** One metric for every side at one step, then JSON ÷ each Colyseus side. */
function sideBySideCells(run: BenchRun, n: number, pick: (r: StepResult) => number, digits: number): string[] {
  const v = (side: Side) => {
    const r = find(run.results, side, n);
    return r ? pick(r) : NaN;
  };
  return [...COLYSEUS_SIDES.map((s) => fmt(v(s), digits)), fmt(v("json"), digits), ...COLYSEUS_SIDES.map((s) => ratio(v("json"), v(s)))];
}

const OVERRUNS_NOTE =
  "**Overruns.** An overrun is a step that started more than one tick (≈ 33 ms at 30 Hz) after it was due; both servers count them the same way (server/game/tick-stats.ts). " +
  "The tick p50 / p99 / max columns say how long steps take; the tick late p99 / max column says how late they start, which is what overruns count. " +
  "The two servers schedule steps differently. Each Colyseus room runs its own loop: `Room.setFixedTimestep` (node_modules/@colyseus/core/build/Room.mjs) fires a `setInterval` at the step length, " +
  "adds the measured delta to an accumulator and runs up to 5 catch-up steps back to back when the interval fires late (then drops the rest of the backlog); " +
  "the room records each step as due at anchor + n × step (StepSchedule in server/game/tick-stats.ts), so catch-up steps count as late. With N rooms there are N independent intervals on one event loop. " +
  "The baseline steps all rooms from one drift-free `setTimeout` loop whose step n is due at anchor + n × step (bench/baseline/json-server.ts). " +
  "Drift of the `setInterval` behind Colyseus' simulation interval is an open issue: [colyseus/colyseus#324](https://github.com/colyseus/colyseus/issues/324).";

export function renderMarkdown(run: BenchRun): string {
  const out: string[] = [];
  out.push(`# Tickfire benchmark (${run.mode})`, "");
  out.push(
    `${run.startedAt}, ${run.machine.cpus} cores, Node ${run.machine.node}, ` +
      `${run.machine.pinned ? "server pinned to core 0 and bots to core 1 (taskset)" : "NOT pinned (taskset missing)"}; ` +
      `16-player rooms, fight bots, ${run.holdSeconds} s measured per step after the ramp; whole run ${fmt(run.seconds)} s.`,
    "",
  );
  out.push("## Per step", "");
  out.push(
    "| players | side | rooms | tick p50 / p99 / max ms | tick mean ms | overruns | tick late p99 / max ms | server CPU % core | CPU / player % core | players / core | RSS MB | down B/s / player | up B/s / player | B / state msg | state msgs / s / player | bots CPU % core | other processes % core 0 / 1 | errors |",
    "|---:|---|---:|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  );
  for (const n of run.steps) for (const side of SIDES) {
    const r = find(run.results, side, n);
    if (r) out.push(sideRow(r));
  }
  const heads = (what: string) => [...COLYSEUS_SIDES.map((s, i) => (i === 0 ? `${what}: ${SIDE_SHORT[s]}` : SIDE_SHORT[s])), SIDE_SHORT.json, ...COLYSEUS_SIDES.map((s) => `JSON ÷ ${SIDE_SHORT[s]}`)];
  const cols = heads("").length;
  out.push("", "## Side by side (JSON baseline ÷ each Colyseus side)", "");
  out.push(`| players | ${[...heads("down B/s / player"), ...heads("CPU / player % core")].join(" | ")} |`, `|---:|${"---:|".repeat(cols * 2)}`);
  for (const n of run.steps) {
    if (!SIDES.some((side) => find(run.results, side, n))) continue;
    out.push(`| ${n} | ${[...sideBySideCells(run, n, (r) => r.downBps, 0), ...sideBySideCells(run, n, (r) => r.cpuPerPlayerPct, 3)].join(" | ")} |`);
  }
  out.push("", "## Targets (Colyseus, patch every tick)", "");
  out.push(
    "Every target is judged on the server as shipped (a patch every tick). The ↳ lines show what the `--ticks-per-patch 2` configuration measured against the same target, judged by the same rule; they do not change the verdict of the line above them.",
    "",
    "| target | measured | |",
    "|---|---|---|",
  );
  for (const t of checkTargets(run)) out.push(`| ${t.what} | ${t.measured} | ${mark(t.met)} |`);
  out.push("", "## One message of each", "");
  for (const s of run.samples) {
    out.push(`**${SIDE_LABEL[s.side]}**, ${fmt(s.bytes)} bytes${s.kind === "hex" ? " (binary; first bytes in hex)" : ""}:`, "");
    out.push("```" + (s.kind === "text" ? "json" : ""), s.shown, "```", "");
  }
  const notes = run.results.flatMap((r) => r.notes.map((n) => `- ${SIDE_LABEL[r.side]}, ${r.target} players: ${n}`));
  out.push("## How to read it", "");
  out.push(
    "- Sides: the real server as shipped (a state patch every tick, 30 Hz); the same server started with `--ticks-per-patch 2` (a patch every 2nd tick, 15 Hz; the simulation and the bots' inputs stay at 30 Hz); the JSON baseline (full state every tick). At every step they run one after another, in that order.",
    "- Tick p50/p99/max: each server's `GET /metrics` summary of its most recent steps, scraped every 5 s through the window; p50 is the median of those scrapes, p99 and max the worst. Where the server's summary window is longer than 5 s (see server/game/tick-stats.ts), steps from before the window (ramp, JIT warm-up) count too, which can only make p99 and max look worse. Tick mean and overruns are exact over the window (counter deltas).",
    "- Tick late p99 / max: how long after its due time each step started (`tickfire_tick_lateness_seconds`), from the same scrapes, worst p99 and worst max.",
    "- CPU is user+sys of the server process (all threads) per wall second, from /proc; 100% = one core. CPU per player = server CPU ÷ players; players per core = players ÷ server CPU.",
    "- Bytes are WebSocket payloads counted at the clients (no TCP/IP or frame headers), over the window, per connected player per second. Colyseus' count includes every message (patches, chat/kill/hit events, input acks); the baseline sends state only.",
    "- B / state msg: the mean size of a state message at the clients: Colyseus patches (first byte's protocol code ROOM_STATE_PATCH) or JSON state broadcasts. Down B/s also counts the other messages (Colyseus: chat, kill and hit events). State msgs / s should match each side's patch rate (30 or 15 Hz); a note says when it does not.",
    "- Other processes: CPU time on each pinned core used by neither the server nor the bots during the window (other work on this machine, the bench's own scrapes), interrupts excluded (bench.json has them as irq0/irq1). Anything above a few % skews the row.",
    "- The JSON bots parse each room's broadcast once per process, not once per bot (the 16 copies are identical): this only keeps the load generator off its ceiling, it changes nothing the server does or the wire carries.",
    "- Bots CPU ≥ 90% of a core (⚠) means the bots' core is saturated: they may send fewer inputs than the tick rate, which flatters the server.",
    "",
    OVERRUNS_NOTE,
  );
  if (notes.length || run.warnings.length) out.push("", "## Warnings", "", ...run.warnings.map((w) => `- ${w}`), ...notes);
  out.push("", "Reproduce: `npm run bench` (full, < 10 min) or `npm run bench -- --quick` (< 90 s). Raw numbers: bench.json; chart: bench.svg.", "");
  return out.join("\n");
}

/** The one line on stdout: the largest step of the default Colyseus side against the
 *  baseline, with the 15 Hz side's bytes beside it. */
export function summaryLine(run: BenchRun): string {
  const top = Math.max(...run.steps);
  const c = find(run.results, "colyseus", top);
  const c15 = find(run.results, "colyseus15", top);
  const j = find(run.results, "json", top);
  if (!c) return `bench: no Colyseus result at ${top} players (see bench/results/bench.md)`;
  const beside = [`patch every 2nd tick (15 Hz): ${c15 ? fmt(c15.downBps) : "n/a"} B/s`];
  if (j) beside.push(`JSON baseline ${fmt(j.downBps)} B/s: ${ratio(j.downBps, c.downBps)}`);
  return (
    `bench: ${c.players} players: tick p99 ${fmt(c.tick.p99Ms, 1)} ms, ${c.tick.overruns} overruns, ` +
    `${fmt(c.cpuPerPlayerPct, 3)}% core/player, ${fmt(c.downBps)} B/s down/player (${beside.join("; ")}), RSS ${fmt(c.serverRssBytes / 2 ** 20)} MB`
  );
}
