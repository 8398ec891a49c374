/**
 * Proves patches/@colyseus+schema+5.0.34.patch and patches/@colyseus+core+0.18.17.patch
 * against the installed dependency (docs/upstream/*.md): hostile input frames are refused
 * quickly, honest ones still decode to the same values, and thousands of random frames all
 * finish. Every decode runs in server/upstream/decode-worker.ts under a time budget, so a
 * hang (the bug coming back, e.g. after an upgrade that drops the patch) FAILS here rather
 * than stalling the run.
 */
import { Worker } from "node:worker_threads";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InputEncoder } from "@colyseus/schema/input";
import { InputCommand } from "../../shared/schema.ts";
import type { DecodeReply, DecodeRequest, Op, Values } from "./decode-worker.ts";

/** Decoding a few dozen bytes takes microseconds; the margin is for a loaded 2-core machine. */
const BUDGET_MS = 2000;
/** Random frames per op: 3 ops, so 9000 decodes in all. */
const FUZZ_RUNS = 3000;

type Result = DecodeReply | { status: "timeout" };

/** One decode worker, replaced whenever a request overruns its budget. */
class DecodeHarness {
  private worker: Worker | undefined;
  private ready: Promise<void> | undefined;
  private nextId = 1;

  private spawn(): Promise<void> {
    const worker = new Worker(new URL("./decode-worker.ts", import.meta.url));
    this.worker = worker;
    // Module loading is not under test, so the budget starts once the worker says it is ready.
    return new Promise((resolve, reject) => {
      worker.once("message", () => resolve());
      worker.once("error", reject);
    });
  }

