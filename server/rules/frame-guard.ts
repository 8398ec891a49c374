/**
 * Checks a client's input frame before Colyseus decodes it. The SDK's input decoder trusts
 * the lengths and counts on the wire (a slot length of -1 once looped forever, see
 * docs/upstream/), and one 16 KB frame can frame 15,000 inputs: so the frame's shape is
 * walked here first, cheaply and with every read bounded, and anything an honest SDK
 * would never send is refused before a single input is decoded.
 *
 * Layouts (@colyseus/shared-types Protocol, with the TIMED modifier when the room stamps
 * inputs for lag compensation):
 *   ROOM_INPUT_RELIABLE   [code][stamp delta?, renderΔ u16?][input body]
 *   ROOM_INPUT_UNRELIABLE [code][k, newest u32, Δ×(k-1), (rdNewest u16, Δrd×(k-1))?][baseSeq][len][body]...
 */
import { decode } from "@colyseus/schema";
import { MAX_INPUT_FRAME_BYTES, MAX_INPUT_SLOTS_PER_FRAME } from "../../shared/constants.ts";

/** Colyseus protocol codes and bits this guard reads (@colyseus/shared-types Protocol). */
export const INPUT_RELIABLE = 19;
export const INPUT_UNRELIABLE = 20;
const CODE_MASK = 0x1f;
const TIMED = 0x80;

/** Which stamps a TIMED unreliable frame carries (the room's rewind timeline mode). */
export interface StampMode {
  render: boolean;
  reckon: boolean;
}

export type FrameVerdict =
  /** not an input frame: other limits apply. */
  | { kind: "other" }
  | { kind: "input"; inputs: number }
  | { kind: "malformed"; reason: MalformedReason };

export type MalformedReason = "oversize" | "bad-stamps" | "bad-slot" | "too-many-slots" | "empty" | "undecodable";

/** Reads one number, or undefined when it is not a finite number inside the frame. */
function readNumber(bytes: Uint8Array, it: { offset: number }): number | undefined {
  if (it.offset >= bytes.length) return undefined;
  const n = decode.number(bytes, it) as number | undefined;
  return typeof n === "number" && Number.isFinite(n) && it.offset <= bytes.length ? n : undefined;
}

function isCount(n: number | undefined, max: number): n is number {
  return n !== undefined && Number.isInteger(n) && n >= 1 && n <= max;
}

/** Skips a stamp series of `k` entries (a fixed-size anchor then k-1 numbers); false when it does not fit. */
function skipSeries(bytes: Uint8Array, it: { offset: number }, k: number, anchorBytes: number): boolean {
  it.offset += anchorBytes;
  if (it.offset > bytes.length) return false;
  for (let i = 1; i < k; i++) if (readNumber(bytes, it) === undefined) return false;
  return true;
}

export function inspectFrame(bytes: Uint8Array, stamps: StampMode): FrameVerdict {
  const code = bytes[0]! & CODE_MASK;
  if (code !== INPUT_RELIABLE && code !== INPUT_UNRELIABLE) return { kind: "other" };
  if (bytes.length > MAX_INPUT_FRAME_BYTES) return { kind: "malformed", reason: "oversize" };
  // An input equal to the last one encodes to nothing (the encoder sends changes), so a
  // bare opcode is an honest frame. Its body is judged by decoding it (see raw-frames.ts);
  // only the stamp, which Colyseus adds to a running baseline unchecked, is read here.
  if (code === INPUT_RELIABLE) {
    if (bytes[0]! & TIMED) {
      const it = { offset: 1 };
      // a delta against the previous stamp; NaN from a short frame would poison the baseline
      if (readNumber(bytes, it) === undefined) return { kind: "malformed", reason: "bad-stamps" };
      if (stamps.render && stamps.reckon && it.offset + 2 > bytes.length) return { kind: "malformed", reason: "bad-stamps" };
    }
    return { kind: "input", inputs: 1 };
  }

  const it = { offset: 1 };
  let declared: number | undefined;
  if (bytes[0]! & TIMED) {
    declared = readNumber(bytes, it);
    if (!isCount(declared, MAX_INPUT_SLOTS_PER_FRAME)) return { kind: "malformed", reason: "bad-stamps" };
    const series = stamps.render && stamps.reckon ? 2 : 1;
    if (!skipSeries(bytes, it, declared, 4)) return { kind: "malformed", reason: "bad-stamps" };
    if (series === 2 && !skipSeries(bytes, it, declared, 2)) return { kind: "malformed", reason: "bad-stamps" };
  }
  const baseSeq = readNumber(bytes, it);
  if (baseSeq === undefined || !Number.isInteger(baseSeq) || baseSeq < 0) return { kind: "malformed", reason: "bad-slot" };
  let slots = 0;
  while (it.offset < bytes.length) {
    const len = readNumber(bytes, it);
    if (len === undefined || !Number.isInteger(len) || len < 0 || it.offset + len > bytes.length) return { kind: "malformed", reason: "bad-slot" };
    it.offset += len;
    if (++slots > MAX_INPUT_SLOTS_PER_FRAME) return { kind: "malformed", reason: "too-many-slots" };
  }
  if (slots === 0) return { kind: "malformed", reason: "empty" };
  if (declared !== undefined && declared !== slots) return { kind: "malformed", reason: "bad-stamps" };
  return { kind: "input", inputs: slots };
}
