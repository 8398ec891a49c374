/**
 * Repro for two decode hangs in Colyseus 0.18 input frames (see the two .md files beside this one).
 *
 *   npx node docs/upstream/repro-input-decoder.ts
 *
 * Each case runs in its own worker thread: a hang there cannot hang this script, and
 * Worker.terminate() interrupts even a tight loop. A case that has not finished
 * BUDGET_MS after its worker is ready counts as hung. Prints "ok" and exits 0 when every
 * case finishes; exits 1 (within about a second and a half) when one hangs.
 *
 * Only public packages and a schema defined here: no game code is involved.
 */
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";

/** Long enough for a slow machine to decode three bytes, far too short for a loop that never ends. */
const BUDGET_MS = 1000;
/** Startup (module loading) is not what is measured, but it still needs an upper bound. */
const STARTUP_MS = 15_000;

const CASES = {
  /** ROOM_INPUT_UNRELIABLE (20), base seq 0, first slot length -1 (negative fixint 0xff). */
  "schema InputDecoder.decodeAll, frame 14 00 ff": [0x14, 0x00, 0xff],
  /** ROOM_INPUT_UNRELIABLE | TIMED (0x94), stamp count k = 2^32-1 (uint32 0xce), newest
   *  stamp 0, then one honest empty slot. */
  "core RoomInput.decodeUnreliable, TIMED k = 2^32-1": [0x94, 0xce, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0x00, 0x00],
} as const;
type CaseName = keyof typeof CASES;

if (isMainThread) {
  const started = performance.now();
  const results = await Promise.all((Object.keys(CASES) as CaseName[]).map(runCase));
  let failed = false;
  for (const r of results) {
    console.log(`${r.hung ? "HUNG" : "done"}  ${r.name}: ${r.detail} (${r.ms.toFixed(0)} ms after ready)`);
    failed ||= r.hung;
  }
  console.log(`total ${(performance.now() - started).toFixed(0)} ms`);
  if (failed) {
    console.log("bug present: a decode did not finish");
    process.exit(1);
  }
  console.log("ok");
} else {
  await workerMain(workerData as CaseName);
}

interface CaseResult { name: CaseName; hung: boolean; detail: string; ms: number }

function runCase(name: CaseName): Promise<CaseResult> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: name });
    let readyAt = 0;
    let settled = false;
    const finish = (hung: boolean, detail: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const ms = readyAt ? performance.now() - readyAt : 0;
      // terminate() stops a worker stuck in a loop; on a finished one it is harmless.
      void worker.terminate().then(() => resolve({ name, hung, detail, ms }));
    };
    let timer = setTimeout(() => finish(true, "worker did not start"), STARTUP_MS);
    worker.on("message", (msg: { kind: "ready" } | { kind: "done"; detail: string }) => {
      if (msg.kind === "ready") {
        readyAt = performance.now();
        clearTimeout(timer);
        timer = setTimeout(() => finish(true, `still running after ${BUDGET_MS} ms, terminated`), BUDGET_MS);
      } else {
        finish(false, msg.detail);
      }
    });
    worker.on("error", (err) => finish(false, `worker error: ${err.message}`));
  });
}

async function workerMain(name: CaseName): Promise<void> {
  const { schema, t } = await import("@colyseus/schema");
  const { InputDecoder } = await import("@colyseus/schema/input");
  const { RoomInput } = await import("@colyseus/core/input/RoomInput");

  // A flat input struct like a typical game's: the shape does not matter to either bug.
  const Input = schema({
    moveX: t.int8().default(0),
    moveY: t.int8().default(0),
    fire: t.boolean().default(false),
  });
  // Core reports a rejected frame through its logger; keep the repro's output to one line per case.
  let logged = 0;
  console.error = () => { logged++; };
  console.warn = () => { logged++; };

  const frame = Uint8Array.from(CASES[name]);
  parentPort!.postMessage({ kind: "ready" });
  let detail: string;
  if (name === "schema InputDecoder.decodeAll, frame 14 00 ff") {
    const decoder = new InputDecoder(new Input());
    try {
      const n = decoder.decodeAll(frame.subarray(1), () => {});
      detail = `returned ${n} slot(s)`;
    } catch (e) {
      detail = `threw: ${(e as Error).message}`;
    }
  } else {
    // The smallest room RoomInput needs: a clock and no rewind timeline (stamps = renderTime).
    const room = { clock: { elapsedTime: 0 }, _timelineMode: () => undefined };
    const input = new RoomInput(room as never);
    input.define(Input as never, {});
    const client = {} as never;
    input.allocate(client);
    // The TIMED modifier is taken from the frame's first byte, as Room._onMessage does.
    input.decodeUnreliable(client, Buffer.from(frame) as never, frame[0]! & 0xe0);
    detail = `returned (frame dropped, ${logged} error line(s) logged)`;
  }
  parentPort!.postMessage({ kind: "done", detail });
}
