/**
 * Chat commands, as pure functions: the room only delivers what these decide.
 * socket.io's patterns map onto the room like this: io.emit → "all" (everyone,
 * sender included), socket.to(id).emit → "whisper", and server notices → "system".
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

export function decideChat(senderId: string, rawText: string, roster: Roster): ChatDecision {
  const text = cleanText(rawText);
  if (text === "") return { kind: "error", text: "Empty message." };
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

/** Control characters out, whitespace runs folded, ends trimmed. */
export function cleanText(raw: string): string {
  return raw.replace(/[\p{C}\p{Zl}\p{Zp}]/gu, " ").replace(/\s+/gu, " ").trim();
}

/**
 * Names may contain spaces, so the recipient is the name that prefixes the rest of the
 * line followed by a space. Case-insensitive; an exact-case match wins over others.
 */
function findRecipient(
  rest: string,
  roster: Roster,
): { kind: "ok"; id: string; nameLength: number } | { kind: "error"; text: string } {
  const lower = rest.toLowerCase();
  const matches: { id: string; name: string }[] = [];
  for (const [id, name] of roster.names) {
    if (lower.startsWith(name.toLowerCase() + " ")) matches.push({ id, name });
  }
  const target = rest.split(" ")[0] ?? "";
  if (matches.length === 0) return { kind: "error", text: `No player named "${target}" in this room.` };
  const exact = matches.filter((c) => rest.startsWith(c.name + " "));
  const pool = exact.length > 0 ? exact : matches;
  // "bob" and "bob smith" can both prefix "bob smith hi": the longer name is meant.
  const longest = Math.max(...pool.map((c) => c.name.length));
  const best = pool.filter((c) => c.name.length === longest);
  if (best.length > 1) {
    return { kind: "error", text: `"${target}" matches ${best.map((c) => c.name).join(", ")}; type the exact name.` };
  }
  const pick = best[0]!;
  return { kind: "ok", id: pick.id, nameLength: pick.name.length };
}
