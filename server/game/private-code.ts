/**
 * Private rooms' codes: a private room's id is its code, drawn at random and checked
 * against every listed room (in a cluster, every process's).
 */
import { randomInt } from "node:crypto";
import { ServerError, matchMaker } from "@colyseus/core";
import { makeRoomCode } from "../rules/room-code.ts";

export async function unusedRoomCode(): Promise<string> {
  // 20 tries at 28 M codes: a clash every time means something else is wrong
  for (let attempt = 0; attempt < 20; attempt++) {
    const code = makeRoomCode((n) => randomInt(n));
    const taken = await matchMaker.query({ roomId: code });
    if (taken.length === 0) return code;
  }
  throw new ServerError(503, "could not allocate a private room code; try again");
}
