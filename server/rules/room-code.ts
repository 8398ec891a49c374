import { ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH } from "../../shared/constants.ts";

/** A short private-room code from an unambiguous alphabet. `randomInt(n)` is in [0, n). */
export function makeRoomCode(randomInt: (n: number) => number): string {
  let code = "";
  for (let i = 0; i < ROOM_CODE_LENGTH; i++) code += ROOM_CODE_ALPHABET[randomInt(ROOM_CODE_ALPHABET.length)];
  return code;
}
