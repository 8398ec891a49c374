import { parseArgs } from "node:util";
import { HTTP_DEFAULTS, parseAddressList, parseHeaderName, parseOriginList, type HttpSettings } from "./http/settings.ts";
import { MATCHMAKE_WINDOW_SECONDS, WATCHDOG_SECONDS, KILL_LIMIT, MAX_CLIENTS_PER_PROCESS, MAX_PLAYERS, MAX_ROOMS_PER_PROCESS, MAX_REWIND_MS, PATCH_EVERY_TICKS, RECONNECT_SECONDS, RESULTS_SECONDS, ROUND_SECONDS, TICK_HZ } from "../shared/constants.ts";

export interface ServerConfig extends HttpSettings {
  port: number;
  host: string;
  tickHz: number;
  /** a state patch every this many steps. */
  ticksPerPatch: number;
  /** ms, lag compensation bound; 0 = off. */
  maxRewindMs: number;
  /** s a dropped player's seat is held for a reconnection. */
  reconnectSeconds: number;
  /** caps of this process: arena rooms, and players in them. */
  maxRooms: number;
  maxClients: number;
  /** s without an event-loop turn before the watchdog thread ends the process; 0 = off. */
  watchdogSeconds: number;
  /** MONITOR_PASSWORD: enables /monitor behind basic auth (env only: a secret). */
  monitorPassword?: string;
  /** redis://host:port: share rooms with other processes through RedisPresence and RedisDriver. */
  redisUrl?: string;
  /** host:port[/path] clients reach this process's WebSocket at, when it is not the one they matchmade on. */
  publicAddress?: string;
  roundSeconds: number;
  killLimit: number;
  resultsSeconds: number;
  maxPlayers: number;
}

/** Bad usage or a bad value: the process exits 2 with this message. */
export class ConfigError extends Error {}

interface Setting {
  flag: string;
  env: string;
  key: Exclude<keyof ServerConfig, "host" | "monitorPassword" | "redisUrl" | "publicAddress" | keyof typeof HTTP_LISTS | "clientIpHeader">;
  def: number;
  min: number;
  max: number;
  help: string;
}

const NUMERIC: Setting[] = [
  { flag: "port", env: "PORT", key: "port", def: 2567, min: 0, max: 65535, help: "TCP port for HTTP, WebSocket and the client (0 = any free port)" },
  { flag: "tick-hz", env: "TICK_HZ", key: "tickHz", def: TICK_HZ, min: 5, max: 120, help: "simulation ticks per second" },
  { flag: "ticks-per-patch", env: "TICKS_PER_PATCH", key: "ticksPerPatch", def: PATCH_EVERY_TICKS, min: 1, max: 10, help: "state patch every n ticks (2 halves patch bytes, adds up to a tick of delay)" },
  { flag: "max-rewind-ms", env: "MAX_REWIND_MS", key: "maxRewindMs", def: MAX_REWIND_MS, min: 0, max: 1000, help: "lag compensation: test shots against targets as the shooter saw them, at most this many ms ago (0 = off)" },
  { flag: "reconnect-seconds", env: "RECONNECT_SECONDS", key: "reconnectSeconds", def: RECONNECT_SECONDS, min: 0, max: 600, help: "hold a dropped player's seat, score and position this long (0 = no reconnection)" },
  { flag: "round-seconds", env: "ROUND_SECONDS", key: "roundSeconds", def: ROUND_SECONDS, min: 5, max: 3600, help: "round length in seconds" },
  { flag: "kill-limit", env: "KILL_LIMIT", key: "killLimit", def: KILL_LIMIT, min: 1, max: 1000, help: "kills that end a round" },
  { flag: "results-seconds", env: "RESULTS_SECONDS", key: "resultsSeconds", def: RESULTS_SECONDS, min: 1, max: 120, help: "results screen length in seconds" },
  { flag: "max-rooms", env: "MAX_ROOMS", key: "maxRooms", def: MAX_ROOMS_PER_PROCESS, min: 1, max: 10000, help: "arena rooms this process may hold; past it new rooms are refused" },
  { flag: "max-clients", env: "MAX_CLIENTS", key: "maxClients", def: MAX_CLIENTS_PER_PROCESS, min: 1, max: 100000, help: "players this process may seat in all its rooms" },
  { flag: "max-players", env: "MAX_PLAYERS", key: "maxPlayers", def: MAX_PLAYERS, min: 1, max: 64, help: "players per room" },
  { flag: "max-connections", env: "MAX_CONNECTIONS", key: "maxConnections", def: HTTP_DEFAULTS.maxConnections, min: 16, max: 1_000_000, help: "open TCP connections (HTTP and WebSocket) this process accepts; keep it under the file-descriptor limit" },
  { flag: "max-conns-per-ip", env: "MAX_CONNS_PER_IP", key: "maxConnsPerIp", def: HTTP_DEFAULTS.maxConnsPerIp, min: 1, max: 1_000_000, help: "open TCP connections one client address may hold (not counted: --limit-exempt, trusted proxies)" },
  { flag: "matchmake-per-ip", env: "MATCHMAKE_PER_IP", key: "matchmakePerIp", def: HTTP_DEFAULTS.matchmakePerIp, min: 1, max: 1_000_000, help: `matchmaking requests one client address may make per ${MATCHMAKE_WINDOW_SECONDS} s; past it 429` },
  { flag: "watchdog-seconds", env: "WATCHDOG_SECONDS", key: "watchdogSeconds", def: WATCHDOG_SECONDS, min: 0, max: 600, help: "end the process (non-zero exit) when its event loop is stuck this long (0 = off)" },
];

