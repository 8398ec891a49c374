import { cleanLine, graphemes, hasSystemTag, nameSkeleton } from "../../shared/names.ts";
import { NAME_MAX } from "../../shared/constants.ts";

/**
 * Chat commands, as pure functions: the room only delivers what these decide.
 * A line goes to everyone, sender included ("all"), to the sender and one recipient
 * ("whisper"), or back to the sender alone ("error"); the game's own notices are "system".
 */
export type ChatDecision =
  | { kind: "all"; text: string }
  | { kind: "whisper"; targetId: string; text: string }
  | { kind: "error"; text: string };

export interface Roster {
  /** sessionId → display name of everyone in the room. */
  names: ReadonlyMap<string, string>;
}

const WHISPER = /^\/(?:w|whisper)\s+/i;

/** Told to the sender of a line that would read like the game speaking. */
export const SYSTEM_TAG_ERROR = "Not sent: tags like [system] or [server] are kept for the game's own lines.";

export function decideChat(senderId: string, rawText: string, roster: Roster): ChatDecision {
  const text = cleanText(rawText);
  if (text === "") return { kind: "error", text: "Empty message." };
  // Anywhere in the line, not only at its start: a long line wraps, and the wrapped part
  // starts a row of its own in the chat box.
  if (hasSystemTag(text)) return { kind: "error", text: SYSTEM_TAG_ERROR };
  const m = WHISPER.exec(text);
  if (!m) {
    if (text.startsWith("/")) return { kind: "error", text: "Unknown command. Try /w name message." };
    return { kind: "all", text };
  }
  const rest = text.slice(m[0].length);
  const found = findRecipient(rest, roster);
  if (found.kind === "error") return found;
  if (found.id === senderId) return { kind: "error", text: "You cannot whisper to yourself." };
  const body = rest.slice(found.nameLength).trim();
  if (body === "") return { kind: "error", text: "Usage: /w name message" };
  return { kind: "whisper", targetId: found.id, text: body };
}

/**
 * The same cleaning as names (shared/names.ts cleanLine): controls, bidi overrides and
 * invisible fillers out, whitespace folded, joiners only inside emoji and words, combining
 * marks capped per character.
 */
export function cleanText(raw: string): string {
  return cleanLine(raw);
}

/** A roster name found at the start of the whisper; `length` is how much of the line it took. */
interface Candidate {
  id: string;
  name: string;
  length: number;
}

/**
 * Names may contain spaces, so the recipient is the name that prefixes the rest of the
 * line followed by a space. Case-insensitive; an exact-case match wins over others. When
 * nothing matches that way, look-alikes do: "/w admin#2" reaches "Аdmin#2" (Cyrillic А),
 * whose name most keyboards cannot type.
 */
function findRecipient(rest: string, roster: Roster): { kind: "ok"; id: string; nameLength: number } | { kind: "error"; text: string } {
  const lower = rest.toLowerCase();
  const matches: Candidate[] = [];
  for (const [id, name] of roster.names) {
    if (lower.startsWith(name.toLowerCase() + " ")) matches.push({ id, name, length: name.length });
  }
  if (matches.length === 0) matches.push(...lookAlikeMatches(rest, roster));
  // Quoted back to the sender: cut to a name's length, so a reply never grows with the line.
  const target = graphemes(rest.split(" ")[0] ?? "").slice(0, NAME_MAX).join("");
  if (matches.length === 0) return { kind: "error", text: `No player named "${target}" in this room.` };
  const exact = matches.filter((c) => rest.startsWith(c.name + " "));
  const pool = exact.length > 0 ? exact : matches;
  // "bob" and "bob smith" can both prefix "bob smith hi": the longer name is meant.
  const longest = Math.max(...pool.map((c) => c.length));
  const best = pool.filter((c) => c.length === longest);
  if (best.length > 1) {
    return { kind: "error", text: `"${target}" matches ${best.map((c) => c.name).join(", ")}; type the exact name.` };
  }
  const pick = best[0]!;
  return { kind: "ok", id: pick.id, nameLength: pick.length };
}

/** Roster names whose skeleton equals the skeleton of some space-ended prefix of `rest`. */
function lookAlikeMatches(rest: string, roster: Roster): Candidate[] {
  const skeletons = new Map<string, number>(); // prefix skeleton → prefix length
  for (let end = rest.indexOf(" "); end > 0; end = rest.indexOf(" ", end + 1)) {
    skeletons.set(nameSkeleton(rest.slice(0, end)), end);
  }
  const found: Candidate[] = [];
  for (const [id, name] of roster.names) {
    const length = skeletons.get(nameSkeleton(name));
    if (length !== undefined) found.push({ id, name, length });
  }
  return found;
}
