/**
 * Preloaded into the Colyseus bots process (`node --require bench/lib/wire-hook.ts`, which,
 * unlike --import, also runs in worker threads) so the bench can read client-counted
 * WebSocket payload bytes over its own measurement window, not the bots' whole run.
 * devkit/wire-meter.ts does the counting (it wraps globalThis.WebSocket before the SDK
 * captures it); this adds state-patch counts and, every WRITE_MS, writes this thread's
 * cumulative counters, plus the latest state patch of its first socket as a sample, to
 * $TICKFIRE_BENCH_WIRE_DIR/wire-<pid>-<thread>.json. Writes nothing without that variable.
 * No top-level await here: --require loads this module synchronously.
 */
import { renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { threadId } from "node:worker_threads";
import { tapMessages, wire } from "../../devkit/wire-meter-install.ts";

/** ms between counter files: fine enough for a 5 s window, cheap enough to ignore. */
const WRITE_MS = 200;
/** Colyseus protocol code of a state patch, in the low 5 bits of the first byte (@colyseus/shared-types). */
const ROOM_STATE_PATCH = 15;
const PROTOCOL_CODE_MASK = 0x1f;
/** bytes of a sample patch shown in hex. */
const SAMPLE_HEX_BYTES = 64;

export interface WireFile {
  /** epoch ms with sub-ms precision, when written. */
  t: number;
  pid: number;
  thread: number;
  sockets: number;
  down: number;
  up: number;
  messagesDown: number;
  messagesUp: number;
  patches: number;
  patchBytes: number;
  sample: { bytes: number; hex: string } | null;
}

const dir = process.env.TICKFIRE_BENCH_WIRE_DIR;

if (dir) {
  const c = { patches: 0, patchBytes: 0 };
  let sample: { bytes: number; head: Uint8Array } | null = null;
  const file = path.join(dir, `wire-${process.pid}-${threadId}.json`);

  tapMessages((d, bytes, socketIndex) => {
    if (!(d instanceof ArrayBuffer) || bytes === 0) return;
    if ((new Uint8Array(d, 0, 1)[0]! & PROTOCOL_CODE_MASK) !== ROOM_STATE_PATCH) return;
    c.patches++;
    c.patchBytes += bytes;
    if (socketIndex === 0) sample = { bytes, head: new Uint8Array(d.slice(0, SAMPLE_HEX_BYTES)) };
  });

  const write = () => {
    const s = sample as { bytes: number; head: Uint8Array } | null;
    const out: WireFile = {
      t: performance.timeOrigin + performance.now(),
      pid: process.pid,
      thread: threadId,
      ...wire,
      ...c,
      sample: s ? { bytes: s.bytes, hex: Buffer.from(s.head).toString("hex") } : null,
    };
    try {
      // write then rename, so the bench never reads half a file
      writeFileSync(file + ".tmp", JSON.stringify(out));
      renameSync(file + ".tmp", file);
    } catch {
      // the bench removed the directory: it no longer listens
    }
  };
  setInterval(write, WRITE_MS).unref();
}
