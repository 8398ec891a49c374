/**
 * Command-line flags of `npm run lab`: parsing and validation only, so they are testable.
 * The bots CLI takes the lab's --latency/--jitter/--bandwidth rows from here.
 */
import { SERVER_PORT } from "../shared/constants.ts";
import { UsageError, defineCli, type CliOption } from "../shared/cli.ts";
import type { LabSettings } from "./latency-proxy.ts";

export interface LabOptions extends LabSettings {
  /** the game server as given, for messages. */
  targetUrl: string;
  target: { host: string; port: number };
  /** where the proxy listens. */
  host: string;
  port: number;
  seed: number;
}

const DEFAULT_TARGET = `http://127.0.0.1:${SERVER_PORT}`;

/** The lab's settings, shared with `npm run bots` (which turns them off by default). */
export const LAB_SETTINGS_CLI = {
  latency: { kind: "number", arg: "<ms>", unit: "milliseconds", min: 0, default: 100, help: "added round-trip time; each direction gets half" },
  jitter: { kind: "number", arg: "<ms>", unit: "milliseconds", min: 0, default: 20, help: "round-trip jitter: each chunk's one-way delay varies by ±jitter/2" },
  bandwidth: { kind: "int", arg: "<B/s>", min: 0, default: 0, help: "cap per direction per connection, bytes per second; 0 = none" },
} as const satisfies Record<string, CliOption>;

export const LAB_CLI = defineCli({
  command: "npm run lab --",
  about: `The latency lab: a TCP proxy in front of a Tickfire server that adds latency, jitter and
a bandwidth cap, never dropping or reordering bytes. Open the URL it prints: the page,
matchmaking and the game's WebSocket all go through it.`,
  options: {
    target: { kind: "string", arg: "<url>", default: DEFAULT_TARGET, help: "the game server" },
    port: { kind: "int", min: 0, max: 65535, default: 2570, help: "port the proxy listens on; 0 = any free port" },
    host: { kind: "string", arg: "<addr>", default: "127.0.0.1", help: "address the proxy binds" },
    ...LAB_SETTINGS_CLI,
    seed: { kind: "int", min: 0, max: 2 ** 32 - 1, default: 1, help: "seed of the jitter" },
  },
  notes: `Prints a stats line every 5 s; Ctrl-C stops it. Exit codes: 0 done (also after Ctrl-C),
1 the target cannot be reached or the port cannot be bound, 2 bad usage.`,
});

/** host and port of an http:// URL. https is refused: the proxy's own address would not
 *  match the server's certificate. */
export function parseTarget(raw: string, source: string): { host: string; port: number } {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new UsageError(`${source} must be a URL such as ${DEFAULT_TARGET}, got "${raw}"`);
  }
  if (u.protocol !== "http:") throw new UsageError(`${source} must be an http:// URL (the lab cannot proxy https), got "${raw}"`);
  return { host: u.hostname.replace(/^\[(.*)\]$/, "$1"), port: u.port === "" ? 80 : Number(u.port) };
}

/** Parses argv (without node and script). Throws UsageError; returns "help" for --help. */
export function parseLabArgs(argv: readonly string[]): LabOptions | "help" {
  const parsed = LAB_CLI.parse(argv);
  if (parsed === "help") return "help";
  const { target, host, port, latency, jitter, bandwidth, seed } = parsed.values;
  if (host.trim() === "") throw new UsageError("--host must be an address such as 127.0.0.1");
  return { targetUrl: target, target: parseTarget(target, "--target"), host, port, latencyMs: latency, jitterMs: jitter, bandwidthBytesPerSec: bandwidth, seed };
}
