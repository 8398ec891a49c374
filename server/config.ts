import { HTTP_DEFAULTS, parseAddressList, parseHeaderName, parseOriginList, type HttpSettings } from "./http/settings.ts";
import { BOT_SKILL, BOT_SKILL_LEVELS, FILL_TO, type BotSkillLevel } from "../shared/constants.ts";
import { MATCHMAKE_WINDOW_SECONDS, WATCHDOG_SECONDS, KILL_LIMIT, MAX_CLIENTS_PER_PROCESS, MAX_PLAYERS, MAX_ROOMS_PER_PROCESS, MAX_REWIND_MS, PATCH_EVERY_TICKS, RECONNECT_SECONDS, RESULTS_SECONDS, ROUND_SECONDS, SERVER_PORT, TICK_HZ } from "../shared/constants.ts";
import { UsageError, defineCli } from "../shared/cli.ts";

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
  /** players a room with humans keeps seated, server bots making up the rest; 0 = no bots. */
  fillTo: number;
  botSkill: BotSkillLevel;
}

/** Every setting: its flag, environment variable, kind, range, default and help. */
export const SERVER_CLI = defineCli({
  command: "npm start --",
  options: {
    host: { kind: "string", env: "HOST", arg: "<addr>", default: "0.0.0.0", parse: notEmpty, help: "address to bind" },
    port: { kind: "int", env: "PORT", min: 0, max: 65535, default: SERVER_PORT, help: "TCP port for HTTP, WebSocket and the client (0 = any free port)" },
    tickHz: { kind: "int", env: "TICK_HZ", min: 5, max: 120, default: TICK_HZ, help: "simulation ticks per second" },
    ticksPerPatch: { kind: "int", env: "TICKS_PER_PATCH", min: 1, max: 10, default: PATCH_EVERY_TICKS, help: "state patch every n ticks (2 halves patch bytes, adds up to a tick of delay)" },
    maxRewindMs: { kind: "int", env: "MAX_REWIND_MS", min: 0, max: 1000, default: MAX_REWIND_MS, help: "lag compensation: test shots against targets as the shooter saw them, at most this many ms ago (0 = off)" },
    reconnectSeconds: { kind: "int", env: "RECONNECT_SECONDS", min: 0, max: 600, default: RECONNECT_SECONDS, help: "hold a dropped player's seat, score and position this long (0 = no reconnection)" },
    roundSeconds: { kind: "int", env: "ROUND_SECONDS", min: 5, max: 3600, default: ROUND_SECONDS, help: "round length in seconds" },
    killLimit: { kind: "int", env: "KILL_LIMIT", min: 1, max: 1000, default: KILL_LIMIT, help: "kills that end a round" },
    resultsSeconds: { kind: "int", env: "RESULTS_SECONDS", min: 1, max: 120, default: RESULTS_SECONDS, help: "results screen length in seconds" },
    maxRooms: { kind: "int", env: "MAX_ROOMS", min: 1, max: 10000, default: MAX_ROOMS_PER_PROCESS, help: "arena rooms this process may hold; past it new rooms are refused" },
    maxClients: { kind: "int", env: "MAX_CLIENTS", min: 1, max: 100000, default: MAX_CLIENTS_PER_PROCESS, help: "players this process may seat in all its rooms" },
    maxPlayers: { kind: "int", env: "MAX_PLAYERS", min: 1, max: 64, default: MAX_PLAYERS, help: "players per room" },
    fillTo: { kind: "int", env: "FILL_TO", min: 0, max: 64, default: FILL_TO, help: "server bots fill a room with humans up to this many players; each arriving human sends one home (0 = no bots)" },
    botSkill: { kind: "enum", env: "BOT_SKILL", values: BOT_SKILL_LEVELS, default: BOT_SKILL, help: "easy, normal or hard: how well server bots aim and how fast they react" },
    maxConnections: { kind: "int", env: "MAX_CONNECTIONS", min: 16, max: 1_000_000, default: HTTP_DEFAULTS.maxConnections, help: "open TCP connections (HTTP and WebSocket) this process accepts; keep it under the file-descriptor limit" },
    maxConnsPerIp: { kind: "int", env: "MAX_CONNS_PER_IP", min: 1, max: 1_000_000, default: HTTP_DEFAULTS.maxConnsPerIp, help: "open TCP connections one client address may hold (not counted: --limit-exempt, trusted proxies)" },
    matchmakePerIp: { kind: "int", env: "MATCHMAKE_PER_IP", min: 1, max: 1_000_000, default: HTTP_DEFAULTS.matchmakePerIp, help: `matchmaking requests one client address may make per ${MATCHMAKE_WINDOW_SECONDS} s; past it 429` },
    watchdogSeconds: { kind: "int", env: "WATCHDOG_SECONDS", min: 0, max: 600, default: WATCHDOG_SECONDS, help: "end the process (non-zero exit) when its event loop is stuck this long (0 = off)" },
    redisUrl: { kind: "string", env: "REDIS_URL", arg: "<url>", parse: unlessEmpty(parseRedisUrl), help: "redis://host:port: run as one process of a cluster (RedisPresence + RedisDriver)" },
    publicAddress: { kind: "string", env: "PUBLIC_ADDRESS", arg: "<a>", parse: unlessEmpty(parsePublicAddress), help: "host:port[/path] clients open this process's WebSocket at (needed in a cluster)" },
    clientIpHeader: { kind: "string", env: "CLIENT_IP_HEADER", arg: "<h>", parse: unlessEmpty(parseHeaderName), help: "header with the client's address, set by a trusted proxy (e.g. X-Real-IP)", defaultText: "none, the socket's address" },
    // empty = none: these four are parsed even when empty, so TRUSTED_PROXIES= trusts no proxy
    trustedProxies: { kind: "string", env: "TRUSTED_PROXIES", arg: "<list>", default: HTTP_DEFAULTS.trustedProxies, parse: parseAddressList, help: "IPs/CIDRs of proxies whose --client-ip-header is believed; empty = none" },
    allowedOrigins: { kind: "string", env: "ALLOWED_ORIGINS", arg: "<list>", default: HTTP_DEFAULTS.allowedOrigins, parse: parseOriginList, help: "browser origins besides the server's own that may matchmake and open sockets (http://host:* = any port, * = all); empty = none" },
    metricsAllow: { kind: "string", env: "METRICS_ALLOW", arg: "<list>", default: HTTP_DEFAULTS.metricsAllow, parse: parseAddressList, help: "IPs/CIDRs that may read /metrics (others get 403); empty = none" },
    limitExempt: { kind: "string", env: "LIMIT_EXEMPT", arg: "<list>", default: HTTP_DEFAULTS.limitExempt, parse: parseAddressList, help: "client IPs/CIDRs not held to the matchmaking rate, the failed-code bound and the per-IP connection cap; empty = none" },
  },
  notes: "MONITOR_PASSWORD (env only): serve @colyseus/monitor at /monitor, basic auth user admin",
});

