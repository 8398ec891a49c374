/**
 * Preloaded into the Colyseus bots process (`node --require bench/lib/wire-hook.ts`, which,
 * unlike --import, also runs in worker threads) so the bench can read client-counted
 * WebSocket payload bytes over its own measurement window, not the bots' whole run.
 * Wraps globalThis.WebSocket before the SDK captures it (see NETCODE.md) and, every
 * WRITE_MS, writes this thread's cumulative counters, plus the latest state patch of its
 * first socket as a sample, to $TICKFIRE_BENCH_WIRE_DIR/wire-<pid>-<thread>.json.
 * Does nothing without that variable. Counting is one addition per message.
 */
import { renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { threadId } from "node:worker_threads";

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
const Native = globalThis.WebSocket;

if (dir && Native) {
  const c: WireFile = { t: 0, pid: process.pid, thread: threadId, sockets: 0, down: 0, up: 0, messagesDown: 0, messagesUp: 0, patches: 0, patchBytes: 0, sample: null };
  let sample: Uint8Array | null = null;
  const file = path.join(dir, `wire-${process.pid}-${threadId}.json`);

  class BenchCountingWebSocket extends Native {
    constructor(url: string | URL, init?: string | string[]) {
      super(url, init);
      const first = c.sockets++ === 0;
      this.addEventListener("message", (e: MessageEvent) => {
        const d = e.data as unknown;
        let bytes = 0;
        if (typeof d === "string") bytes = Buffer.byteLength(d);
        else if (d instanceof ArrayBuffer) {
          bytes = d.byteLength;
          if (bytes > 0 && (new Uint8Array(d, 0, 1)[0]! & PROTOCOL_CODE_MASK) === ROOM_STATE_PATCH) {
            c.patches++;
            c.patchBytes += bytes;
            if (first) {
              sample = new Uint8Array(d.slice(0, SAMPLE_HEX_BYTES));
              c.sample = { bytes, hex: "" };
            }
          }
        } else if (d instanceof Blob) bytes = d.size;
        c.down += bytes;
        c.messagesDown++;
      });
    }
    send(data: Parameters<WebSocket["send"]>[0]): void {
      c.up += typeof data === "string" ? Buffer.byteLength(data) : data instanceof Blob ? data.size : data.byteLength;
      c.messagesUp++;
      super.send(data);
    }
  }
  globalThis.WebSocket = BenchCountingWebSocket as typeof WebSocket;

  const write = () => {
    c.t = performance.timeOrigin + performance.now();
    if (c.sample && sample) c.sample.hex = Buffer.from(sample).toString("hex");
    try {
      // write then rename, so the bench never reads half a file
      writeFileSync(file + ".tmp", JSON.stringify(c));
      renameSync(file + ".tmp", file);
    } catch {
      // the bench removed the directory: it no longer listens
    }
  };
  setInterval(write, WRITE_MS).unref();
}
