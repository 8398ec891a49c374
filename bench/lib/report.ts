/**
 * Turns a bench run into bench/results/bench.md and the one-line stdout summary.
 * Pure functions of the measured numbers: nothing here measures or adjusts anything.
 */
import { SIDE_LABEL, type BenchRun, type Side, type StepResult } from "./types.ts";

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
}

/** The targets, judged on the Colyseus side's numbers, never redefined to pass. */
export function checkTargets(run: BenchRun): TargetCheck[] {
  const col = run.results.filter((r) => r.side === "colyseus");
  const top = Math.max(...run.steps);
  const atTop = find(run.results, "colyseus", top);
  const at512 = find(run.results, "colyseus", 512);
  const notAt512 = (what: string): TargetCheck => ({ what, measured: "not measured (this run stops below 512 players)", met: null });
  const checks: TargetCheck[] = [];
  checks.push(
    atTop
      ? { what: "≤ 0.05% of a core per player (≥ 2,000 players per core)", measured: `${fmt(atTop.cpuPerPlayerPct, 3)}% at ${atTop.players} players (${fmt(atTop.playersPerCore)} per core)`, met: atTop.cpuPerPlayerPct <= 0.05 }
      : { what: "≤ 0.05% of a core per player", measured: "not measured", met: null },
  );
  checks.push(
    at512
      ? { what: "tick p99 ≤ 5 ms with 0 overruns at 512 players", measured: `p99 ${fmt(at512.tick.p99Ms, 2)} ms, ${at512.tick.overruns} overruns`, met: at512.tick.p99Ms <= 5 && at512.tick.overruns === 0 }
      : notAt512("tick p99 ≤ 5 ms with 0 overruns at 512 players"),
  );
  const worstDown = col.reduce<StepResult | undefined>((w, r) => (!w || r.downBps > w.downBps ? r : w), undefined);
  checks.push(
    worstDown
      ? {
          what: "≤ 2,000 B/s down per player in a 16-player room",
          measured: `${fmt(worstDown.downBps)} B/s (worst step: ${worstDown.target} players; patches ${fmt(worstDown.patchBytes * worstDown.patchRate)} B/s, other messages ${fmt(worstDown.downBps - worstDown.patchBytes * worstDown.patchRate)} B/s)`,
          met: worstDown.downBps <= 2000,
        }
      : { what: "≤ 2,000 B/s down per player", measured: "not measured", met: null },
  );
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
    "| players | side | rooms | tick p50 / p99 / max ms | tick mean ms | overruns | server CPU % core | CPU / player % core | players / core | RSS MB | down B/s / player | up B/s / player | B / state msg | state msgs / s / player | bots CPU % core | other processes % core 0 / 1 | errors |",
    "|---:|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  );
  for (const n of run.steps) for (const side of ["colyseus", "json"] as const) {
    const r = find(run.results, side, n);
    if (r) out.push(sideRow(r));
  }
  out.push("", "## Side by side (JSON baseline ÷ Colyseus)", "");
  out.push("| players | down B/s / player: Colyseus | JSON | ratio | CPU / player % core: Colyseus | JSON | ratio |", "|---:|---:|---:|---:|---:|---:|---:|");
  for (const n of run.steps) {
    const c = find(run.results, "colyseus", n);
    const j = find(run.results, "json", n);
    if (!c && !j) continue;
    out.push(
      `| ${n} | ${fmt(c?.downBps ?? NaN)} | ${fmt(j?.downBps ?? NaN)} | ${ratio(j?.downBps ?? NaN, c?.downBps ?? NaN)} | ` +
        `${fmt(c?.cpuPerPlayerPct ?? NaN, 3)} | ${fmt(j?.cpuPerPlayerPct ?? NaN, 3)} | ${ratio(j?.cpuPerPlayerPct ?? NaN, c?.cpuPerPlayerPct ?? NaN)} |`,
    );
  }
  out.push("", "## Targets (Colyseus side)", "", "| target | measured | |", "|---|---|---|");
  for (const t of checkTargets(run)) out.push(`| ${t.what} | ${t.measured} | ${mark(t.met)} |`);
  out.push("", "## One message of each", "");
  for (const s of run.samples) {
    out.push(`**${SIDE_LABEL[s.side]}**, ${fmt(s.bytes)} bytes${s.kind === "hex" ? " (binary; first bytes in hex)" : ""}:`, "");
    out.push("```" + (s.kind === "text" ? "json" : ""), s.shown, "```", "");
  }
  const notes = run.results.flatMap((r) => r.notes.map((n) => `- ${SIDE_LABEL[r.side]}, ${r.target} players: ${n}`));
  out.push("## How to read it", "");
  out.push(
    "- Tick p50/p99/max: each server's `GET /metrics` summary of its most recent steps, scraped every 5 s through the window; p50 is the median of those scrapes, p99 and max the worst. Where the server's summary window is longer than 5 s (see server/game/tick-stats.ts), steps from before the window (ramp, JIT warm-up) count too, which can only make p99 and max look worse. Tick mean and overruns are exact over the window (counter deltas).",
    "- CPU is user+sys of the server process (all threads) per wall second, from /proc; 100% = one core. CPU per player = server CPU ÷ players; players per core = players ÷ server CPU.",
    "- Bytes are WebSocket payloads counted at the clients (no TCP/IP or frame headers), over the window, per connected player per second. Colyseus' count includes every message (patches, chat/kill/hit events, input acks); the baseline sends state only.",
    "- B / state msg: the mean size of a state message at the clients: Colyseus patches (first byte's protocol code ROOM_STATE_PATCH) or JSON state broadcasts. Down B/s also counts the other messages (Colyseus: chat, kill and hit events).",
    "- Other processes: CPU time on each pinned core used by neither the server nor the bots during the window (other work on this machine, the bench's own scrapes), interrupts excluded (bench.json has them as irq0/irq1). Anything above a few % skews the row.",
    "- The JSON bots parse each room's broadcast once per process, not once per bot (the 16 copies are identical): this only keeps the load generator off its ceiling, it changes nothing the server does or the wire carries.",
    "- Bots CPU ≥ 90% of a core (⚠) means the bots' core is saturated: they may send fewer inputs than the tick rate, which flatters the server.",
  );
  if (notes.length || run.warnings.length) out.push("", "## Warnings", "", ...run.warnings.map((w) => `- ${w}`), ...notes);
  out.push("", "Reproduce: `npm run bench` (full, < 10 min) or `npm run bench -- --quick` (< 90 s). Raw numbers: bench.json; chart: bench.svg.", "");
  return out.join("\n");
}

/** The one line on stdout: the largest step of the Colyseus side against the baseline. */
export function summaryLine(run: BenchRun): string {
  const top = Math.max(...run.steps);
  const c = find(run.results, "colyseus", top);
  const j = find(run.results, "json", top);
  if (!c) return `bench: no Colyseus result at ${top} players (see bench/results/bench.md)`;
  const base = j ? ` (JSON baseline ${fmt(j.downBps)} B/s: ${ratio(j.downBps, c.downBps)})` : "";
  return (
    `bench: ${c.players} players: tick p99 ${fmt(c.tick.p99Ms, 1)} ms, ${c.tick.overruns} overruns, ` +
    `${fmt(c.cpuPerPlayerPct, 3)}% core/player, ${fmt(c.downBps)} B/s down/player${base}, RSS ${fmt(c.serverRssBytes / 2 ** 20)} MB`
  );
}
