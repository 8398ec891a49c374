/**
 * Flags of `npm run soak` and the sampling plan: parsing, validation and the timeline
 * (warm-up, sample times) only, so they are unit-testable.
 */
import { defineCli, toInteger } from "../../shared/cli.ts";

export interface SoakOptions {
  /** min the bots play after the ramp; fractions allowed for quick tries. */
  minutes: number;
  bots: number;
  /** s between samples. */
  sampleSeconds: number;
  /** of the bots, this many leave and rejoin by quick play every CHURN_CYCLE_SECONDS
   *  (random-input "chaos" bots); the rest fight for the whole run. */
  churn: number;
  seed: number;
}

/** s. One churn cycle: the churn bots join, play this long, leave, and the next cycle starts. */
export const CHURN_CYCLE_SECONDS = 30;
/** The goal: RSS growth after warm-up under this, in %, over 30 min with 256 bots. */
export const GOAL = { rssGrowthPct: 10, errors: 0, minutes: 30, bots: 256 } as const;

/** min and bots: a day of play, and more bots than one machine's bot threads can drive. */
const MAX_MINUTES = 24 * 60;
const MAX_BOTS = 4000;

/** Default churn: one bot in 16 (one room's worth per 256), none below 16 bots. */
export function defaultChurn(bots: number): number {
  return Math.floor(bots / 16);
}

export const SOAK_CLI = defineCli({
  command: "npm run soak --",
  about: `Starts a Tickfire server on a free 127.0.0.1 port, lets bots play on it by quick play
for --minutes after the ramp, samples the server's RSS, V8 heap and tick p99 from its
/metrics every --sample-seconds, and counts errors (bot errors, drops and disconnects,
server error lines, a server exit). Writes bench/results/soak.md and soak.json.`,
  options: {
    minutes: { kind: "number", arg: "<m>", min: 0.05, max: MAX_MINUTES, default: GOAL.minutes, help: "minutes to play after the ramp; fractions allowed" },
    bots: { kind: "int", min: 1, max: MAX_BOTS, default: GOAL.bots, help: "bots" },
    sampleSeconds: { kind: "number", arg: "<s>", min: 1, max: 3600, default: 60, help: "seconds between samples" },
    churn: { kind: "int", min: 0, max: MAX_BOTS - 1, defaultText: "bots / 16", help: `of the bots, how many leave and rejoin every ${CHURN_CYCLE_SECONDS} s (chaos\nstrategy); the rest fight all along` },
    seed: { kind: "int", min: 0, max: 2 ** 32 - 1, default: 1, help: "seed of the bots' random choices" },
  },
  notes: `The first min(1, minutes / 5) minutes are warm-up: growth is measured from the first
sample after it to the last one. Goal (from the issue): over ${GOAL.minutes} min with ${GOAL.bots} bots, RSS
growth under ${GOAL.rssGrowthPct}% after warm-up and 0 errors. Exit codes: 0 the run finished (goal met
or not: see the report), 1 the server could not be started or crashed, 2 bad usage.`,
});

/** Parses argv (without node and script). Throws UsageError; "help" for --help. */
export function parseSoakArgs(argv: readonly string[]): SoakOptions | "help" {
  const parsed = SOAK_CLI.parse(argv);
  if (parsed === "help") return "help";
  const { churn, ...v } = parsed.values;
  // the churn's bound depends on --bots: one bot at least fights all along
  return { ...v, churn: churn === undefined ? Math.min(defaultChurn(v.bots), v.bots - 1) : toInteger(String(churn), "--churn", 0, v.bots - 1) };
}

/** s of warm-up: the first min(1, minutes / 5) minutes. */
export function warmupSeconds(minutes: number): number {
  return Math.min(60, (minutes * 60) / 5);
}

/**
 * s after the ramp at which to sample: 0, every `sampleSeconds`, the end of the warm-up
 * (so the growth baseline is taken right there) and the end of the run; ascending, unique.
 */
export function sampleTimes(minutes: number, sampleSeconds: number): number[] {
  const end = minutes * 60;
  const out = new Set<number>([0, warmupSeconds(minutes), end]);
  for (let k = 1; k * sampleSeconds < end - 1e-9; k++) out.add(Math.round(k * sampleSeconds * 1000) / 1000);
  return [...out].sort((a, b) => a - b);
}
