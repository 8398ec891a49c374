/**
 * Who a request comes from. Behind a proxy every socket's peer is the proxy, so the
 * client's address has to come from a header the proxy sets; but any client can send
 * that header too, so it is believed only when the socket's peer is a proxy we were told
 * to trust. Everyone else is their socket's address.
 */
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import { inList, normalizeIp, type AddressList } from "./ip.ts";

export interface ClientIpRule {
  /** lower-case header name (e.g. "x-real-ip"); absent = always the socket's address. */
  header?: string;
  trustedProxies: AddressList;
}

/** Stands for a peer whose address Node no longer knows (the socket already closed). */
export const UNKNOWN_IP = "unknown";

/**
 * The client address of a request: the header's value when the peer is trusted and the
 * value is an address, else the peer's own. For a list header (X-Forwarded-For style) the
 * last entry is taken: it is the one our proxy appended, the earlier ones are the
 * client's word. Always canonical text (IPv4-mapped IPv6 as dotted IPv4).
 */
export function resolveClientIp(peer: string | undefined, headers: IncomingHttpHeaders, rule: ClientIpRule): string {
  const direct = (peer && normalizeIp(peer)) || UNKNOWN_IP;
  if (!rule.header || !peer || !inList(peer, rule.trustedProxies)) return direct;
  const raw = headers[rule.header];
  const value = Array.isArray(raw) ? raw.join(",") : raw;
  if (!value) return direct;
  const last = value.split(",").at(-1)!.trim();
  return normalizeIp(last) ?? direct;
}

// The front gate resolves each request once and notes it here, so express routes (the
// /metrics guard, the monitor login limit) see the same client the gate counted.
const resolved = new WeakMap<IncomingMessage, string>();

export function noteClientIp(req: IncomingMessage, ip: string): void {
  resolved.set(req, ip);
}

/** The client address the front gate found for this request; the socket's address when
 *  no gate ran (servers built for tests). */
export function clientIpOf(req: IncomingMessage): string {
  return resolved.get(req) ?? ((req.socket.remoteAddress && normalizeIp(req.socket.remoteAddress)) || UNKNOWN_IP);
}
