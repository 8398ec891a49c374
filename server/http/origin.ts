/**
 * Which browser pages may use this server: matchmaking over CORS and the game's
 * WebSocket. A page from another site could otherwise make its visitors' browsers take
 * seats here, with their cookies. Requests without an Origin header come from programs
 * (bots, curl, the Node SDK), which no CORS rule binds anyway, and pass.
 */

export interface OriginRule {
  scheme: "http:" | "https:";
  /** lower-case hostname as URL writes it (IPv6 in brackets). */
  hostname: string;
  /** "*" = any port; otherwise the port, default ports written out ("80", "443"). */
  port: string;
}

export interface OriginPolicy {
  /** "*" was given: every origin passes. */
  any: boolean;
  rules: OriginRule[];
}

/** Pages served by a developer's own machine (the Vite dev server, the latency lab). */
export const DEV_ORIGINS = "http://localhost:*,http://127.0.0.1:*";

const DEFAULT_PORT: Record<string, string> = { "http:": "80", "https:": "443" };

/**
 * A comma-separated list of origins: "https://game.example.com", "http://localhost:*"
 * (any port), or "*" alone (any origin). Throws an Error naming the bad entry.
 */
export function parseOriginList(raw: string): OriginPolicy {
  const policy: OriginPolicy = { any: false, rules: [] };
  for (const entry of raw.split(",").map((e) => e.trim())) {
    if (entry === "") continue;
    if (entry === "*") {
      policy.any = true;
      continue;
    }
    const wildcard = /:\*$/.test(entry);
    let url: URL;
    try {
      url = new URL(wildcard ? entry.slice(0, -2) : entry);
    } catch {
      throw new Error(`"${entry}" is not an origin like https://game.example.com or http://localhost:*`);
    }
    if ((url.protocol !== "http:" && url.protocol !== "https:") || url.pathname !== "/" || url.search || url.hash || url.username || entry.endsWith("/")) {
      throw new Error(`"${entry}" is not an origin like https://game.example.com or http://localhost:* (scheme, host and port only)`);
    }
    policy.rules.push({ scheme: url.protocol, hostname: url.hostname, port: wildcard ? "*" : url.port || DEFAULT_PORT[url.protocol]! });
  }
  return policy;
}

/** hostname and port of a Host header ("example.com:8080", "[::1]:2567", "example.com"). */
function splitHost(host: string): { hostname: string; port?: string } | null {
  const m = /^(\[[0-9a-fA-F:.]+\]|[^:[\]]+)(?::(\d+))?$/.exec(host.trim());
  return m ? { hostname: m[1]!.toLowerCase(), port: m[2] } : null;
}

/**
 * Whether a request with this Origin (and Host) header may be served as that page's.
 * The server's own origin always passes: its hostname equals the Host header's, and so
 * does its port when the Host header carries one (a proxy that forwards `$host` drops it).
 */
export function originAllowed(origin: string | undefined, host: string | undefined, policy: OriginPolicy): boolean {
  if (origin === undefined) return true;
  if (policy.any) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // "null" (sandboxed frames, file://) and garbage
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  const port = url.port || DEFAULT_PORT[url.protocol]!;
  const own = host !== undefined ? splitHost(host) : null;
  if (own && own.hostname === url.hostname && (own.port === undefined || own.port === port)) return true;
  return policy.rules.some((r) => r.scheme === url.protocol && r.hostname === url.hostname && (r.port === "*" || r.port === port));
}
