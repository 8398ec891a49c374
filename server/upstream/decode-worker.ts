/**
 * Worker thread for server/upstream/input-decoder.test.ts: runs the real, installed
 * (patched) Colyseus input decoders on bytes the test sends. It lives in its own thread
 * so that a decode that never returns shows up as a timeout the test can fail on, instead
 * of hanging vitest: Worker.terminate() interrupts even a tight loop.
 *
 * Ops (every request decodes its frames in order, on fresh decoder state):
 *  - "decode":    @colyseus/schema InputDecoder.decode (the reliable body).
 *  - "decodeAll": InputDecoder.decodeAll (the unreliable ring, without the protocol byte).
 *  - "core":      whole wire frames through @colyseus/core's RoomInput (19 reliable or 20
 *                 unreliable, TIMED bit honoured) in a room that stamps both timelines, so
 *                 both stamp series of the unreliable block are read.
 */
import { parentPort } from "node:worker_threads";
import { InputDecoder } from "@colyseus/schema/input";
import { RoomInput } from "@colyseus/core/input/RoomInput";
import { InputCommand } from "../../shared/schema.ts";

export type Op = "decode" | "decodeAll" | "core";
export interface DecodeRequest { id: number; op: Op; frames: Uint8Array[] }
export interface Values { moveX: number; moveY: number; aim: number; fire: boolean }
export interface Slot { seq: number; values: Values }
export interface DecodeReply {
  id: number;
  /** "threw": a frame threw out of the decoder (the later frames were not decoded). */
  status: "ok" | "threw";
  message?: string;
  /** The bound instance after each decoded frame. */
  states: Values[];
  /** decodeAll only: every slot callback, in order, across all frames. */
  slots: Slot[];
  /** core only, per frame: whether RoomInput took the frame (it swallows and logs a bad one). */
  accepted: boolean[];
  /** core only: what RoomInput pushed into the input buffer, oldest first. */
  stamps: { renderTime: number; reckonTime: number }[];
  /** console.warn/error lines the decoders printed (silenced here: fuzzing prints thousands). */
  logged: number;
}

let logged = 0;
console.error = () => { logged++; };
console.warn = () => { logged++; };

const valuesOf = (i: InputCommand): Values => ({ moveX: i.moveX, moveY: i.moveY, aim: i.aim, fire: i.fire });

/** The fields of core's per-client record this harness reads. Internal to 0.18.17, which is pinned. */
interface CoreClient {
  _input?: InputCommand;
  _lastInputReceivedAt?: number;
  _inputBuffer?: { _renderTimes: number[]; _reckonTimes: number[] };
}

function makeRoomInput(): RoomInput {
  // RoomInput reads only the room's clock and its rewind timeline mode. Both timelines on:
  // the unreliable stamp block then carries two k-length series, so k is trusted twice.
  const room = { clock: { elapsedTime: 0 }, _timelineMode: () => ({ snapshot: true, reckon: true }) };
  const input = new RoomInput(room as never);
  input.define(InputCommand as never, {});
  return input;
}

function run(req: DecodeRequest): DecodeReply {
  const reply: DecodeReply = { id: req.id, status: "ok", states: [], slots: [], accepted: [], stamps: [], logged: 0 };
  logged = 0;
  try {
    if (req.op === "core") {
      const input = makeRoomInput();
      const client: CoreClient = {};
      input.allocate(client as never);
      for (const frame of req.frames) {
        client._lastInputReceivedAt = undefined;
        const buffer = Buffer.from(frame.buffer, frame.byteOffset, frame.byteLength);
        // Room._onMessage splits the first byte the same way: low 5 bits code, top 3 modifiers.
        const code = frame[0]! & 0x1f;
        const modifiers = frame[0]! & 0xe0;
        if (code === 19) input.decodeReliable(client as never, buffer, { offset: 1 }, modifiers);
        else input.decodeUnreliable(client as never, buffer, modifiers);
        reply.accepted.push(client._lastInputReceivedAt !== undefined);
        reply.states.push(valuesOf(client._input!));
      }
      const buf = client._inputBuffer;
      if (buf) {
        buf._renderTimes.forEach((renderTime, i) => reply.stamps.push({ renderTime, reckonTime: buf._reckonTimes[i]! }));
      }
    } else {
      const decoder = new InputDecoder(new InputCommand());
      for (const frame of req.frames) {
        if (req.op === "decode") decoder.decode(frame);
        else decoder.decodeAll(frame, (inst, seq) => reply.slots.push({ seq, values: valuesOf(inst) }));
        reply.states.push(valuesOf(decoder.instance));
      }
    }
  } catch (e) {
    reply.status = "threw";
    reply.message = e instanceof Error ? e.message : String(e);
  }
  reply.logged = logged;
  return reply;
}

parentPort!.on("message", (req: DecodeRequest) => parentPort!.postMessage(run(req)));
parentPort!.postMessage({ ready: true });
