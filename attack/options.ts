/**
 * Command line of `npm run attack`: parsing, and the refusal to aim at a machine that is
 * not this one. The attacks are real (a matchmaking flood, 64 MB bodies, thousands of
 * half-open connections), so a typo in --url must never send them to someone else.
 */
import { isIP } from "node:net";
import { SERVER_PORT } from "../shared/constants.ts";
import { UsageError, defineCli } from "../shared/cli.ts";

export interface AttackOptions {
  /** http(s)://host:port, with "localhost" replaced by 127.0.0.1. */
  url: string;
  /** attack names to run, in the order given; null = all. */
  only: string[] | null;
  json: boolean;
  /** the target is loopback, so attackers may use many 127.x source addresses. */
  loopback: boolean;
}

export const DEFAULT_URL = `http://127.0.0.1:${SERVER_PORT}`;

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

/** The attack names come in as an argument: the table lists them in --help. */
export function attackCli(names: readonly string[]) {
  return defineCli({
    command: "npm run attack --",
    about: `Sends hostile traffic to a Tickfire server and checks it stays healthy for everyone else
(docs/security.md). Each attack sends real bytes; after each one, /healthz must answer in
under 1 s and a fresh player must get its state patches on time.`,
    options: {
      url: { kind: "string", arg: "<url>", default: DEFAULT_URL, help: "the server; only this machine's addresses\n(127.0.0.0/8, ::1, localhost) unless the next flag" },
      iOwnThisServer: { kind: "boolean", help: "allow a --url on another machine. Only for a server you run:\nthese are denial-of-service attacks" },
      only: { kind: "list", arg: "<names>", help: `run only these attacks, comma-separated:\n${names.join(", ")}` },
      json: { kind: "boolean", help: "print the results as one JSON object (progress on stderr)" },
    },
    notes: `Exit codes: 0 every attack passed, 1 one failed or the server cannot be reached,
2 bad usage or a refused --url.`,
  });
}

/** Parses argv; throws UsageError with the line to print, also for a --url that is not this
 *  machine without --i-own-this-server. */
export function parseAttackArgs(argv: readonly string[], names: readonly string[]): AttackOptions | "help" {
  const parsed = attackCli(names).parse(argv);
  if (parsed === "help") return "help";
  const v = parsed.values;

  const raw = v.url;
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
  if (!loopback && !v.iOwnThisServer) {
    throw new UsageError(
      `refusing to attack ${url.origin}: ${url.hostname} is not this machine (127.0.0.0/8, ::1, localhost). ` +
        "These are denial-of-service attacks; add --i-own-this-server only for a server you run yourself.",
    );
  }
  // localhost goes to 127.0.0.1 itself: whatever a resolver says, the bytes stay on this machine
  if (url.hostname === "localhost") url.hostname = "127.0.0.1";

  const only = v.only ?? null;
  if (only) {
    if (only.length === 0) throw new UsageError("--only needs at least one attack name");
    const unknown = only.filter((n) => !names.includes(n));
    if (unknown.length > 0) throw new UsageError(`--only: no attack named ${unknown.join(", ")} (there are: ${names.join(", ")})`);
  }
  return { url: url.origin, only, json: v.json, loopback };
}
