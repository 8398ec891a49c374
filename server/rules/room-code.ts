import { ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH } from "../../shared/constants.ts";

/** A short private-room code from an unambiguous alphabet. `randomInt(n)` is in [0, n). */
export function makeRoomCode(randomInt: (n: number) => number): string {
  let code = "";
  for (let i = 0; i < ROOM_CODE_LENGTH; i++) code += ROOM_CODE_ALPHABET[randomInt(ROOM_CODE_ALPHABET.length)];
  return code;
}

/**
 * The room id a typed code names: codes are made of upper-case letters and digits only, so
 * one in any case names the same room. Anything else (Colyseus' own 9-character ids of
 * public rooms, which are case-sensitive) is returned as it is.
 */
export function roomIdForCode(typed: string): string {
  const upper = typed.toUpperCase();
  if (upper.length !== ROOM_CODE_LENGTH || ![...upper].every((c) => ROOM_CODE_ALPHABET.includes(c))) return typed;
  return upper;
}
