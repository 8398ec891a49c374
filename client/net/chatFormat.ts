/**
 * Chat lines as plain text: what the chat box shows and what __tickfire.chat reports.
 * Always rendered as text, never parsed as markup.
 */
import type { ChatKind, ChatOut } from "../../shared/messages.ts";

export interface ChatLine {
  kind: ChatKind;
  text: string;
}

/** "[all] bob: hi", "[whisper] bob → amy: hi", "[system] amy joined", "[error] Slow down". */
export function formatChat(m: ChatOut): string {
  const text = stripControls(m.text);
  switch (m.kind) {
    case "all":
      return `[all] ${m.from}: ${text}`;
    case "whisper":
      return `[whisper] ${m.from} → ${m.to}: ${text}`;
    case "system":
      return `[system] ${text}`;
    case "error":
      return `[error] ${text}`;
    default:
      return `[${String(m.kind)}] ${text}`;
  }
}

/** Line breaks and other control characters would break the one-line layout. */
function stripControls(s: string): string {
  return s.replace(/\p{Cc}/gu, " ");
}

/** Appends to a bounded log, dropping the oldest lines. */
export function pushBounded<T>(log: T[], item: T, max: number): void {
  log.push(item);
  if (log.length > max) log.splice(0, log.length - max);
}
