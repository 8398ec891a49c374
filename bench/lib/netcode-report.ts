/**
 * Turns a netcode bench run into bench/results/netcode.md and the one-line stdout summary.
 * Pure functions of the measured numbers: nothing here measures or adjusts anything.
 */
import { MISS_CAUSES, NEAR_MISS_GAP, type MissCause } from "../netcode/hit-matcher.ts";
import type { ProbeRunResult } from "../netcode/probe-run.ts";
import { UNDERRUN_CAUSES, type UnderrunCause } from "../netcode/probe-stats.ts";
import { fmt } from "./report.ts";

export interface ServerWindow {
  /** steps that started more than one tick late, during the window. */
  overruns: number;
  ticks: number;
  /** ms, worst p99 and max of how late steps started, over the window's scrapes. */
  lateP99Ms: number;
  lateMaxMs: number;
}

export interface Scenario {
  latencyMs: number;
  jitterMs: number;
  /** the server's --max-rewind-ms: 0 = lag compensation off. */
  maxRewindMs: number;
  probe: ProbeRunResult | null;
  server: ServerWindow | null;
  /** why the scenario has no result, or what went wrong beside it. */
  notes: string[];
}

export interface NetcodeRun {
  mode: "full" | "quick";
  startedAt: string;
  seconds: number;
  machine: { cpus: number; node: string; pinned: boolean };
  probes: number;
  windowSeconds: number;
  scenarios: Scenario[];
  warnings: string[];
}

/** The latency the goals are judged at. */
export const GOAL_LATENCY = { latencyMs: 100, jitterMs: 20 };
export const GOALS = { correctionP99: 1, underrunPct: 1, hitSharePct: 95 };

export const labLabel = (s: { latencyMs: number; jitterMs: number }) => (s.latencyMs === 0 && s.jitterMs === 0 ? "0 ms" : `${s.latencyMs} ± ${s.jitterMs} ms`);
const compLabel = (s: Scenario) => (s.maxRewindMs > 0 ? `on (${s.maxRewindMs} ms)` : "off");

export function findScenario(run: NetcodeRun, latencyMs: number, jitterMs: number, compensated: boolean): Scenario | undefined {
  return run.scenarios.find((s) => s.latencyMs === latencyMs && s.jitterMs === jitterMs && s.maxRewindMs > 0 === compensated && s.probe);
}

const MISS_LABEL: Record<MissCause, string> = {
  shooterDied: "shooter already dead on the server (shot never fired)",
  phantom: "never fired on the server, shooter alive",
  otherOrigin: "the server fired it from elsewhere (stale predicted position)",
  overkill: "target already killed by this shooter's earlier shot, still drawn alive",
  targetDied: "target died first",
  hitOther: "hit another player on the server",
  noCompensation: "compensation off",
  beyondBound: "view older than the rewind bound",
  mismatch: "rendered and rewound positions disagree",
};

const UNDERRUN_LABEL: Record<UnderrunCause, string> = {
  serverGap: "server stamped a gap (late or doubled step)",
  lateArrival: "patch late in transit",
  renderClock: "render clock moved past a patch on time",
  unended: "still open at the window's end",
};

/** Percentage points of binomial standard error of a share `n` of `d`. */
export function standardError(n: number, d: number): number {
  if (d <= 0) return NaN;
  const p = n / d;
  return 100 * Math.sqrt((p * (1 - p)) / d);
}

function pct(n: number, d: number): string {
  return d > 0 ? `${fmt((100 * n) / d, 1)}%` : "n/a";
}

function hitCell(s: Scenario | undefined): string {
  const h = s?.probe?.figures.hits;
  if (!h) return "not measured";
  return h.sharePct === null ? "no screen hits" : `${fmt(h.sharePct, 1)}% (${h.counted} of ${h.screenHits})`;
}

