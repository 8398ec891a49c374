/** `npm run cluster` flags. Unknown flags go to every server process, which validates them. */
import { isIP } from "node:net";
import { LOOPBACK_HOSTS, LOOPBACK_NETS } from "../../server/http/settings.ts";
import { SERVER_PORT } from "../../shared/constants.ts";
import { UsageError, defineCli } from "../../shared/cli.ts";

export interface ClusterOptions {
  procs: number;
  port: number;
  host: string;
  tls: boolean;
  /** host:port players' browsers reach nginx at; each process is published under it as /pN. */
  publicHost: string;
  /** an existing Redis; when absent the cluster starts its own redis-server. */
  redisUrl?: string;
  /** networks besides loopback that reach /metrics, /monitor and /pN/healthz through nginx
   *  and are not held to the per-address limits (a monitoring host, a bot host). */
  adminAllow: string[];
  /** flags passed through to every `server/index.ts`. */
  serverArgs: string[];
}

export const CLUSTER_CLI = defineCli({
  command: "npm run cluster --",
  operands: "[server options]",
  passThrough: true,
  options: {
    procs: { kind: "int", min: 1, max: 16, default: 2, help: "server processes" },
    port: { kind: "int", env: "PORT", min: 1, max: 65535, default: SERVER_PORT, help: "nginx's port, the one entry for players" },
    host: { kind: "string", env: "HOST", arg: "<addr>", default: "0.0.0.0", parse: parseHost, help: "nginx's address" },
    tls: { kind: "boolean", help: "https and wss at nginx with a self-signed certificate made at start" },
    publicHost: { kind: "string", env: "PUBLIC_HOST", arg: "<h:p>", parse: parsePublicHost, defaultText: "127.0.0.1:<port>, or <host>:<port>", help: "how browsers reach nginx" },
    redisUrl: { kind: "string", env: "REDIS_URL", arg: "<url>", help: "use this Redis instead of starting redis-server on a free port" },
    adminAllow: {
      kind: "list",
      env: "ADMIN_ALLOW",
      arg: "<cidr>",
      item: parseNetwork,
      defaultText: "loopback only",
      help: "also let this network (10.0.0.0/8, 192.0.2.7) reach /metrics, /monitor\nand /pN/*, unlimited; repeat it or separate with commas",
    },
  },
  notes: `Any other option (--max-rooms 32, --tick-hz 20, ...) is given to every server process;
see npm start -- --help.`,
});

export function parseClusterArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ClusterOptions | "help" {
  const parsed = CLUSTER_CLI.parse(argv, env);
  if (parsed === "help") return "help";
  const { publicHost, redisUrl, adminAllow, ...v } = parsed.values;
  const wildcard = v.host === "0.0.0.0" || v.host === "::" || v.host === "[::]";
  const options: ClusterOptions = { ...v, publicHost: publicHost ?? `${wildcard ? "127.0.0.1" : v.host}:${v.port}`, adminAllow: adminAllow ?? [], serverArgs: parsed.rest };
  if (redisUrl) options.redisUrl = redisUrl;
  return options;
}

function parseHost(raw: string, source: string): string {
  if (!/^[A-Za-z0-9.:\-[\]]+$/.test(raw)) throw new UsageError(`${source} must be an address like 0.0.0.0, got "${raw}"`);
  return raw;
}

function parsePublicHost(raw: string, source: string): string {
  if (!/^[A-Za-z0-9.\-[\]:]+$/.test(raw)) throw new UsageError(`${source} must be host:port without a scheme or path, got "${raw}"`);
  return raw;
}

/** An address or CIDR block nginx's allow and geo accept; anything else could break or extend the config. */
function parseNetwork(raw: string, source: string): string {
  const [addr, prefix, extra] = raw.split("/");
  const family = isIP(addr ?? "");
  const max = family === 4 ? 32 : 128;
  const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= max);
  if (family === 0 || extra !== undefined || !prefixOk) throw new UsageError(`${source} must be an address or a CIDR block like 10.0.0.0/8, got "${raw}"`);
  return raw;
}

/**
 * Flags the cluster gives every process besides the user's: nginx sends each player's
 * address as X-Real-IP (the processes believe it from loopback, their default trusted
 * proxy); and the --admin-allow networks nginx lets through to /metrics and exempts from its
 * per-address limits are let through and exempted by the processes too. A flag the user
 * passes for the processes wins.
 */
export function clusterServerFlags(options: Pick<ClusterOptions, "adminAllow" | "serverArgs">): string[] {
  const given = (flag: string) => options.serverArgs.some((a) => a === `--${flag}` || a.startsWith(`--${flag}=`));
  const flags: string[] = [];
  if (!given("client-ip-header")) flags.push("--client-ip-header", "X-Real-IP");
  if (options.adminAllow.length > 0) {
    const extra = options.adminAllow.join(",");
    if (!given("metrics-allow")) flags.push("--metrics-allow", `${LOOPBACK_NETS},${extra}`);
    if (!given("limit-exempt")) flags.push("--limit-exempt", `${LOOPBACK_HOSTS},${extra}`);
  }
  return flags;
}