/** Throws UsageError naming the flag or variable; "help" for --help. */
export function parseConfig(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ServerConfig | "help" {
  const parsed = SERVER_CLI.parse(argv, env);
  if (parsed === "help") return "help";
  // optional settings are left out, not set to undefined, so a config spreads cleanly
  const { redisUrl, publicAddress, clientIpHeader, ...config } = parsed.values satisfies Omit<ServerConfig, "monitorPassword">;
  const optional = { redisUrl, publicAddress, clientIpHeader, monitorPassword: env.MONITOR_PASSWORD || undefined };
  return Object.assign(config, Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)));
}

/** Unset settings may arrive as an empty variable (REDIS_URL= npm start). */
function unlessEmpty<T>(parse: (raw: string, source: string) => T): (raw: string, source: string) => T | undefined {
  return (raw, source) => (raw === "" ? undefined : parse(raw, source));
}

function notEmpty(raw: string, source: string): string {
  if (raw.trim() === "") throw new UsageError(`${source} must not be empty`);
  return raw;
}

function parseRedisUrl(raw: string, source: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`${source} must be a URL like redis://127.0.0.1:6379, got "${raw}"`);
  }
  if (url.protocol !== "redis:" && url.protocol !== "rediss:") throw new UsageError(`${source} must start with redis:// or rediss://, got "${raw}"`);
  return raw;
}

function parsePublicAddress(raw: string, source: string): string {
  // The SDK prefixes ws:// or wss:// itself and appends /<processId>/<roomId>.
  if (!/^[A-Za-z0-9.\-[\]:]+(\/[A-Za-z0-9_/-]*[A-Za-z0-9_-])?$/.test(raw)) {
    throw new UsageError(`${source} must be host:port with an optional /path and no scheme, like game.example.com/p1, got "${raw}"`);
  }
  return raw;
}
