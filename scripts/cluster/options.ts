/** `npm run cluster` flags. Unknown flags go to every server process, which validates them. */
import { isIP } from "node:net";
import { parseArgs } from "node:util";
import { LOOPBACK_HOSTS, LOOPBACK_NETS } from "../../server/http/settings.ts";

export class UsageError extends Error {}

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

export const USAGE = [
  "Usage: npm run cluster -- [options] [server options]",
  "",
  "  --procs <n>          server processes (default 2, 1 to 16)",
  "  --port <n>           PORT         nginx's port, the one entry for players (default 2567)",
  "  --host <addr>        HOST         nginx's address (default 0.0.0.0)",
  "  --tls                             https and wss at nginx with a self-signed certificate made at start",
  "  --public-host <h:p>  PUBLIC_HOST  how browsers reach nginx (default 127.0.0.1:<port>, or <host>:<port>)",
  "  --redis-url <url>    REDIS_URL    use this Redis instead of starting redis-server on a free port",
  "  --admin-allow <cidr> ADMIN_ALLOW  also let this network (10.0.0.0/8, 192.0.2.7) reach /metrics, /monitor",
  "                                    and /pN/*, unlimited; repeat it or separate with commas (default: loopback only)",
  "  --help                            print this help",
  "",
  "Any other option (--max-rooms 32, --tick-hz 20, ...) is given to every server process;",
  "see npm start -- --help.",
].join("\n");

const OWN = new Set(["procs", "port", "host", "tls", "public-host", "redis-url", "admin-allow", "help"]);

export function parseClusterArgs(argv: string[], env: NodeJS.ProcessEnv): ClusterOptions | "help" {
  const own: string[] = [];
  const serverArgs: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const name = arg.startsWith("--") ? arg.slice(2).split("=")[0]! : "";
    const target = OWN.has(name) ? own : serverArgs;
    target.push(arg);
    const takesValue = !arg.includes("=") && name !== "tls" && name !== "help" && arg.startsWith("--");
    if (takesValue && i + 1 < argv.length && !argv[i + 1]!.startsWith("--")) target.push(argv[++i]!);
  }
  let values;
  try {
    values = parseArgs({
      args: own,
      options: {
        procs: { type: "string" },
        port: { type: "string" },
        host: { type: "string" },
        tls: { type: "boolean" },
        "public-host": { type: "string" },
        "redis-url": { type: "string" },
        "admin-allow": { type: "string", multiple: true },
        help: { type: "boolean" },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help) return "help";
  const procs = whole(values.procs ?? "2", "--procs", 1, 16);
  const port = whole(values.port ?? env.PORT ?? "2567", values.port ? "--port" : "PORT", 1, 65535);
  const host = values.host ?? env.HOST ?? "0.0.0.0";
  if (!/^[A-Za-z0-9.:\-[\]]+$/.test(host)) throw new UsageError(`--host / HOST must be an address like 0.0.0.0, got "${host}"`);
  const wildcard = host === "0.0.0.0" || host === "::" || host === "[::]";
  const publicHost = values["public-host"] ?? env.PUBLIC_HOST ?? `${wildcard ? "127.0.0.1" : host}:${port}`;
  if (!/^[A-Za-z0-9.\-[\]:]+$/.test(publicHost)) throw new UsageError(`--public-host / PUBLIC_HOST must be host:port without a scheme or path, got "${publicHost}"`);
  const redisUrl = values["redis-url"] ?? env.REDIS_URL;
  const adminAllow = (values["admin-allow"] ?? (env.ADMIN_ALLOW ? [env.ADMIN_ALLOW] : []))
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
  for (const net of adminAllow) assertNetwork(net, values["admin-allow"] ? "--admin-allow" : "ADMIN_ALLOW");
  const options: ClusterOptions = { procs, port, host, tls: values.tls ?? false, publicHost, adminAllow, serverArgs };
  if (redisUrl) options.redisUrl = redisUrl;
  return options;
}

function whole(raw: string, source: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw.trim())) throw new UsageError(`${source} must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new UsageError(`${source} must be between ${min} and ${max}, got ${n}`);
  return n;
}

/** An address or CIDR block nginx's allow and geo accept; anything else could break or extend the config. */
function assertNetwork(raw: string, source: string): void {
  const [addr, prefix, extra] = raw.split("/");
  const family = isIP(addr ?? "");
  const max = family === 4 ? 32 : 128;
  const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= max);
  if (family === 0 || extra !== undefined || !prefixOk) throw new UsageError(`${source} must be an address or a CIDR block like 10.0.0.0/8, got "${raw}"`);
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