function scenarioRow(s: Scenario): string {
  const p = s.probe;
  if (!p) return `| ${labLabel(s)} | ${compLabel(s)} | ${"n/a | ".repeat(10)}${s.notes.join("; ") || "failed"} |`;
  const f = p.figures;
  const c = f.corrections;
  const u = f.underruns;
  const cells = [
    labLabel(s),
    compLabel(s),
    `${f.probes}`,
    `${fmt(f.rttMsP50, 0)} / ${fmt(f.delayMsP50, 0)} / ${fmt(f.jitterMsP50, 1)}`,
    `${fmt(c.p50, 2)} / ${fmt(c.p99, 2)} / ${fmt(c.max, 2)}`,
    `${c.count} of ${fmt(c.reconciles)} (alive ${c.alive.count}, dead ${c.dead.count}; ${c.teleports} respawns left out)`,
    `${fmt(u.pct, 2)}% (${u.underruns} of ${fmt(u.frames)})`,
    `${fmt(f.headroomMs.p1, 0)} / ${fmt(f.headroomMs.min, 0)}`,
    UNDERRUN_CAUSES.map((k) => u.episodes[k]).join(" / "),
    hitCell(s),
    `${f.hits.serverOnly} of ${f.hits.serverHits}`,
    `${fmt(p.frameGapP99Ms, 1)} / ${fmt(p.cpuPct, 0)}%`,
    s.server ? `${s.server.overruns} / ${fmt(s.server.lateP99Ms, 1)}` : "n/a",
  ];
  return `| ${cells.join(" | ")} |`;
}

function mark(met: boolean | null): string {
  return met === null ? "not measured" : met ? "met" : "**missed**";
}

export interface GoalCheck {
  what: string;
  measured: string;
  met: boolean | null;
}

export function checkGoals(run: NetcodeRun): GoalCheck[] {
  const on = findScenario(run, GOAL_LATENCY.latencyMs, GOAL_LATENCY.jitterMs, true);
  const off = findScenario(run, GOAL_LATENCY.latencyMs, GOAL_LATENCY.jitterMs, false);
  const at = labLabel(GOAL_LATENCY);
  const checks: GoalCheck[] = [];
  const c = on?.probe?.figures.corrections;
  checks.push({
    what: `own-player correction p99 ≤ ${GOALS.correctionP99} unit at ${at} (over the corrections themselves, teleports excluded)`,
    measured: c
      ? `p99 ${fmt(c.p99, 2)}, max ${fmt(c.max, 2)} over ${c.count} corrections in ${fmt(c.reconciles)} reconciles (p99 over every reconcile: ${fmt(c.p99AllReconciles, 2)}); ` +
        `${c.dead.count} of them while dead on the server, ${c.alive.count} while alive (p99 ${fmt(c.alive.p99, 2)})`
      : "not measured",
    met: c ? c.p99 <= GOALS.correctionP99 : null,
  });
  const u = on?.probe?.figures.underruns;
  checks.push({
    what: `remote interpolation underruns ≤ ${GOALS.underrunPct}% of frames at ${at}`,
    measured: u ? `${fmt(u.pct, 2)}% (${u.underruns} of ${fmt(u.frames)} frames)` : "not measured",
    met: u ? u.pct <= GOALS.underrunPct : null,
  });
  const h = on?.probe?.figures.hits;
  // Shots a player would not feel as lost: fired while already dead, or into a target its own
  // earlier shot had killed. Shown beside the verdict, never instead of it.
  const felt = h ? h.screenHits - h.missed.shooterDied - h.missed.overkill : 0;
  checks.push({
    what: `≥ ${GOALS.hitSharePct}% of the hits the shooter's screen showed are counted, at ${at}, compensation on`,
    measured:
      `${hitCell(on)}${h && h.sharePct !== null ? ` (± ${fmt(standardError(h.counted, h.screenHits), 1)} points, 1 s.e.)` : ""}; compensation off in the same run: ${hitCell(off)}` +
      (h && felt < h.screenHits
        ? `; leaving out the ${h.missed.shooterDied} shots fired after the shooter had died on the server and the ${h.missed.overkill} into a target its own earlier shot had killed: ${pct(h.counted, felt)}`
        : ""),
    met: h && h.sharePct !== null ? h.sharePct >= GOALS.hitSharePct : null,
  });
  return checks;
}

