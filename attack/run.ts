/**
 * Runs attacks one after another against one server, and after each one checks that the
 * server is still fine for everyone else. Used by the CLI (attack/cli.ts) and the e2e
 * tests (e2e/hostile*.e2e.test.ts), so both judge by exactly the same code.
 */
import { isIP } from "node:net";
import { HEALTHZ_MAX_MS, MIN_PATCHES_PER_SECOND, RSS_GROWTH_MAX_MB, checkHealth, rssMb, type Health } from "./health.ts";
import { badOrigin, bigBody, codeGuessing, halfOpen, matchmakeFlood } from "./http-attacks.ts";
import type { Attack, AttackContext, Outcome } from "./kit.ts";
import { slowReaders } from "./slow-reader.ts";
import { fastFrames, hangFrames, oversizeFrame, randomFrames, slotFlood } from "./socket-attacks.ts";

/** Every attack, in the order docs/security.md lists them (a to j). */
export const ATTACKS: readonly Attack[] = [
  hangFrames,
  slowReaders,
  slotFlood,
  fastFrames,
  matchmakeFlood,
  bigBody,
  halfOpen,
  randomFrames,
  oversizeFrame,
  codeGuessing,
  badOrigin,
];

export const ATTACK_NAMES: readonly string[] = ATTACKS.map((a) => a.name);

export type Verdict = "PASS" | "FAIL";

export interface AttackReport {
  name: string;
  expect: string;
  outcome: Outcome;
  /** the server after the attack. */
  health: Health;
  verdict: Verdict;
  /** everything that made it fail: the attack's own problems, then the health check's. */
  problems: string[];
  ms: number;
}

export interface RunOptions {
  url: string;
  /** names to run, in this order; all when absent. */
  only?: readonly string[] | null;
  /** whether the attackers may spread over 127.x.y.z source addresses. */
  loopback: boolean;
  log?: (line: string) => void;
  onReport?: (report: AttackReport) => void;
}

/**
 * Source addresses: attack k plays its clients from 127.0.(10+k).1..250, so no two attacks
 * share an address (per-IP limits must judge each attack alone) and none is 127.0.0.1,
 * which the health probe uses. Fixed addresses (127.0.0.2...) are those the docs name.
 */
function context(base: URL, k: number, loopback: boolean, log: (line: string) => void): AttackContext {
  const spread = loopback && isIP(base.hostname) === 4;
  return {
    base,
    source: (i) => (spread ? `127.0.${10 + k}.${1 + (i % 250)}` : undefined),
    fixedSource: (address) => (spread ? address : undefined),
    log,
  };
}

/**
 * One attack, then the health check. `baselineRss` (MB) is the reading RSS growth is
 * judged against; `log` gets progress lines.
 */
export async function runAttack(attack: Attack, opts: { base: URL; loopback: boolean; baselineRss: number | null; log?: (line: string) => void }): Promise<AttackReport> {
  const log = opts.log ?? (() => {});
  log(`${attack.name}: ${attack.expect}`);
  const start = performance.now();
  let outcome: Outcome;
  try {
    outcome = await attack.run(context(opts.base, ATTACKS.indexOf(attack), opts.loopback, log));
  } catch (e) {
    outcome = { sent: "(the attack itself failed)", closedWith: "-", pass: false, problems: [`attack error: ${(e as Error).stack ?? e}`], measured: {} };
  }
  const health = await checkHealth(opts.base, opts.baselineRss);
  const problems = [...outcome.problems, ...health.problems.map((p) => `health: ${p}`)];
  const report: AttackReport = { name: attack.name, expect: attack.expect, outcome, health, verdict: problems.length === 0 ? "PASS" : "FAIL", problems, ms: Math.round(performance.now() - start) };
  log(`${attack.name}: ${report.verdict} in ${(report.ms / 1000).toFixed(1)} s${problems.length ? ` (${problems.join("; ")})` : ""}`);
  return report;
}

export function attackNamed(name: string): Attack {
  const attack = ATTACKS.find((a) => a.name === name);
  if (!attack) throw new Error(`no attack named ${name}`);
  return attack;
}

export async function runAttacks(opts: RunOptions): Promise<{ baseline: Health; reports: AttackReport[] }> {
  const base = new URL(opts.url);
  const chosen = opts.only ? opts.only.map(attackNamed) : ATTACKS;
  const baselineRss = await rssMb(base);
  const baseline = await checkHealth(base, baselineRss);
  opts.log?.(`baseline: ${describeHealth(baseline)}`);
  const reports: AttackReport[] = [];
  for (const attack of chosen) {
    const report = await runAttack(attack, { base, loopback: opts.loopback, baselineRss, log: opts.log });
    reports.push(report);
    opts.onReport?.(report);
  }
  return { baseline, reports };
}

export function describeHealth(h: Health): string {
  const hz = h.healthzMs === null ? `/healthz ${h.healthzStatus || "no answer"}` : `/healthz ${Math.round(h.healthzMs)} ms`;
  const p = h.patchesPerSecond === null ? "no fresh player" : `${h.patchesPerSecond.toFixed(1)} patches/s`;
  const rss = h.rssMb === null ? "RSS n/a" : `RSS ${Math.round(h.rssMb)} MB`;
  return `${hz}, ${p}, ${rss}`;
}

/** The results as a Markdown table (the CLI prints it; docs/security.md quotes one). */
export function formatTable(reports: readonly AttackReport[]): string {
  const cell = (s: string) => s.replaceAll("|", "\\|");
  const rows = reports.map((r) => {
    const h = r.health;
    return [
      r.name,
      r.outcome.sent,
      h.healthzMs === null ? String(h.healthzStatus || "none") : String(Math.round(h.healthzMs)),
      h.patchesPerSecond === null ? "no join" : h.patchesPerSecond.toFixed(1),
      h.rssMb === null ? "n/a" : String(Math.round(h.rssMb)),
      r.outcome.closedWith,
      r.outcome.skipped ? `${r.verdict} (partly skipped)` : r.verdict,
    ].map(cell);
  });
  const head = ["attack", "what was sent", "healthz ms", "fresh player patches/s", "RSS MB", "attacker closed with", "verdict"];
  const lines = [head, head.map(() => "---"), ...rows].map((cols) => `| ${cols.join(" | ")} |`);
  const legend =
    `healthz ms, patches/s and RSS are the server's health after each attack: /healthz within ${HEALTHZ_MAX_MS} ms, ` +
    `a fresh SDK player at >= ${MIN_PATCHES_PER_SECOND} patches/s, RSS within ${RSS_GROWTH_MAX_MB} MB of the first reading.`;
  return `${lines.join("\n")}\n\n${legend}`;
}

/** One line per problem of each failed attack, for under the table. */
export function formatProblems(reports: readonly AttackReport[]): string {
  return reports
    .filter((r) => r.verdict === "FAIL" || r.outcome.skipped)
    .flatMap((r) => [...r.problems.map((p) => `${r.name}: ${p}`), ...(r.outcome.skipped ? [`${r.name}: not checked: ${r.outcome.skipped}`] : [])])
    .join("\n");
}
