/**
 * Player names and other one-line text (chat): what may be shown, what may not pose as the
 * game itself, and when two names look the same.
 *
 * Look-alike folding is written here rather than taken from the `confusables` npm package
 * (MIT, 13 KB, browser-safe, but last released 2024-12): it is a table for filtering English
 * profanity (its README says so) that maps whole other alphabets onto Latin (Russian "Дима"
 * becomes "ANMa", the Persian alef becomes "i"), and it folds neither case nor 0/o, 1/l, so
 * we would still need our own pass on top. The skeleton only has to decide "same name or
 * not", and a small table over NFKC and lower case does that for the scripts players use.
 */
import { MARKS_PER_BASE_MAX, NAME_CLUSTER_MAX, NAME_MAX, NAME_MIN, NAME_RAW_MAX } from "./constants.ts";

/** Why a raw name was refused; fixed texts, so callers can show them as they are. */
export const NAME_PROBLEM = {
  empty: `use ${NAME_MIN} to ${NAME_MAX} printable characters (emoji count as one)`,
  system: "it looks like a system message",
} as const;
export type NameProblem = (typeof NAME_PROBLEM)[keyof typeof NAME_PROBLEM];

/**
 * The name to show for `raw`, or "" when it cannot be used (nothing printable left, or it
 * poses as a system line); `nameProblem(raw)` tells which. Idempotent.
 */
export function sanitizeName(raw: string): string {
  return judgeName(raw).name;
}

/** null when `raw` makes a usable name, else the fixed reason from NAME_PROBLEM. */
export function nameProblem(raw: string): NameProblem | null {
  return judgeName(raw).problem;
}

/** `name`, or `name#2`, `name#3`... whichever does not look like a name in `taken`. */
export function uniqueName(name: string, taken: Iterable<string>): string {
  const used = new Set(Array.from(taken, nameSkeleton));
  if (!used.has(nameSkeleton(name))) return name;
  for (let n = 2; ; n++) {
    const candidate = `${name}#${n}`;
    if (!used.has(nameSkeleton(candidate))) return candidate;
  }
}

/**
 * Cleans text shown on one line (a name before its length cut, a chat message):
 * - control, format and private-use characters go, bidi overrides and isolates included;
 * - whitespace and blank-looking fillers (Hangul fillers, blank braille) become one space;
 * - ZWJ / ZWNJ stay only alone between two non-ASCII characters: that is where emoji
 *   sequences, Indic conjuncts and Persian words need them, and a joiner anywhere else is
 *   only a way to make two equal-looking strings differ;
 * - a variation selector stays only right after the character it selects;
 * - at most MARKS_PER_BASE_MAX combining marks per character, none without one. Counted
 *   on the decomposed text, so "é" is e plus one mark and a precomposed letter cannot carry
 *   two more on top; the result is composed again (NFC).
 * Idempotent. The passes run in an order where no later one can undo an earlier one.
 */
export function cleanLine(raw: string): string {
  const visible = collapseSpaces(dropInvisibles(Array.from(raw.normalize("NFD"))).join(""));
  const attached = capMarks(placeSelectors(Array.from(visible)));
  return collapseSpaces(keepInnerJoiners(attached).join("")).normalize("NFC");
}

/**
 * Folds `text` to what it looks like: NFKC (fullwidth, math letters, ligatures), lower
 * case, no marks or invisible characters, Cyrillic / Greek / small-capital look-alikes to
 * Latin, and the digit / letter swaps 0→o and 1, I, i, | → l, "rn" → m, "vv" → w.
 * Folding i with l over-merges a little ("bili" meets "bill"); the cost is a "#2" suffix,
 * while keeping them apart would let "ADMlN" pass for "ADMIN".
 */