/** Observations the numbers of this run support, one line each. */
export function observations(run: NetcodeRun): string[] {
  const out: string[] = [];
  const done = run.scenarios.filter((s) => s.probe);
  const sum = (f: (s: Scenario) => number) => done.reduce((a, s) => a + f(s), 0);
  const alive = sum((s) => s.probe!.figures.corrections.alive.count);
  const dead = sum((s) => s.probe!.figures.corrections.dead.count);
  const hpOnly = sum((s) => s.probe!.figures.corrections.hpOnly);
  const reconciles = sum((s) => s.probe!.figures.corrections.reconciles);
  out.push(
    `**Corrections.** Over all scenarios, ${alive + dead} of ${fmt(reconciles)} reconciles moved the predicted player (teleports excluded): ${alive} while alive, ${dead} while dead on the server. ` +
      `The largest alive correction per scenario: ${done.map((s) => `${labLabel(s)} ${compLabel(s)} ${fmt(s.probe!.figures.corrections.alive.max, 2)}`).join(", ")}; ` +
      `while dead: ${done.map((s) => fmt(s.probe!.figures.corrections.dead.max, 2)).join(", ")}. ` +
      `A further ${hpOnly} reconciles moved nothing but changed hp; GameSession's log, fed the SDK's max over x, y and hp, would count each of those as a correction of about 20 units.`,
  );
  const eps = UNDERRUN_CAUSES.map((k) => ({ k, n: sum((s) => s.probe!.figures.underruns.episodes[k]) }));
  out.push(
    `**Underruns.** Episodes (consecutive underrunning frames) over all scenarios, by cause: ${eps.map((e) => `${UNDERRUN_LABEL[e.k]} ${e.n}`).join("; ")}. ` +
      `Headroom (newest patch's server time minus the render target, every frame), p1 / min in ms: ${done.map((s) => `${labLabel(s)} ${compLabel(s)} ${fmt(s.probe!.figures.headroomMs.p1, 0)} / ${fmt(s.probe!.figures.headroomMs.min, 0)}`).join(", ")}. ` +
      `Server steps that started more than a tick late during the windows: ${done.map((s) => (s.server ? `${labLabel(s)} ${compLabel(s)} ${s.server.overruns}` : "")).filter(Boolean).join(", ") || "not scraped"}.`,
  );
  for (const comp of [true, false]) {
    const rows = done.filter((s) => s.maxRewindMs > 0 === comp);
    const missed = MISS_CAUSES.map((k) => ({ k, n: rows.reduce((a, s) => a + s.probe!.figures.hits.missed[k], 0) })).filter((m) => m.n > 0);
    const total = (f: (p: ProbeRunResult) => number) => rows.reduce((a, s) => a + f(s.probe!), 0);
    const grazes = total((p) => p.figures.hits.grazes);
    const grazesCounted = total((p) => p.figures.hits.grazesCounted);
    const only = total((p) => p.figures.hits.serverOnly);
    const onlyOther = total((p) => p.figures.hits.serverOnlyScreenOther);
    const onlyNear = total((p) => p.figures.hits.serverOnlyNearMiss);
    const gapP50 = rows.map((s) => s.probe!.figures.hits).filter((h) => h.serverOnlyNearMiss > 0).map((h) => fmt(h.nearMissGapP50, 1));
    out.push(
      `**Hit misses, compensation ${comp ? "on" : "off"}.** ${missed.length ? missed.map((m) => `${MISS_LABEL[m.k]} ${m.n}`).join("; ") : "none"}. ` +
        `Grazes (the rendered line passed < 4 units inside the hit circle): ${grazes}, of which the server counted ${grazesCounted} (${pct(grazesCounted, grazes)}). ` +
        `Server-only hits: ${only}; for ${onlyOther} the screen showed that shot hitting someone else, for ${onlyNear} it showed it passing within ${NEAR_MISS_GAP} units of that target (median gap per scenario: ${gapP50.join(", ") || "n/a"} units), the other ${only - onlyOther - onlyNear} match no shot the screen showed near that target.`,
    );
  }
  return out;
}

