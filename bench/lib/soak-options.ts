/**
 * Flags of `npm run soak` and the sampling plan: parsing, validation and the timeline
 * (warm-up, sample times) only, so they are unit-testable.
 */
import { parseArgs } from "node:util";

export class SoakUsageError extends Error {}

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

export const SOAK_DEFAULTS = { minutes: 30, bots: 256, sampleSeconds: 60, seed: 1 } as const;
/** s. One churn cycle: the churn bots join, play this long, leave, and the next cycle starts. */
export const CHURN_CYCLE_SECONDS = 30;
/** The goal: RSS growth after warm-up under this, in %, over 30 min with 256 bots. */
export const GOAL = { rssGrowthPct: 10, errors: 0, minutes: 30, bots: 256 } as const;

const MAX_MINUTES = 24 * 60;
const MAX_BOTS = 4000;

/** Default churn: one bot in 16 (one room's worth per 256), none below 16 bots. */
export function defaultChurn(bots: number): number {
  return Math.floor(bots / 16);
}

export const SOAK_USAGE = `Usage: npm run soak -- [options]

Starts a Tickfire server on a free 127.0.0.1 port, lets bots play on it by quick play
for --minutes after the ramp, samples the server's RSS, V8 heap and tick p99 from its
/metrics every --sample-seconds, and counts errors (bot errors, drops and disconnects,
server error lines, a server exit). Writes bench/results/soak.md and soak.json.

  --minutes <m>          minutes to play after the ramp; fractions allowed (default ${SOAK_DEFAULTS.minutes})
  --bots <n>             bots (default ${SOAK_DEFAULTS.bots})
  --sample-seconds <s>   seconds between samples (default ${SOAK_DEFAULTS.sampleSeconds})
  --churn <n>            of the bots, how many leave and rejoin every ${CHURN_CYCLE_SECONDS} s (chaos
                         strategy); the rest fight all along (default: bots / 16)
  --seed <n>             seed of the bots' random choices (default ${SOAK_DEFAULTS.seed})
  --help                 print this help

The first min(1, minutes / 5) minutes are warm-up: growth is measured from the first
sample after it to the last one. Goal (from the issue): over 30 min with 256 bots, RSS
growth under ${GOAL.rssGrowthPct}% after warm-up and 0 errors. Exit codes: 0 the run finished (goal met
or not: see the report), 1 the server could not be started or crashed, 2 bad usage.`;

function num(raw: string | undefined, name: string, def: number, min: number, max: number, whole: boolean): number {
  if (raw === undefined) return def;
  const n = Number(raw);
  const kind = whole ? "a whole number" : "a number";
  if (raw.trim() === "" || !Number.isFinite(n) || (whole && !Number.isInteger(n)) || n < min || n > max) {
    throw new SoakUsageError(`--${name} must be ${kind} from ${min} to ${max}, got "${raw}"`);
  }
  return n;
}

/** Parses argv (without node and script). Throws SoakUsageError; "help" for --help. */
export function parseSoakArgs(argv: string[]): SoakOptions | "help" {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        minutes: { type: "string" },
        bots: { type: "string" },
        "sample-seconds": { type: "string" },
        churn: { type: "string" },
        seed: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (e) {
    // parseArgs' messages run over several lines and mention its own API: keep the gist
    const first = (e as Error).message.split("\n")[0]!.split(". ")[0]!.replace(/\.$/, "");
    throw new SoakUsageError(
      first
        .replace(/^Unknown option '(.*)'$/, "unknown option $1")
        .replace(/^Unexpected argument '(.*)'$/, "unexpected argument $1 (options are --flags)")
        .replace(/^Option '(--[\w-]+) <value>' argument missing$/, "$1 needs a value")
        .replace(/^Option '(--[\w-]+)' argument is ambiguous$/, "$1 needs a value (write $1=<value> for one that starts with -)"),
    );
  }
  if (values.help) return "help";
  const s = (k: string) => values[k] as string | undefined;
  const minutes = num(s("minutes"), "minutes", SOAK_DEFAULTS.minutes, 0.05, MAX_MINUTES, false);
  const bots = num(s("bots"), "bots", SOAK_DEFAULTS.bots, 1, MAX_BOTS, true);
  const sampleSeconds = num(s("sample-seconds"), "sample-seconds", SOAK_DEFAULTS.sampleSeconds, 1, 3600, false);
  const churn = num(s("churn"), "churn", Math.min(defaultChurn(bots), bots - 1), 0, bots - 1, true);
  const seed = num(s("seed"), "seed", SOAK_DEFAULTS.seed, 0, 2 ** 32 - 1, true);
  return { minutes, bots, sampleSeconds, churn, seed };
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
