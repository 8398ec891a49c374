/**
 * The bytes the attacks send, built by hand from the Colyseus 0.18 wire format
 * (@colyseus/shared-types Protocol; numbers and strings in @colyseus/schema's msgpack-like
 * encoding). Built here rather than through the SDK because the SDK only ever sends
 * well-formed frames, and the point is to send the ones it never would.
 */
import { decode } from "@colyseus/schema";
import { HandshakeSection, InputFlags, Protocol, ProtocolModifier } from "@colyseus/shared-types";

/** A number as @colyseus/schema's `decode.number` reads it (little-endian for the wide forms). */
export function encodeNumber(n: number): number[] {
  if (!Number.isInteger(n)) throw new Error(`encodeNumber: ${n} is not an integer`);
  if (n >= 0 && n < 0x80) return [n];
  if (n < 0 && n >= -32) return [n & 0xff]; // negative fixint
  if (n >= 0 && n <= 0xff) return [0xcc, n];
  if (n >= 0 && n <= 0xffff) return [0xcd, n & 0xff, n >>> 8];
  if (n >= 0 && n <= 0xffffffff) return [0xce, n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, n >>> 24];
  throw new Error(`encodeNumber: ${n} is out of the range the attacks need`);
}

/** A string as @colyseus/schema's `decode.string` reads it (fixstr, str8 or str16). */
export function encodeString(s: string): number[] {
  const bytes = [...Buffer.from(s, "utf8")];
  if (bytes.length < 32) return [0xa0 | bytes.length, ...bytes];
  if (bytes.length <= 0xff) return [0xd9, bytes.length, ...bytes];
  if (bytes.length <= 0xffff) return [0xda, bytes.length & 0xff, bytes.length >>> 8, ...bytes];
  throw new Error("encodeString: string too long for one frame");
}

export const JOIN_ACK = Uint8Array.of(Protocol.JOIN_ROOM);

/**
 * Input frames an honest SDK never sends. Each one once made Colyseus' input decoder loop
 * forever or allocate without bound (see the comments), so one frame could stop a process.
 */
export const HANG_FRAMES: ReadonlyArray<{ name: string; bytes: Uint8Array }> = [
  {
    // base seq 0, then a slot whose length is -1: the decoder's offset walks back one byte
    // and re-reads the same -1 for ever.
    name: "unreliable slot length -1 (14 00 ff)",
    bytes: Uint8Array.of(Protocol.ROOM_INPUT_UNRELIABLE, 0x00, 0xff),
  },
  {
    // a reliable input whose body is not an InputCommand at all: field indexes past the
    // schema, a reserved msgpack byte, truncated numbers.
    name: "reliable input with a garbage body (13 ff ff c1 ...)",
    bytes: Uint8Array.of(Protocol.ROOM_INPUT_RELIABLE, 0xff, 0xff, 0xc1, 0xde, 0xad, 0xbe, 0xef, 0xcf, 0x01),
  },
  {
    // a TIMED unreliable frame whose stamp block claims k = 0xffffffff slots: the decoder
    // allocates an array of k stamps and reads k-1 deltas past the frame's end.
    name: "timed unreliable frame with k = 0xffffffff (94 ce ff ff ff ff ...)",
    bytes: Uint8Array.of(
      Protocol.ROOM_INPUT_UNRELIABLE | ProtocolModifier.TIMED,
      ...encodeNumber(0xffffffff),
      0x10, 0x27, 0x00, 0x00, // newest stamp, u32 LE
      0x00, // base seq
      0x00, // one empty slot
    ),
  },
];

/** One honest unreliable input frame: base seq, then one empty (carry-forward) slot. */
export function honestInputFrame(seq: number): Uint8Array {
  return Uint8Array.from([Protocol.ROOM_INPUT_UNRELIABLE, ...encodeNumber(seq), 0x00]);
}

/**
 * An unreliable input frame that frames `slots` empty inputs: a few bytes each, so a 16 KB
 * frame carries about 15,000 inputs for the server to decode and buffer.
 */
export function slotFloodFrame(baseSeq: number, slots: number): Uint8Array {
  const head = [Protocol.ROOM_INPUT_UNRELIABLE, ...encodeNumber(baseSeq)];
  const frame = new Uint8Array(head.length + slots); // zero-filled: every slot has length 0
  frame.set(head, 0);
  return frame;
}