export function renderNetcodeMarkdown(run: NetcodeRun, limits: readonly string[] = []): string {
  const out: string[] = [];
  out.push(`# Tickfire netcode bench (${run.mode})`, "");
  out.push(
    `${run.startedAt}, ${run.machine.cpus} cores, Node ${run.machine.node}, ` +
      `${run.machine.pinned ? "server pinned to core 0 and the probes to core 1 (taskset)" : "NOT pinned (taskset missing or one core)"}; ` +
      `${run.probes} probes in one room per scenario through the latency lab, ${run.windowSeconds} s measured per scenario; whole run ${fmt(run.seconds)} s.`,
    "",
  );
  out.push("## Goals", "", "| goal | measured | |", "|---|---|---|");
  for (const g of checkGoals(run)) out.push(`| ${g.what} | ${g.measured} | ${mark(g.met)} |`);
  out.push("", "## Per scenario", "");
  out.push(
    "| lab RTT | lag compensation | probes | RTT / interp delay / jitter ms (p50) | correction p50 / p99 / max u | corrections of reconciles | underruns % of frames | headroom p1 / min ms | underrun episodes: server gap / late patch / render clock / open | screen hits counted | server-only hits of all hits | probe frame gap p99 ms / CPU | server overruns / late p99 ms |",
    "|---|---|---:|---|---|---|---|---|---|---|---|---|---|",
  );
  for (const s of run.scenarios) out.push(scenarioRow(s));
  out.push("", "## Hit registration, compensation on and off side by side", "");
  out.push(`| lab RTT | on: counted | off: counted | on: misses by cause | off: misses by cause |`, "|---|---|---|---|---|");
  const labs = [...new Map(run.scenarios.map((s) => [`${s.latencyMs}/${s.jitterMs}`, s])).values()];
  for (const l of labs) {
    const on = findScenario(run, l.latencyMs, l.jitterMs, true);
    const off = findScenario(run, l.latencyMs, l.jitterMs, false);
    const causes = (s: Scenario | undefined) => {
      const m = s?.probe?.figures.hits.missed;
      if (!m) return "n/a";
      const parts = MISS_CAUSES.filter((k) => m[k] > 0).map((k) => `${MISS_LABEL[k]} ${m[k]}`);
      return parts.length ? parts.join("; ") : "none";
    };
    out.push(`| ${labLabel(l)} | ${hitCell(on)} | ${hitCell(off)} | ${causes(on)} | ${causes(off)} |`);
  }
  out.push("", "## What limits each figure", "", ...observations(run).map((o) => `- ${o}`), ...limits.map((l) => `- ${l}`));
  out.push("", "## How it is measured", "");
  out.push(
    "- Each scenario: the real server (`server/index.ts`, `--kill-limit 1000 --round-seconds 3600` so no round ends inside the window), the latency lab's proxy (`lab/latency-proxy.ts`; the lab RTT is added round trip, the ± its jitter), and one process of probes (`bench/netcode/probe-run.ts`). Compensation on and off are two server processes run back to back at each latency.",
    "- A probe (`bench/netcode/probe.ts`) runs the browser client's own `client/net/GameSession.ts` (through the thin adapter `bench/netcode/probe-session.ts`: Predict lerp with the adapted delay on every lerp profile, the reconciler stepping the shared `movePlayer`, one input per fixed step from `predict.tick`, the predicted fire cooldown and shots) from a shared 60 Hz frame loop, and plays the `fight` strategy on what it rendered in the previous frame.",
    "- Corrections: at each own-player reconcile, the distance (x, y) the SDK moved the prediction before smoothing hid it (`lastCorrection`, enabled with `warnOnDivergence: Infinity`). Quantiles are over the reconciles that moved it (the rule of `client/net/corrections.ts`); teleports (≥ `TELEPORT_DIST`, respawns) are excluded. \"Dead\" = the own player's hp was 0 in the state at that reconcile.",
    "- Underruns: the client's `UnderrunCounter` fed exactly as `GameSession` feeds it (`renderTarget(serverNow, delay, smoothedRtt)` against `clock.lastServerTime()`), every frame. An episode's cause is read when the patch that ends it arrives: its server stamp more than 1.5 patch intervals after the previous one = server gap; else it arrived more than 1.5 intervals after the previous patch = late in transit; else the render target outran patches that came on time.",
    "- Hit registration: each own shot leaves the predicted position at the fire frame and flies by `flightDistance` on the client clock; every frame its new segment is tested (`segmentHitsCircle`, radius `hitReach()`) against the other players where that frame drew them (alive by their drawn, interpolated hp, and unshielded as the state showed them), up to its wall or range (`flightLength`). No server rewind code is used. A screen hit is counted when a `hit` message naming this shooter and that target arrives between 150 ms before the screen hit and its screen time + RTT + 300 ms; each message pairs with one shot (`bench/netcode/hit-matcher.ts`). Server-only hits are hit messages no screen hit explains.",
    "- Miss causes, first that applies: the server never showed the projectile and the shooter's own kill arrived in the shot's window (it fired while already dead on the server); the server's projectile left from more than 1 unit away from the predicted muzzle; the target's kill by this shooter (an earlier shot of its own had killed it: overkill) or by anyone else arrived in the window; an unexplained hit on another target arrived in it; the server never showed the projectile; compensation off; the estimated view lag (interp delay + RTT) exceeded the rewind bound; otherwise the rendered and server-side positions disagreed.",
    "- Headroom: every frame, `clock.lastServerTime()` minus the render target; an underrun is a frame where it is negative, so its low quantiles say how close the run came to one.",
  );
  const notes = run.scenarios.flatMap((s) => [...s.notes, ...(s.probe?.errors ?? [])].map((n) => `- ${labLabel(s)} ${compLabel(s)}: ${n}`));
  if (notes.length || run.warnings.length) out.push("", "## Warnings", "", ...run.warnings.map((w) => `- ${w}`), ...notes);
  out.push("", "Reproduce: `npm run bench:netcode` (full, about 4 min) or `npm run bench:netcode -- --quick` (under 90 s). Raw numbers: netcode.json.", "");
  return out.join("\n");
}

/** The one line on stdout: the three goals at 100 ± 20 ms. */
export function netcodeSummaryLine(run: NetcodeRun): string {
  const on = findScenario(run, GOAL_LATENCY.latencyMs, GOAL_LATENCY.jitterMs, true)?.probe?.figures;
  const off = findScenario(run, GOAL_LATENCY.latencyMs, GOAL_LATENCY.jitterMs, false)?.probe?.figures;
  if (!on) return `bench:netcode: no result at ${labLabel(GOAL_LATENCY)} with compensation (see bench/results/netcode.md)`;
  const share = (f: typeof on | undefined) => (f?.hits.sharePct === null || f === undefined ? "n/a" : `${fmt(f.hits.sharePct, 1)}%`);
  return (
    `bench:netcode: at ${labLabel(GOAL_LATENCY)}: correction p99 ${fmt(on.corrections.p99, 2)} u (${on.corrections.count} corrections), ` +
    `underruns ${fmt(on.underruns.pct, 2)}% of frames, screen hits counted ${share(on)} with compensation, ${share(off)} without`
  );
}