  async run(op: Op, frames: Uint8Array[]): Promise<Result> {
    await (this.ready ??= this.spawn());
    const worker = this.worker!;
    const req: DecodeRequest = { id: this.nextId++, op, frames };
    return new Promise((resolve, reject) => {
      const onMessage = (reply: DecodeReply) => {
        if (reply.id !== req.id) return;
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", reject);
        resolve(reply);
      };
      const timer = setTimeout(() => {
        worker.off("message", onMessage);
        worker.off("error", reject);
        // A stuck decode never yields; terminate() is the only way out, and the next request gets a new worker.
        this.ready = undefined;
        void worker.terminate();
        resolve({ status: "timeout" });
      }, BUDGET_MS);
      worker.on("message", onMessage);
      worker.once("error", reject);
      worker.postMessage(req);
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
  }
}

const harness = new DecodeHarness();
beforeAll(() => harness.run("decode", []), 30_000);
afterAll(() => harness.close());

/** Runs one request and insists that it finished; returns the decoder's reply. */
async function finished(op: Op, frames: Uint8Array[]): Promise<DecodeReply> {
  const r = await harness.run(op, frames);
  if (r.status === "timeout") {
    throw new Error(`${op} did not finish within ${BUDGET_MS} ms on ${frames.map(hex).join(" | ")}`);
  }
  return r;
}

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const bytes = (...b: number[]) => Uint8Array.from(b);
/** float32 / float64 as colyseus' number() writes them: prefix 0xca / 0xcb, little-endian. */
const f32 = (v: number) => [0xca, ...new Uint8Array(Float32Array.of(v).buffer)];
const f64 = (v: number) => [0xcb, ...new Uint8Array(Float64Array.of(v).buffer)];

describe("@colyseus/schema InputDecoder.decodeAll refuses bad slot lengths", () => {
  // Each is [base seq 0][slot length][...]: the unreliable body after the protocol byte.
  const cases: [string, Uint8Array][] = [
    ["-1 (frame 14 00 ff, the reported hang)", bytes(0x00, 0xff)],
    ["-1 followed by data", bytes(0x00, 0xff, 0x80, 0x01, 0x83, 0x01)],
    ["-5", bytes(0x00, 0xfb, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06)],
    ["-1 as int8 (0xd0)", bytes(0x00, 0xd0, 0xff)],
    ["0.5 (float32)", bytes(0x00, ...f32(0.5), 0x80, 0x01)],
    ["NaN (float64)", bytes(0x00, ...f64(NaN), 0x80, 0x01)],
    ["Infinity (float64)", bytes(0x00, ...f64(Infinity))],
    ["5 with one byte left", bytes(0x00, 0x05, 0x80)],
    ["2^32-1 (uint32)", bytes(0x00, 0xce, 0xff, 0xff, 0xff, 0xff, 0x80)],
    ["a prefix number() does not know (0xc1)", bytes(0x00, 0xc1, 0x80)],
    ["good slot, then -1", bytes(0x00, 0x02, 0x80, 0x01, 0xff)],
  ];
  for (const [name, body] of cases) {
    it(`length ${name}: throws, promptly`, async () => {
      const r = await finished("decodeAll", [body]);
      expect(r.status).toBe("threw");
      expect(r.message).toMatch(/invalid slot length/);
    });
  }

  it("an honest empty slot (length 0) is still a slot", async () => {
    const r = await finished("decodeAll", [bytes(0x07, 0x00, 0x00)]);
    expect(r.status).toBe("ok");
    expect(r.slots.map((s) => s.seq)).toEqual([7, 8]);
  });
});

/** [0x94 = ROOM_INPUT_UNRELIABLE | TIMED][k][u32 newest][...]: core's stamp block, then an honest ring. */
const timed = (k: number[], rest: number[]) => bytes(0x94, ...k, 0, 0, 0, 0, ...rest);
const honestRing = [0x01, 0x02, 0x80, 0x01]; // base seq 1, one slot: moveX = 1

describe("@colyseus/core RoomInput refuses a bad stamp count k", () => {
  const cases: [string, Uint8Array][] = [
    ["2^32-1", timed([0xce, 0xff, 0xff, 0xff, 0xff], honestRing)],
    ["2^31", timed([0xce, 0x00, 0x00, 0x00, 0x80], honestRing)],
    ["10^7 in a 14-byte frame", timed([0xce, 0x80, 0x96, 0x98, 0x00], honestRing)],
    ["0", timed([0x00], honestRing)],
    ["-1", timed([0xff], honestRing)],
    ["1.5", timed(f32(1.5), honestRing)],
    ["NaN", timed(f64(NaN), honestRing)],
  ];
  for (const [name, frame] of cases) {
    it(`k = ${name}: the frame is dropped, promptly`, async () => {
      const r = await finished("core", [frame]);
      expect(r.status).toBe("ok"); // RoomInput catches and logs; it must not throw out to the room
      expect(r.accepted).toEqual([false]);
      expect(r.logged).toBeGreaterThan(0);
    });
  }

  it("a negative slot length behind an honest stamp block is dropped, promptly", async () => {
    // k = 1, newest 0, render delta 0 (u16), then [base seq 0][length -1].
    const r = await finished("core", [bytes(0x94, 0x01, 0, 0, 0, 0, 0, 0, 0x00, 0xff)]);
    expect(r.accepted).toEqual([false]);
  });
});

const command = fc.record({
  moveX: fc.integer({ min: -1, max: 1 }),
  moveY: fc.integer({ min: -1, max: 1 }),
  aim: fc.double({ min: 0, max: 2 * Math.PI, noNaN: true, maxExcluded: true }),
  fire: fc.boolean(),
});
type Command = { moveX: number; moveY: number; aim: number; fire: boolean };

/** Encodes a run of commands with the real client-side encoder; `expected` is what each tick's instance reads back (aim quantized). */
function encodeRun(commands: Command[], mode: "reliable" | "unreliable") {
  const enc = new InputEncoder(new InputCommand(), { mode, historySize: 3 });
  return commands.map((c) => {
    Object.assign(enc.instance, c);
    const frame = enc.encode().slice(); // the encoder reuses its buffer
    const expected: Values = { moveX: enc.instance.moveX, moveY: enc.instance.moveY, aim: enc.instance.aim, fire: enc.instance.fire };
    return { frame, expected, seq: enc.seq };
  });
}

describe("honest frames from the real InputEncoder decode to the same values", () => {
  it("reliable: every frame, in order", async () => {
    await fc.assert(fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 20 }), async (commands) => {
      const run = encodeRun(commands, "reliable");
      const r = await finished("decode", run.map((x) => x.frame));
      expect(r.status).toBe("ok");
      expect(r.states).toEqual(run.map((x) => x.expected));
    }), { numRuns: 100 });
  }, 60_000);

