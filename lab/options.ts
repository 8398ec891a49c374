/**
 * Command-line flags of `npm run lab`: parsing and validation only, so they are testable.
 * The bots CLI validates its --latency/--jitter/--bandwidth with the same helpers.
 */
import { parseArgs } from "node:util";
import type { LabSettings } from "./latency-proxy.ts";

export class UsageError extends Error {}

export interface LabOptions extends LabSettings {
  /** the game server as given, for messages. */
  targetUrl: string;
  target: { host: string; port: number };
  /** where the proxy listens. */
  host: string;
  port: number;
  seed: number;
}

export const DEFAULTS = {
  target: "http://127.0.0.1:2567",
  host: "127.0.0.1",
  port: 2570,
  latencyMs: 100,
  jitterMs: 20,
  bandwidthBytesPerSec: 0,
  seed: 1,
};

export const USAGE = `Usage: npm run lab -- [options]

The latency lab: a TCP proxy in front of a Tickfire server that adds latency, jitter and
a bandwidth cap, never dropping or reordering bytes. Open the URL it prints: the page,
matchmaking and the game's WebSocket all go through it.

  --target <url>       the game server (default ${DEFAULTS.target})
  --port <n>           port the proxy listens on; 0 = any free port (default ${DEFAULTS.port})
  --host <addr>        address the proxy binds (default ${DEFAULTS.host})
  --latency <ms>       added round-trip time; each direction gets half (default ${DEFAULTS.latencyMs})
  --jitter <ms>        round-trip jitter: each chunk's one-way delay varies by ±jitter/2
                       (default ${DEFAULTS.jitterMs})
  --bandwidth <B/s>    cap per direction per connection, bytes per second; 0 = none (default 0)
  --seed <n>           seed of the jitter (default ${DEFAULTS.seed})
  --help               print this help

Prints a stats line every 5 s; Ctrl-C stops it. Exit codes: 0 done (also after Ctrl-C),
1 the target cannot be reached or the port cannot be bound, 2 bad usage.`;

/** A whole or decimal number ≥ 0 (ms); `def` when the flag is absent. */
export function msFlag(raw: string | undefined, name: string, def: number): number {
  if (raw === undefined) return def;
  const n = Number(raw);
  if (raw.trim() === "" || !Number.isFinite(n) || n < 0) throw new UsageError(`--${name} must be a number of milliseconds ≥ 0, got "${raw}"`);
  return n;
}

/** A whole number in [min, max]; `def` when the flag is absent. */
export function wholeFlag(raw: string | undefined, name: string, def: number, min: number, max: number): number {
  if (raw === undefined) return def;
  const n = Number(raw);
  const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`;
  if (!/^-?\d+$/.test(raw.trim()) || n < min || n > max) throw new UsageError(`--${name} must be a whole number ${range}, got "${raw}"`);
  return n;
}

/** host and port of an http:// URL. https is refused: the proxy's own address would not
 *  match the server's certificate. */
export function parseTarget(raw: string, flag: string): { host: string; port: number } {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new UsageError(`--${flag} must be a URL such as ${DEFAULTS.target}, got "${raw}"`);
  }
  if (u.protocol !== "http:") throw new UsageError(`--${flag} must be an http:// URL (the lab cannot proxy https), got "${raw}"`);
  return { host: u.hostname.replace(/^\[(.*)\]$/, "$1"), port: u.port === "" ? 80 : Number(u.port) };
}

/**
 * `--latency -5` would reach parseArgs as a flag followed by another flag and fail with a
 * confusing "ambiguous argument"; glue a negative number to its flag so the range check
 * below names the real problem.
 */
function glueNegativeNumbers(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = argv[i + 1];
    if (a.startsWith("--") && !a.includes("=") && next !== undefined && /^-\d/.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/** Parses argv (without node and script). Throws UsageError; returns "help" for --help. */
export function parseLabArgs(argv: string[]): LabOptions | "help" {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: glueNegativeNumbers(argv),
      strict: true,
      allowPositionals: false,
      options: {
        target: { type: "string" },
        port: { type: "string" },
        host: { type: "string" },
        latency: { type: "string" },
        jitter: { type: "string" },
        bandwidth: { type: "string" },
        seed: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (e) {
    // parseArgs' messages are long and mention its own API; keep the gist.
    const first = (e as Error).message.split(". ")[0]!;
    throw new UsageError(
      first
        .replace(/^Unknown option '(.*)'$/, "unknown option $1")
        .replace(/^Unexpected argument '(.*)'$/, "unexpected argument $1 (options are --flags)")
        .replace(/^Option '(--[\w-]+) <value>' argument missing$/, "$1 needs a value"),
    );
  }
  if (values.help) return "help";
  const s = (k: string) => values[k] as string | undefined;
  const targetUrl = s("target") ?? DEFAULTS.target;
  const host = s("host") ?? DEFAULTS.host;
  if (host.trim() === "") throw new UsageError("--host must be an address such as 127.0.0.1");
  return {
    targetUrl,
    target: parseTarget(targetUrl, "target"),
    host,
    port: wholeFlag(s("port"), "port", DEFAULTS.port, 0, 65535),
    latencyMs: msFlag(s("latency"), "latency", DEFAULTS.latencyMs),
    jitterMs: msFlag(s("jitter"), "jitter", DEFAULTS.jitterMs),
    bandwidthBytesPerSec: wholeFlag(s("bandwidth"), "bandwidth", DEFAULTS.bandwidthBytesPerSec, 0, Number.MAX_SAFE_INTEGER),
    seed: wholeFlag(s("seed"), "seed", DEFAULTS.seed, 0, 2 ** 32 - 1),
  };
}