/** The HTTP address and origin lists: flag, env var, parser, default, help. */
const HTTP_LISTS = {
  trustedProxies: { flag: "trusted-proxies", env: "TRUSTED_PROXIES", parse: parseAddressList, help: "IPs/CIDRs of proxies whose --client-ip-header is believed" },
  allowedOrigins: { flag: "allowed-origins", env: "ALLOWED_ORIGINS", parse: parseOriginList, help: "browser origins besides the server's own that may matchmake and open sockets (http://host:* = any port, * = all)" },
  metricsAllow: { flag: "metrics-allow", env: "METRICS_ALLOW", parse: parseAddressList, help: "IPs/CIDRs that may read /metrics (others get 403)" },
  limitExempt: { flag: "limit-exempt", env: "LIMIT_EXEMPT", parse: parseAddressList, help: "client IPs/CIDRs not held to the matchmaking rate, the failed-code bound and the per-IP connection cap" },
} as const;

export const USAGE = [
  "Usage: npm start -- [options]    (every option can also be set by its environment variable)",
  "",
  "  --host <addr>            HOST             address to bind (default 0.0.0.0)",
  ...NUMERIC.map((s) => `  --${(s.flag + " <n>").padEnd(22)} ${s.env.padEnd(16)} ${s.help} (default ${s.def})`),
  "  --redis-url <url>       REDIS_URL        redis://host:port: run as one process of a cluster (RedisPresence + RedisDriver)",
  "  --public-address <a>     PUBLIC_ADDRESS   host:port[/path] clients open this process's WebSocket at (needed in a cluster)",
  "  --client-ip-header <h>   CLIENT_IP_HEADER header with the client's address, set by a trusted proxy (e.g. X-Real-IP; default: none, the socket's address)",
  ...Object.entries(HTTP_LISTS).map(([key, l]) => `  --${(l.flag + " <list>").padEnd(22)} ${l.env.padEnd(16)} ${l.help} (default ${HTTP_DEFAULTS[key as keyof typeof HTTP_LISTS]}; empty = none)`),
  "  --help                                    print this help",
  "",
  "  MONITOR_PASSWORD (env only): serve @colyseus/monitor at /monitor, basic auth user admin",
].join("\n");