  it("unreliable: every other packet lost, the ring still carries each tick", async () => {
    await fc.assert(fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 20 }), async (commands) => {
      const run = encodeRun(commands, "unreliable");
      // Keep the last packet and every second one before it: historySize 3 covers one lost packet.
      const kept = run.filter((_, i) => (run.length - 1 - i) % 2 === 0);
      const r = await finished("decodeAll", kept.map((x) => x.frame));
      expect(r.status).toBe("ok");
      expect(r.states).toEqual(kept.map((x) => x.expected));
      // The newest slot of each packet carries that tick's seq.
      const seqs = new Set(r.slots.map((s) => s.seq));
      for (const x of kept) expect(seqs.has(x.seq)).toBe(true);
    }), { numRuns: 100 });
  }, 60_000);

  it("core, unreliable with a TIMED stamp block for both timelines: inputs and stamps land", async () => {
    const run = encodeRun([{ moveX: 1, moveY: 0, aim: 1, fire: false }, { moveX: 0, moveY: -1, aim: 2, fire: true },
      { moveX: -1, moveY: 1, aim: 3, fire: true }], "unreliable");
    const ring = [...run[2]!.frame];
    // [k 3][u32 newest 1000][Δ 16][Δ 17] reckon series, then [u16 rd 50][Δ 1][Δ 2] render deltas, then the ring.
    const frame = bytes(0x94, 0x03, 0xe8, 0x03, 0, 0, 0x10, 0x11, 0x32, 0x00, 0x01, 0x02, ...ring);
    const r = await finished("core", [frame]);
    expect(r.accepted).toEqual([true]);
    expect(r.logged).toBe(0);
    expect(r.states).toEqual([run[2]!.expected]);
    expect(r.stamps).toEqual([
      { reckonTime: 967, renderTime: 967 - 47 },
      { reckonTime: 984, renderTime: 984 - 49 },
      { reckonTime: 1000, renderTime: 1000 - 50 },
    ]);
  });
});

/** Bytes that mean something to colyseus' number() and the schema decoder, so random frames reach the length and k checks often. */
const telling = fc.constantFrom(0x00, 0x01, 0x02, 0x05, 0x7f, 0x80, 0x81, 0xc1, 0xca, 0xcb, 0xcc, 0xcd, 0xce, 0xcf,
  0xd0, 0xd1, 0xd2, 0xd3, 0xe0, 0xfb, 0xfe, 0xff);
const frameBytes = fc.oneof(
  fc.uint8Array({ maxLength: 48 }),
  fc.array(fc.oneof(telling, fc.integer({ min: 0, max: 255 })), { maxLength: 48 }).map((a) => Uint8Array.from(a)),
);

describe(`fuzz: ${FUZZ_RUNS} random frames per decoder, each must finish within ${BUDGET_MS} ms`, () => {
  const fuzz = (op: Op, arb: fc.Arbitrary<Uint8Array>) => async () => {
    let ran = 0;
    let refused = 0;
    await fc.assert(fc.asyncProperty(arb, async (frame) => {
      ran++;
      const r = await harness.run(op, [frame]);
      // core swallows a bad frame and logs it; the schema decoders throw.
      if (r.status === "threw" || (r.status === "ok" && r.accepted.includes(false))) refused++;
      // Throwing is an allowed answer to garbage; not finishing is the bug.
      return r.status !== "timeout";
    }), { numRuns: FUZZ_RUNS, endOnFailure: true });
    expect(ran).toBe(FUZZ_RUNS);
    console.log(`fuzz ${op}: ${ran} frames, ${refused} refused, all finished`);
  };

  it("InputDecoder.decode (reliable body, flat InputCommand)", fuzz("decode", frameBytes), 120_000);
  it("InputDecoder.decodeAll (unreliable body)", fuzz("decodeAll", frameBytes), 120_000);
  it("RoomInput, whole frames 19/20 with and without TIMED", fuzz("core",
    fc.tuple(fc.constantFrom(0x13, 0x93, 0x14, 0x94), frameBytes).map(([head, body]) => Uint8Array.of(head, ...body))), 120_000);
});
