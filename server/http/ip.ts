/**
 * IP addresses and CIDR lists, as plain bytes. Every address is held as 16 bytes: IPv4 as
 * its IPv4-mapped IPv6 form (::ffff:a.b.c.d), which is also how a dual-stack socket
 * reports an IPv4 peer; so "127.0.0.1", "::ffff:127.0.0.1" and "127.0.0.0/8" all meet on
 * the same bytes and one matcher serves both families.
 */
import { IPV6_LIMIT_PREFIX } from "../../shared/constants.ts";

/** one entry of an address list: the first `prefix` bits of `bytes` must match. */
export interface Cidr {
  bytes: Uint8Array;
  prefix: number;
}
export type AddressList = readonly Cidr[];

const MAPPED_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

function parseV4(text: string): number[] | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  const out: number[] = [];
  for (const p of parts) {
    // Leading zeros are refused: some parsers read "010" as octal 8.
    if (!/^(0|[1-9]\d{0,2})$/.test(p)) return null;
    const n = Number(p);
    if (n > 255) return null;
    out.push(n);
  }
  return out;
}

function parseV6(text: string): number[] | null {
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const groups = (half: string): number[] | null => {
    if (half === "") return [];
    const out: number[] = [];
    const parts = half.split(":");
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i]!;
      if (i === parts.length - 1 && p.includes(".")) {
        // An IPv4 tail (::ffff:1.2.3.4) fills the last two groups.
        const v4 = parseV4(p);
        if (!v4) return null;
        out.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
      } else {
        if (!/^[0-9a-fA-F]{1,4}$/.test(p)) return null;
        out.push(parseInt(p, 16));
      }
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const all = [...head, ...new Array<number>(missing).fill(0), ...tail];
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

/** 16 bytes for an IPv4 or IPv6 address (zone id dropped), or null if it is not one. */
export function parseIp(text: string): Uint8Array | null {
  const bare = text.trim().replace(/%.*$/, "");
  if (bare.includes(":")) {
    const v6 = parseV6(bare.startsWith("[") && bare.endsWith("]") ? bare.slice(1, -1) : bare);
    return v6 ? Uint8Array.from(v6) : null;
  }
  const v4 = parseV4(bare);
  return v4 ? Uint8Array.from([...MAPPED_PREFIX, ...v4]) : null;
}

function isMapped(bytes: Uint8Array): boolean {
  return MAPPED_PREFIX.every((b, i) => bytes[i] === b);
}

/** The canonical text of an address: dotted IPv4 for IPv4 and IPv4-mapped IPv6, else
 *  eight lower-case hex groups (uncompressed: it is a map key, not for display). */
export function formatIp(bytes: Uint8Array): string {
  if (isMapped(bytes)) return Array.from(bytes.subarray(12)).join(".");
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i]! << 8) | bytes[i + 1]!).toString(16));
  return groups.join(":");
}

/** The canonical text of an address string, or null if it is not one. */
export function normalizeIp(text: string): string | null {
  const bytes = parseIp(text);
  return bytes ? formatIp(bytes) : null;
}

/**
 * The key an address is counted under by the per-client limits: the IPv4 address itself;
 * for IPv6 its /IPV6_LIMIT_PREFIX network, which one host can fill with addresses at will.
 */
export function limitKey(ip: string): string {
  const bytes = parseIp(ip);
  if (!bytes) return ip;
  if (isMapped(bytes)) return formatIp(bytes);
  const masked = maskBytes(bytes, IPV6_LIMIT_PREFIX);
  return `${formatIp(masked)}/${IPV6_LIMIT_PREFIX}`;
}

function maskBytes(bytes: Uint8Array, prefix: number): Uint8Array {
  const out = new Uint8Array(16);
  for (let i = 0; i < 16; i++) {
    const bits = Math.max(0, Math.min(8, prefix - i * 8));
    out[i] = bytes[i]! & ((0xff << (8 - bits)) & 0xff);
  }
  return out;
}

/**
 * A comma-separated list of addresses and CIDR blocks ("127.0.0.1, 10.0.0.0/8, ::1,
 * fd00::/8"). An IPv4 prefix counts IPv4 bits (/8 is 8 of 32). Throws an Error naming the
 * bad entry; an empty string is an empty list.
 */
export function parseAddressList(raw: string): AddressList {
  const list: Cidr[] = [];
  for (const entry of raw.split(",").map((e) => e.trim())) {
    if (entry === "") continue;
    const [addr, bits, extra] = entry.split("/");
    const bytes = parseIp(addr!);
    if (!bytes || extra !== undefined) throw new Error(`"${entry}" is not an IP address or CIDR block`);
    const v4 = !addr!.includes(":");
    const width = v4 ? 32 : 128;
    let prefix = width;
    if (bits !== undefined) {
      if (!/^\d{1,3}$/.test(bits) || Number(bits) > width) throw new Error(`"${entry}" has a bad prefix length (0 to ${width})`);
      prefix = Number(bits);
    }
    list.push({ bytes, prefix: v4 ? 96 + prefix : prefix });
  }
  return list;
}

/** Whether `ip` (any text form) falls in one of the list's blocks. */
export function inList(ip: string | Uint8Array | undefined, list: AddressList): boolean {
  const bytes = typeof ip === "string" ? parseIp(ip) : ip;
  if (!bytes) return false;
  return list.some((c) => {
    const masked = maskBytes(bytes, c.prefix);
    const net = maskBytes(c.bytes, c.prefix);
    return masked.every((b, i) => b === net[i]);
  });
}