/** A ROOM_DATA message of a type the room has no handler for, with no payload. */
export function unknownTypeFrame(type: string): Uint8Array {
  return Uint8Array.from([Protocol.ROOM_DATA, ...encodeString(type)]);
}

/** A frame of `size` bytes: ROOM_DATA with a long string type, so it is a plausible message. */
export function frameOfSize(size: number): Uint8Array {
  const frame = new Uint8Array(size).fill(0x61); // "a"
  frame[0] = Protocol.ROOM_DATA;
  frame[1] = 0xda; // str16 header; the length is a lie past 64 KB, which does not matter
  frame[2] = (size - 4) & 0xff;
  frame[3] = ((size - 4) >>> 8) & 0xff;
  return frame;
}

/** Protocol codes the random-frame attack leaves out, and why. */
export const RANDOM_FRAME_SKIPPED_CODES: Readonly<Record<number, string>> = {
  [Protocol.ROOM_INPUT_RELIABLE]: "input frames have their own attacks (hang frames, slot flood)",
  [Protocol.ROOM_INPUT_UNRELIABLE]: "input frames have their own attacks (hang frames, slot flood)",
  [Protocol.LEAVE_ROOM]: "a polite leave: it only ends the attacker's own session",
};

/** A seeded PRNG (mulberry32) so a run's random frames can be replayed exactly. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A random frame: any first byte whose protocol code is not skipped, then 0 to 199 random bytes. */
export function randomFrame(random: () => number): Uint8Array {
  let first: number;
  do first = Math.floor(random() * 256);
  while ((first & 0x1f) in RANDOM_FRAME_SKIPPED_CODES);
  const frame = new Uint8Array(1 + Math.floor(random() * 200));
  frame[0] = first;
  for (let i = 1; i < frame.length; i++) frame[i] = Math.floor(random() * 256);
  return frame;
}

/** What a server frame is, from its first byte (the modifier bits masked off). */
export function frameCode(frame: Uint8Array): number {
  return frame.length > 0 ? frame[0]! & 0x1f : -1;
}

export function isPatch(frame: Uint8Array): boolean {
  const code = frameCode(frame);
  return code === Protocol.ROOM_STATE_PATCH || code === Protocol.ROOM_STATE;
}

/**
 * The reconnection token in the server's JOIN_ROOM handshake frame: `[10][len][token]...`
 * (with the TIMED prefix of 8 bytes first when the modifier bit is set).
 */
export function joinToken(frame: Uint8Array): string | null {
  if (frameCode(frame) !== Protocol.JOIN_ROOM) return null;
  let at = 1 + (frame[0]! & ProtocolModifier.TIMED ? 8 : 0);
  const len = frame[at++];
  if (len === undefined || at + len > frame.length) return null;
  return Buffer.from(frame.subarray(at, at + len)).toString("utf8");
}

/**
 * The room's fixed tick rate from the JOIN_ROOM handshake's INPUT_OPTIONS section
 * (`[flags][tickRate?]...`), so rate attacks aim at the limits of the server's actual
 * --tick-hz; null when the handshake does not carry it.
 */
export function handshakeTickRate(frame: Uint8Array): number | null {
  if (frameCode(frame) !== Protocol.JOIN_ROOM) return null;
  try {
    const it = { offset: 1 + (frame[0]! & ProtocolModifier.TIMED ? 8 : 0) };
    it.offset += 1 + frame[it.offset]!; // reconnection token
    it.offset += 1 + frame[it.offset]!; // serializer id
    const reflection = decode.number(frame, it) as number;
    it.offset += reflection;
    while (it.offset < frame.length) {
      const tag = frame[it.offset++];
      const len = decode.number(frame, it) as number;
      const end = it.offset + len;
      if (tag === HandshakeSection.INPUT_OPTIONS) {
        const flags = frame[it.offset++]!;
        return flags & InputFlags.FIXED_TIMESTEP ? (decode.number(frame, it) as number) : null;
      }
      it.offset = end;
    }
  } catch {
    /* a handshake we cannot read: fall back to the default */
  }
  return null;
}