export function nameSkeleton(text: string): string {
  const bare = text.normalize("NFKC").toLowerCase().normalize("NFD").replace(/[\p{M}\p{C}]/gu, "");
  let out = "";
  for (const c of bare) out += LOOKALIKES.get(c) ?? c;
  return out.replace(/rn/g, "m").replace(/vv/g, "w").replace(/\s+/gu, " ").trim();
}

/** True when `text` holds a bracketed tag such as "[system]", "(server)", "【admin】", look-alikes folded. */
export function hasSystemTag(text: string): boolean {
  return SYSTEM_TAG.test(nameSkeleton(text));
}

// ── rejection ────────────────────────────────────────────────────────────────

function judgeName(raw: string): { name: string; problem: NameProblem | null } {
  const name = cleanLine(cutGraphemes(cleanLine(raw)));
  if (graphemes(name).length < NAME_MIN) return { name: "", problem: NAME_PROBLEM.empty };
  const skeleton = nameSkeleton(name);
  if (SYSTEM_TAG.test(skeleton) || SYSTEM_START.test(skeleton)) return { name: "", problem: NAME_PROBLEM.system };
  return { name, problem: null };
}

function pairs(from: string, to: string): [string, string][] {
  const f = Array.from(from);
  const t = Array.from(to);
  if (f.length !== t.length) throw new Error(`look-alike table: ${f.length} letters map to ${t.length}`);
  return f.map((c, i) => [c, t[i]!]);
}

/** Keys are lower case: nameSkeleton lowers first, so capitals arrive as these. */
const LOOKALIKES = new Map<string, string>([
  // Cyrillic а в е к м н о р с т у х ѕ і ј һ ԁ ԛ ԝ ү ь ӏ п г ѵ
  ...pairs("авекмнорстухѕіјһԁԛԝүьӏпгѵ", "abekmhopctyxsljhdqwyblnrv"),
  // Greek α β ε ζ η ι κ μ ν ο ρ τ υ χ γ ϲ ϳ ω (η as the capital Η, which is H)
  ...pairs("αβεζηικμνορτυχγϲϳω", "abezhlkmvoptyxycjw"),
  // Armenian օ ս հ ո
  ...pairs("օսհո", "ouhn"),
  // Latin small capitals, popular in "fancy" names; NFKC leaves them alone
  ...pairs("ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢ", "abcdefghljklmnoprstuvwyz"),
  // Latin letters with strokes or alternate forms that do not decompose
  ...pairs("ıɩǀłøđħɑɡ", "llllodhag"),
  // digit / letter swaps
  ...pairs("i1|0", "lllo"),
]);

/** Words only the game may put in a tag. "all", "whisper" and "error" are the client's own line prefixes. */
const RESERVED = ["system", "server", "admin", "administrator", "mod", "moderator", "staff", "dev", "developer", "gm", "console", "official", "error", "all", "whisper"];
const OPEN = "[\\[({<【〔〖〘「『⟦⟨⟪〈《]";
const CLOSE = "[\\])}>】〕〗〙」』⟧⟩⟫〉》]";
/** Matched against a skeleton, so the words are folded the same way. */
const SYSTEM_TAG = new RegExp(`${OPEN} *(?:${RESERVED.map(nameSkeleton).join("|")}) *${CLOSE}`, "u");
/** A name that opens like a system or action line: "* ann waves", "System", "Server: restart". */
const SYSTEM_START = new RegExp(`^(?:[*∗⁎✱]|(?:${["system", "server"].map(nameSkeleton).join("|")})(?![\\p{L}\\p{N}]))`, "u");

// ── cleaning passes (code point arrays) ───────────────────────────────────────

const ZWNJ = "\u200C";
const ZWJ = "\u200D";
const BLACK_FLAG = "\u{1F3F4}";
const CANCEL_TAG = "\u{E007F}";
const BOM = "\uFEFF";
/** Letters and symbols that draw as blank space: Hangul fillers, blank braille. */
const FILLER = /^[\u115F\u1160\u3164\uFFA0\u2800]$/u;
/** Marks that draw nothing at all (grapheme joiner, Khmer inherent vowels). */
const EMPTY_MARK = /^[\u034F\u17B4\u17B5]$/u;
const SUBDIVISION_TAG = /^[\u{E0030}-\u{E0039}\u{E0061}-\u{E007A}]$/u;
const SELECTOR = /^[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]$/u;

