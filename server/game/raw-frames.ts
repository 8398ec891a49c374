/**
 * Colyseus offers no hook between a client's socket and its own decoding of the frame,
 * and a frame must be judged before that decoding (see rules/frame-guard.ts). The room
 * binds its `_onMessage` to each client's socket when the client joins, so wrapping it on
 * the room instance at creation puts `screen` in front of every frame of every client.
 * `_onMessage` is Colyseus-internal; server/rooms tests and e2e/hostile*.e2e.test.ts fail
 * if an upgrade changes it.
 */
import type { Client, Room } from "@colyseus/core";

type FrameHandler = (client: Client, buffer: Uint8Array) => void;

/** `screen` returns false to drop a frame (it may also have closed the client). */
export function onRawFrames(room: Room, screen: (client: Client, bytes: Uint8Array) => boolean): void {
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
    if (pass) decode.call(this, client, buffer);
  };
}
