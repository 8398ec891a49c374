/**
 * Command-line flags of `npm run bots`: parsing and validation only, so it is testable and
 * the programmatic API (bots/run.ts) takes the same options object.
 */
import { availableParallelism } from "node:os";
import { MAX_PLAYERS, ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH, SERVER_PORT } from "../shared/constants.ts";
import { UsageError, defineCli } from "../shared/cli.ts";
import { isLabOff, type LabSettings } from "../lab/latency-proxy.ts";
import { LAB_SETTINGS_CLI } from "../lab/options.ts";
import { STRATEGY_NAMES, type StrategyName } from "../shared/brains/strategies.ts";

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

const DEFAULT_URL = `http://localhost:${SERVER_PORT}`;

export function defaultThreads(count: number): number {
  return Math.max(1, Math.min(availableParallelism(), Math.ceil(count / BOTS_PER_THREAD)));
}

export const BOTS_CLI = defineCli({
  command: "npm run bots --",
  about: "Headless Tickfire players: real @colyseus/sdk clients that join, move, aim and shoot.",
  options: {
    url: { kind: "string", arg: "<url>", default: DEFAULT_URL, parse: parseUrl, help: "game server" },
    count: { kind: "int", min: 1, default: 8, help: "number of bots" },
    room: {
      kind: "string",
      arg: "<mode>",
      default: "quick",
      parse: parseRoom,
      help: `quick   : quick play, like the Play button\n<CODE>  : join the room with this ${ROOM_CODE_LENGTH}-character code\nspread  : fill rooms of --room-size players, creating each room`,
    },
    roomSize: { kind: "int", min: 1, max: 64, default: MAX_PLAYERS, help: "players per room with --room spread" },
    duration: { kind: "number", arg: "<s>", min: 0, default: 0, help: "stop after this many seconds; 0 = until Ctrl-C" },
    strategy: {
      kind: "enum",
      values: STRATEGY_NAMES,
      default: "fight",
      help: "fight : hunt the nearest visible enemy, shoot in range\nwander: roam the map, never shoot\nidle  : stand still\nchaos : random legal input every step",
    },
    ramp: { kind: "number", min: 0, minExclusive: true, default: 10, help: "joins per second" },
    seed: { kind: "int", min: 0, max: 2 ** 32 - 1, default: 1, help: "seed of the bots' random choices" },
    threads: { kind: "int", min: 1, max: 64, defaultText: `1 per ${BOTS_PER_THREAD} bots, at most the core count`, help: "worker threads" },
    // the latency lab's own flags, off by default here
    ...LAB_SETTINGS_CLI,
    latency: { ...LAB_SETTINGS_CLI.latency, default: 0 },
    jitter: { ...LAB_SETTINGS_CLI.jitter, default: 0 },
    json: { kind: "boolean", help: "print the final summary as one JSON object on stdout\n(progress goes to stderr)" },
  },
  notes: `--latency, --jitter and --bandwidth play through the latency lab (lab/README.md): a
proxy in front of --url.

Bots send one input per server step at the rate the server advertises. Ctrl-C makes
every bot leave its room, then prints the summary. The run also ends when every bot has
lost its connection (the server went away). Exit codes: 0 done, 1 the server cannot be
reached, no bot could join or every bot lost its connection, 2 bad usage.`,
});

function parseRoom(v: string, source: string): RoomMode {
  if (v === "quick") return { kind: "quick" };
  if (v === "spread") return { kind: "spread" };
  const code = v.toUpperCase();
  if (code.length === ROOM_CODE_LENGTH && [...code].every((ch) => ROOM_CODE_ALPHABET.includes(ch))) return { kind: "code", code };
  throw new UsageError(`${source} must be quick, spread or a ${ROOM_CODE_LENGTH}-character room code, got "${v}"`);
}

function parseUrl(v: string, source: string): string {
  let u: URL;
  try {
    u = new URL(v);
  } catch {
    throw new UsageError(`${source} must be an http(s) URL such as ${DEFAULT_URL}, got "${v}"`);
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") throw new UsageError(`${source} must start with http:// or https://, got "${v}"`);
  return v.replace(/\/+$/, "");
}

/** `npm run bots` (the SDK bots; the JSON baseline's bots have their own). Throws
 *  UsageError; returns "help" for --help. */
export function parseSdkBotArgs(argv: readonly string[]): BotCliOptions | "help" {
  const parsed = BOTS_CLI.parse(argv);
  if (parsed === "help") return "help";
  const { latency, jitter, bandwidth, threads, ...v } = parsed.values;
  const lab: LabSettings = { latencyMs: latency, jitterMs: jitter, bandwidthBytesPerSec: bandwidth };
  // a byte-level proxy on 127.0.0.1 cannot present the server's TLS certificate
  if (!isLabOff(lab) && !v.url.startsWith("http://")) throw new UsageError(`--latency, --jitter and --bandwidth need an http:// --url, got "${v.url}"`);
  return { ...v, threads: threads ?? defaultThreads(v.count), lab: isLabOff(lab) ? null : lab };
}
