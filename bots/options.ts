/**
 * Command-line flags of `npm run bots`: parsing and validation only, so it is testable and
 * the programmatic API (bots/run.ts) takes the same options object.
 */
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { MAX_PLAYERS, ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH } from "../shared/constants.ts";
import { isLabOff, type LabSettings } from "../lab/latency-proxy.ts";
import { STRATEGY_NAMES, isStrategyName, type StrategyName } from "./strategies.ts";

/** bots. One worker thread per this many bots: one thread keeps ~150 SDK clients at 30 Hz
 *  with headroom (each decodes every patch of its room and sends an input per step). */
export const BOTS_PER_THREAD = 150;

/** "quick" = joinOrCreate; a room code = joinById; "spread" = create rooms of roomSize. */
export type RoomMode = { kind: "quick" } | { kind: "code"; code: string } | { kind: "spread" };

export interface BotOptions {
  url: string;
  count: number;
  room: RoomMode;
  /** players per room in spread mode. */
  roomSize: number;
  /** s; 0 = until Ctrl-C (or until every bot is gone). */
  duration: number;
  strategy: StrategyName;
  /** joins per second, over all threads. */
  ramp: number;
  seed: number;
  json: boolean;
  /** worker threads. */
  threads: number;
}

/** What the command line adds to BotOptions: the CLI puts the latency lab in front of --url. */
export interface BotCliOptions extends BotOptions {
  /** null = no --latency, --jitter or --bandwidth: the bots talk to --url directly. */
  lab: LabSettings | null;
}

export class UsageError extends Error {}

export const DEFAULTS = {
  url: "http://localhost:2567",
  count: 8,
  room: "quick",
  roomSize: MAX_PLAYERS,
  duration: 0,
  strategy: "fight" as StrategyName,
  ramp: 10,
  seed: 1,
};

export function defaultThreads(count: number): number {
  return Math.max(1, Math.min(availableParallelism(), Math.ceil(count / BOTS_PER_THREAD)));
}

export const USAGE = `Usage: npm run bots -- [options]

Headless Tickfire players: real @colyseus/sdk clients that join, move, aim and shoot.

  --url <url>          game server (default ${DEFAULTS.url})
  --count <n>          number of bots (default ${DEFAULTS.count})
  --room <mode>        quick   : quick play, like the Play button (default)
                       <CODE>  : join the room with this 5-character code
                       spread  : fill rooms of --room-size players, creating each room
  --room-size <n>      players per room with --room spread (default ${DEFAULTS.roomSize})
  --duration <s>       stop after this many seconds; 0 = until Ctrl-C (default 0)
  --strategy <name>    ${STRATEGY_NAMES.join(" | ")} (default ${DEFAULTS.strategy})
                         fight : hunt the nearest visible enemy, shoot in range
                         wander: roam the map, never shoot
                         idle  : stand still
                         chaos : random legal input every step
  --ramp <n>           joins per second (default ${DEFAULTS.ramp})
  --seed <n>           seed of the bots' random choices (default ${DEFAULTS.seed})
  --threads <n>        worker threads (default: 1 per ${BOTS_PER_THREAD} bots, at most the core count)
  --latency <ms>       play through the latency lab (lab/README.md): a proxy in front of
                       --url that adds this much round-trip time (default 0)
  --jitter <ms>        lab round-trip jitter: one-way delays vary by ±jitter/2 (default 0)
  --bandwidth <B/s>    lab cap per direction per bot connection; 0 = none (default 0)
  --json               print the final summary as one JSON object on stdout
                       (progress goes to stderr)
  --help               print this help

Bots send one input per server step at the rate the server advertises. Ctrl-C makes
every bot leave its room, then prints the summary. The run also ends when every bot has
lost its connection (the server went away). Exit codes: 0 done, 1 the server cannot be
reached, no bot could join or every bot lost its connection, 2 bad usage.`;