export function parseConfig(argv: string[], env: NodeJS.ProcessEnv): ServerConfig | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        host: { type: "string" },
        "redis-url": { type: "string" },
        "public-address": { type: "string" },
        "client-ip-header": { type: "string" },
        ...Object.fromEntries(Object.values(HTTP_LISTS).map((l) => [l.flag, { type: "string" as const }])),
        help: { type: "boolean" },
        ...Object.fromEntries(NUMERIC.map((s) => [s.flag, { type: "string" as const }])),
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (e) {
    throw new ConfigError((e as Error).message);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values.help) return "help";
  const host = (values.host as string | undefined) ?? env.HOST ?? "0.0.0.0";
  if (host.trim() === "") throw new ConfigError("--host / HOST must not be empty");
  const config = { host } as ServerConfig;
  if (env.MONITOR_PASSWORD) config.monitorPassword = env.MONITOR_PASSWORD;
  const redisUrl = (values["redis-url"] as string | undefined) ?? env.REDIS_URL;
  if (redisUrl) config.redisUrl = parseRedisUrl(redisUrl);
  const publicAddress = (values["public-address"] as string | undefined) ?? env.PUBLIC_ADDRESS;
  if (publicAddress) config.publicAddress = parsePublicAddress(publicAddress);
  const clientIpHeader = (values["client-ip-header"] as string | undefined) ?? env.CLIENT_IP_HEADER;
  if (clientIpHeader) config.clientIpHeader = parseSetting(parseHeaderName, clientIpHeader, "--client-ip-header / CLIENT_IP_HEADER");
  for (const [key, l] of Object.entries(HTTP_LISTS) as [keyof typeof HTTP_LISTS, (typeof HTTP_LISTS)[keyof typeof HTTP_LISTS]][]) {
    const fromFlag = values[l.flag] as string | undefined;
    const raw = fromFlag ?? env[l.env] ?? HTTP_DEFAULTS[key];
    (config as unknown as Record<string, unknown>)[key] = parseSetting<unknown>(l.parse, raw, fromFlag !== undefined ? `--${l.flag}` : l.env);
  }
  for (const s of NUMERIC) {
    const fromFlag = values[s.flag] as string | undefined;
    const raw = fromFlag ?? env[s.env];
    const source = fromFlag !== undefined ? `--${s.flag}` : s.env;
    config[s.key] = raw === undefined || raw === "" ? s.def : parseInteger(raw, source, s.min, s.max);
  }
  return config;
}

/** Runs one of server/http's parsers, naming the setting in its error. */
function parseSetting<T>(parse: (raw: string) => T, raw: string, source: string): T {
  try {
    return parse(raw);
  } catch (e) {
    throw new ConfigError(`${source}: ${(e as Error).message}`);
  }
}

function parseInteger(raw: string, source: string, min: number, max: number): number {
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(`${source} must be a whole number, got "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max) throw new ConfigError(`${source} must be between ${min} and ${max}, got ${n}`);
  return n;
}

function parseRedisUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`--redis-url / REDIS_URL must be a URL like redis://127.0.0.1:6379, got "${raw}"`);
  }
  if (url.protocol !== "redis:" && url.protocol !== "rediss:") throw new ConfigError(`--redis-url / REDIS_URL must start with redis:// or rediss://, got "${raw}"`);
  return raw;
}

function parsePublicAddress(raw: string): string {
  // The SDK prefixes ws:// or wss:// itself and appends /<processId>/<roomId>.
  if (!/^[A-Za-z0-9.\-[\]:]+(\/[A-Za-z0-9_/-]*[A-Za-z0-9_-])?$/.test(raw)) {
    throw new ConfigError(`--public-address / PUBLIC_ADDRESS must be host:port with an optional /path and no scheme, like game.example.com/p1, got "${raw}"`);
  }
  return raw;
}
