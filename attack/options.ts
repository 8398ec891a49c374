/**
 * Command line of `npm run attack`: parsing, and the refusal to aim at a machine that is
 * not this one. The attacks are real (a matchmaking flood, 64 MB bodies, thousands of
 * half-open connections), so a typo in --url must never send them to someone else.
 */
import { isIP } from "node:net";
import { parseArgs } from "node:util";

export class UsageError extends Error {}

/** The target is not loopback and --i-own-this-server was not given: exit 2. */
export class RefusedTarget extends Error {}

export interface AttackOptions {
  /** http(s)://host:port, with "localhost" replaced by 127.0.0.1. */
  url: string;
  /** attack names to run, in the order given; null = all. */
  only: string[] | null;
  json: boolean;
  /** the target is loopback, so attackers may use many 127.x source addresses. */
  loopback: boolean;
}

export const DEFAULT_URL = "http://127.0.0.1:2567";

/** Whether `hostname` (as URL.hostname writes it) is this machine: 127.0.0.0/8, ::1, localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  if (host === "localhost") return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  if (isIP(host) === 6) {
    if (host === "::1" || host === "0:0:0:0:0:0:0:1") return true;
    // IPv4-mapped loopback, as URL writes it: ::ffff:7f00:1 is ::ffff:127.0.0.1
    const mapped = /^::ffff:([0-9a-f]{1,4}):[0-9a-f]{1,4}$/.exec(host);
    return mapped !== null && parseInt(mapped[1]!, 16) >> 8 === 127;
  }
  return false;
}

export function usage(names: readonly string[]): string {
  return `Usage: npm run attack -- [--url <url>] [--only name,...] [--json] [--i-own-this-server]

Sends hostile traffic to a Tickfire server and checks it stays healthy for everyone else
(docs/security.md). Each attack sends real bytes; after each one, /healthz must answer in
under 1 s and a fresh player must get its state patches on time.

  --url <url>            the server (default ${DEFAULT_URL}); only this machine's
                         addresses (127.0.0.0/8, ::1, localhost) unless the next flag
  --i-own-this-server    allow a --url on another machine. Only for a server you run:
                         these are denial-of-service attacks
  --only <names>         run only these attacks, comma-separated:
                         ${names.join(", ")}
  --json                 print the results as one JSON object (progress on stderr)
  --help                 print this

Exit codes: 0 every attack passed, 1 one failed or the server cannot be reached,
2 bad usage or a refused --url.`;
}

/** Parses argv; throws UsageError or RefusedTarget with the line to print. */
export function parseAttackArgs(argv: string[], names: readonly string[]): AttackOptions | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        url: { type: "string" },
        only: { type: "string" },
        json: { type: "boolean" },
        "i-own-this-server": { type: "boolean" },
        help: { type: "boolean" },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const v = parsed.values;
  if (v.help) return "help";

  const raw = v.url ?? DEFAULT_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--url must be a URL like ${DEFAULT_URL}, got "${raw}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UsageError(`--url must start with http:// or https://, got "${raw}"`);
  if (url.pathname !== "/" || url.search || url.hash || url.username || url.password) {
    throw new UsageError(`--url must be just scheme, host and port (the server's root), got "${raw}"`);
  }
  const loopback = isLoopbackHost(url.hostname);
  if (!loopback && !v["i-own-this-server"]) {
    throw new RefusedTarget(
      `refusing to attack ${url.origin}: ${url.hostname} is not this machine (127.0.0.0/8, ::1, localhost). ` +
        "These are denial-of-service attacks; add --i-own-this-server only for a server you run yourself.",
    );
  }
  // localhost goes to 127.0.0.1 itself: whatever a resolver says, the bytes stay on this machine
  if (url.hostname === "localhost") url.hostname = "127.0.0.1";

  let only: string[] | null = null;
  if (v.only !== undefined) {
    only = v.only.split(",").map((n) => n.trim()).filter((n) => n !== "");
    if (only.length === 0) throw new UsageError("--only needs at least one attack name");
    const unknown = only.filter((n) => !names.includes(n));
    if (unknown.length > 0) throw new UsageError(`--only: no attack named ${unknown.join(", ")} (there are: ${names.join(", ")})`);
  }
  return { url: url.origin, only, json: v.json ?? false, loopback };
}