function intFlag(raw: string | undefined, name: string, def: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (raw === undefined) return def;
  if (!/^-?\d+$/.test(raw.trim())) throw new UsageError(`--${name} must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new UsageError(`--${name} must be ${max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `between ${min} and ${max}`}, got ${n}`);
  return n;
}

function numFlag(raw: string | undefined, name: string, def: number, min: number, exclusiveMin: boolean): number {
  if (raw === undefined) return def;
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(n) || n < min || (exclusiveMin && n === min)) {
    throw new UsageError(`--${name} must be a number ${exclusiveMin ? "above" : "at least"} ${min}, got "${raw}"`);
  }
  return n;
}

function parseRoom(raw: string | undefined): RoomMode {
  const v = raw ?? DEFAULTS.room;
  if (v === "quick") return { kind: "quick" };
  if (v === "spread") return { kind: "spread" };
  const code = v.toUpperCase();
  if (code.length === ROOM_CODE_LENGTH && [...code].every((ch) => ROOM_CODE_ALPHABET.includes(ch))) return { kind: "code", code };
  throw new UsageError(`--room must be quick, spread or a ${ROOM_CODE_LENGTH}-character room code, got "${v}"`);
}

function parseUrl(raw: string | undefined): string {
  const v = raw ?? DEFAULTS.url;
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new UsageError(`--url must be an http(s) URL such as ${DEFAULTS.url}, got "${v}"`);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") throw new UsageError(`--url must start with http:// or https://, got "${v}"`);
  return v.replace(/\/+$/, "");
}

/** Parses argv (without node and script). Throws UsageError; returns "help" for --help. */
export function parseBotArgs(argv: string[]): BotCliOptions | "help" {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        url: { type: "string" },
        count: { type: "string" },
        room: { type: "string" },
        "room-size": { type: "string" },
        duration: { type: "string" },
        strategy: { type: "string" },
        ramp: { type: "string" },
        seed: { type: "string" },
        threads: { type: "string" },
        latency: { type: "string" },
        jitter: { type: "string" },
        bandwidth: { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (e) {
    // parseArgs' messages are long and mention its own API; keep the gist.
    const first = (e as Error).message.split(". ")[0]!;
    throw new UsageError(first.replace(/^Unknown option '(.*)'$/, "unknown option $1").replace(/^Unexpected argument '(.*)'$/, "unexpected argument $1 (options are --flags)"));
  }
  if (values.help) return "help";
  const s = (k: string) => values[k] as string | undefined;
  const strategy = s("strategy") ?? DEFAULTS.strategy;
  if (!isStrategyName(strategy)) throw new UsageError(`--strategy must be one of ${STRATEGY_NAMES.join(", ")}, got "${strategy}"`);
  const count = intFlag(s("count"), "count", DEFAULTS.count, 1);
  const url = parseUrl(s("url"));
  const lab: LabSettings = {
    latencyMs: numFlag(s("latency"), "latency", 0, 0, false),
    jitterMs: numFlag(s("jitter"), "jitter", 0, 0, false),
    bandwidthBytesPerSec: intFlag(s("bandwidth"), "bandwidth", 0, 0),
  };
  // a byte-level proxy on 127.0.0.1 cannot present the server's TLS certificate
  if (!isLabOff(lab) && !url.startsWith("http://")) throw new UsageError(`--latency, --jitter and --bandwidth need an http:// --url, got "${url}"`);
  return {
    url,
    count,
    room: parseRoom(s("room")),
    roomSize: intFlag(s("room-size"), "room-size", DEFAULTS.roomSize, 1, 64),
    duration: numFlag(s("duration"), "duration", DEFAULTS.duration, 0, false),
    strategy,
    ramp: numFlag(s("ramp"), "ramp", DEFAULTS.ramp, 0, true),
    seed: intFlag(s("seed"), "seed", DEFAULTS.seed, 0, 2 ** 32 - 1),
    json: values.json === true,
    threads: intFlag(s("threads"), "threads", defaultThreads(count), 1, 64),
    lab: isLabOff(lab) ? null : lab,
  };
}
