/**
 * What a player may type or paste as a private room's code, checked before any request:
 * a code of the wrong length or with letters codes never use gets its own message instead
 * of a round trip and "No room with that code". The codes themselves are drawn on the
 * server (server/rules/room-code.ts) from the same constants.
 */
import { ROOM_CODE_ALPHABET, ROOM_CODE_LENGTH } from "./constants.ts";

/** Fixed texts, so the menu and the tests read the same words. */
export const ROOM_CODE_PROBLEM = {
  empty: "Enter a room code",
  length: `Room codes are ${ROOM_CODE_LENGTH} characters long`,
  letters: "Room codes use letters and digits without 0, O, 1, I or L",
} as const;

/** Longest text the code field takes: room for a paste that is too long to be told so. */
export const ROOM_CODE_INPUT_MAX = ROOM_CODE_LENGTH * 4;

/** The code as typed or pasted, in the form rooms are named: upper case, no spaces or dashes. */
export function normalizeRoomCode(typed: string): string {
  return typed.replace(/[\s-]+/gu, "").toUpperCase().slice(0, ROOM_CODE_INPUT_MAX);
}

/** null when `code` (normalised) could be a room's code, else why not. */
export function roomCodeProblem(code: string): string | null {
  if (code.length === 0) return ROOM_CODE_PROBLEM.empty;
  if (Array.from(code).length !== ROOM_CODE_LENGTH) return `${ROOM_CODE_PROBLEM.length}; that one has ${Array.from(code).length}.`;
  if (![...code].every((c) => ROOM_CODE_ALPHABET.includes(c))) return ROOM_CODE_PROBLEM.letters;
  return null;
}

/** The link that opens this game and joins room `code`: the page's address with `?room=`. */
export function inviteLink(pageUrl: string, code: string): string {
  const url = new URL(pageUrl);
  url.hash = "";
  url.search = "";
  // a page pointed at another server (?server=) keeps pointing there
  const server = new URL(pageUrl).searchParams.get("server");
  if (server) url.searchParams.set("server", server);
  url.searchParams.set("room", code);
  return url.toString();
}

/** The room code an invite link carries (`?room=`), normalised; "" when none. */
export function inviteCode(search: string): string {
  return normalizeRoomCode(new URLSearchParams(search).get("room") ?? "");
}
