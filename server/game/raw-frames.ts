/**
 * Colyseus offers no hook between a client's socket and its own decoding of the frame,
 * and a frame must be judged before that decoding (see rules/frame-guard.ts). The room
 * binds its `_onMessage` to each client's socket when the client joins, so wrapping it on
 * the room instance at creation puts `screen` in front of every frame of every client.
 * `_onMessage` is Colyseus-internal; server/rooms tests and e2e/hostile*.e2e.test.ts fail
 * if an upgrade changes it.
 */
import type { Client, Room } from "@colyseus/core";

import { sampledLog } from "./sampled-log.ts";

type FrameHandler = (client: Client, buffer: Uint8Array) => void;

const INPUT_RELIABLE = 19;
const CODE_MASK = 0x1f;

/**
 * `screen` returns false to drop a frame (it may also have closed the client).
 * `undecodable` hears of a reliable input frame that was let through but did not decode.
 * Colyseus gives no sign of that but a log line: @colyseus/schema's decoder logs and skips
 * a body it cannot read (an unknown structure, a field past the schema), and Colyseus logs
 * a decoder throw. Those lines pass through the process's sampled console
 * (sampleConsoleErrors, installed with the game server), so a line noted during this
 * frame's synchronous decode is this frame's.
 */
export function onRawFrames(room: Room, screen: (client: Client, bytes: Uint8Array) => boolean, undecodable: (client: Client) => void): void {
  const internal = room as unknown as { _onMessage: FrameHandler };
  const decode = internal._onMessage;
  if (typeof decode !== "function") throw new Error("Colyseus Room._onMessage is gone: server/game/raw-frames.ts needs updating");
  internal._onMessage = function (this: Room, client, buffer) {
    // Never throw from here: nothing above this call would catch it.
    let pass = false;
    try {
      pass = buffer instanceof Uint8Array && screen(client, buffer);
    } catch (e) {
      console.error("tickfire: frame screen failed; frame dropped:", e);
    }
    if (!pass) return;
    const linesBefore = sampledLog.noted;
    decode.call(this, client, buffer);
    if ((buffer[0]! & CODE_MASK) === INPUT_RELIABLE && sampledLog.noted !== linesBefore) undecodable(client);
  };
}
