/**
 * The HTTP settings as server/config.ts reads them, with their defaults. Parsers throw a
 * plain Error with the reason; config.ts adds the setting's name and exits 2.
 */
import { MATCHMAKE_PER_IP, MAX_CONNECTIONS, MAX_CONNS_PER_IP } from "../../shared/constants.ts";
import { parseAddressList, type AddressList } from "./ip.ts";
import { DEV_ORIGINS, parseOriginList, type OriginPolicy } from "./origin.ts";

export interface HttpSettings {
  /** lower-case header carrying the client's address (set by a trusted proxy). */
  clientIpHeader?: string;
  /** peers whose client-address header is believed; also not capped per IP. */
  trustedProxies: AddressList;
  /** origins besides the server's own whose pages may matchmake and open sockets. */
  allowedOrigins: OriginPolicy;
  /** addresses that may read /metrics. */
  metricsAllow: AddressList;
  /** client addresses not held to the matchmaking rate, the failed-code bound and the per-IP connection cap. */
  limitExempt: AddressList;
  maxConnections: number;
  maxConnsPerIp: number;
  matchmakePerIp: number;
}

/** The loopback addresses a proxy or a tool on this machine connects from. */
export const LOOPBACK_HOSTS = "127.0.0.1,::1";
/** All of loopback: any local address may read /metrics by default. */
export const LOOPBACK_NETS = "127.0.0.0/8,::1";

export const HTTP_DEFAULTS = {
  trustedProxies: LOOPBACK_HOSTS,
  allowedOrigins: DEV_ORIGINS,
  metricsAllow: LOOPBACK_NETS,
  limitExempt: LOOPBACK_HOSTS,
  maxConnections: MAX_CONNECTIONS,
  maxConnsPerIp: MAX_CONNS_PER_IP,
  matchmakePerIp: MATCHMAKE_PER_IP,
};

/** An HTTP header name (RFC 9110 token), lower-cased as Node keys headers. */
export function parseHeaderName(raw: string): string {
  const name = raw.trim();
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) throw new Error(`"${raw}" is not a header name (like X-Real-IP)`);
  return name.toLowerCase();
}

export { parseAddressList, parseOriginList };

/** Every default, parsed: what a server built without config.ts (tests) runs with. */
export function defaultHttpSettings(): HttpSettings {
  return {
    trustedProxies: parseAddressList(HTTP_DEFAULTS.trustedProxies),
    allowedOrigins: parseOriginList(HTTP_DEFAULTS.allowedOrigins),
    metricsAllow: parseAddressList(HTTP_DEFAULTS.metricsAllow),
    limitExempt: parseAddressList(HTTP_DEFAULTS.limitExempt),
    maxConnections: HTTP_DEFAULTS.maxConnections,
    maxConnsPerIp: HTTP_DEFAULTS.maxConnsPerIp,
    matchmakePerIp: HTTP_DEFAULTS.matchmakePerIp,
  };
}
