import { NAME_MAX, NAME_MIN } from "./constants.ts";

/**
 * Cleans a player name: control and invisible characters go, whitespace runs become
 * one space, ends are trimmed, and the result is cut to NAME_MAX code points.
 * Returns "" when nothing printable is left; callers treat that as invalid.
 */
export function sanitizeName(raw: string): string {
  const printable = raw
    .normalize("NFC")
    .replace(/[\p{C}\p{Zl}\p{Zp}]/gu, "")
    .replace(/\s+/gu, " ")
    .trim();
  const cut = Array.from(printable).slice(0, NAME_MAX).join("").trim();
  return Array.from(cut).length >= NAME_MIN ? cut : "";
}

/** `name`, or `name#2`, `name#3`... whichever no one in `taken` has yet. */
export function uniqueName(name: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  if (!used.has(name)) return name;
  for (let n = 2; ; n++) {
    const candidate = `${name}#${n}`;
    if (!used.has(candidate)) return candidate;
  }
}
