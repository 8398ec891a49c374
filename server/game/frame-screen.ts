/**
 * Puts a FrameGate in front of every frame a room's clients send (raw-frames.ts): a frame
 * the gate refuses is dropped, and a client it closes is kicked with our close code and
 * its reason, holding no seat.
 */
import type { Client, Room } from "@colyseus/core";
import { CLOSE_REASON } from "../../shared/messages.ts";
import { FrameGate, type GateAction } from "./frame-gate.ts";
import { onRawFrames } from "./raw-frames.ts";

export function screenFrames(room: Room, tickHz: number): FrameGate {
  // Input stamps follow the room's rewind timeline (none when lag compensation is off).
  const gate = new FrameGate(tickHz, () => {
    const mode = room._timelineMode();
    return { render: mode?.snapshot ?? false, reckon: mode?.reckon ?? false };
  });
  const enforce = (client: Client, action: GateAction): boolean => {
    if (action.pass) return true;
    if (action.close !== undefined) room.kickClient(client.sessionId, action.close, CLOSE_REASON[action.close]);
    return false;
  };
  onRawFrames(
    room,
    (client, bytes) => enforce(client, gate.check(client.sessionId, bytes, room.clock.elapsedTime)),
    (client) => enforce(client, gate.undecodable(client.sessionId)),
  );
  return gate;
}