const isJoiner = (c: string | undefined): boolean => c === ZWJ || c === ZWNJ;
const isMark = (c: string): boolean => /^\p{M}$/u.test(c);
/** Something marks and selectors can sit on. */
const isBase = (c: string | undefined): boolean => c !== undefined && c !== " " && !isJoiner(c) && !isMark(c);
const joinable = (c: string | undefined): boolean => c !== undefined && c.codePointAt(0)! >= 0x80 && !isJoiner(c);

function collapseSpaces(s: string): string {
  return s.replace(/ {2,}/g, " ").trim();
}

function dropInvisibles(cps: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i]!;
    if (c === BLACK_FLAG) {
      const tags = flagTags(cps, i + 1);
      out.push(c, ...tags);
      i += tags.length;
    } else if (isJoiner(c)) out.push(c);
    else if ((c !== BOM && /^\s$/u.test(c)) || FILLER.test(c)) out.push(" ");
    else if (!/^\p{C}$/u.test(c) && !EMPTY_MARK.test(c)) out.push(c);
  }
  return out;
}

/**
 * The tag characters after a black flag when they spell a subdivision flag (England,
 * Scotland, Wales): a region and subdivision code of 3 to 7 tags, then CANCEL TAG.
 * Any other tag run is invisible text and goes.
 */
function flagTags(cps: readonly string[], from: number): string[] {
  let end = from;
  while (end < cps.length && SUBDIVISION_TAG.test(cps[end]!)) end++;
  const n = end - from;
  return n >= 3 && n <= 7 && cps[end] === CANCEL_TAG ? cps.slice(from, end + 1) : [];
}

function placeSelectors(cps: readonly string[]): string[] {
  return cps.filter((c, i) => !SELECTOR.test(c) || isBase(cps[i - 1]));
}

/** Joiners and selectors are see-through here: in "র‍্য" the virama after ZWJ still belongs to র. */
function capMarks(cps: readonly string[]): string[] {
  const out: string[] = [];
  let marks = -1; // marks on the current base so far; -1 when there is no base to carry any
  for (const c of cps) {
    if (isJoiner(c) || SELECTOR.test(c)) out.push(c);
    else if (isMark(c)) {
      if (marks < 0 || marks >= MARKS_PER_BASE_MAX) continue;
      marks++;
      out.push(c);
    } else {
      marks = c === " " ? -1 : 0;
      out.push(c);
    }
  }
  return out;
}

function keepInnerJoiners(cps: readonly string[]): string[] {
  return cps.filter((c, i) => !isJoiner(c) || (joinable(cps[i - 1]) && joinable(cps[i + 1])));
}

const segmenter = new Intl.Segmenter("en", { granularity: "grapheme" });

/** `text` split into drawn characters (extended grapheme clusters, Unicode's UAX #29). */
export function graphemes(text: string): string[] {
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/**
 * The first NAME_MAX drawn characters of `text`, within NAME_RAW_MAX UTF-16 units, never
 * splitting one: a flag, an emoji sequence, a letter with its marks or a conjunct stays
 * whole or goes whole. Clusters longer than NAME_CLUSTER_MAX code points are dropped.
 */
function cutGraphemes(text: string): string {
  let out = "";
  let count = 0;
  for (const g of graphemes(text)) {
    if (count >= NAME_MAX) break;
    if (Array.from(g).length > NAME_CLUSTER_MAX) continue;
    if (out.length + g.length > NAME_RAW_MAX) break;
    out += g;
    count++;
  }
  return out;
}
