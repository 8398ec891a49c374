import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { MARKS_PER_BASE_MAX, NAME_CLUSTER_MAX, NAME_MAX, NAME_RAW_MAX } from "./constants.ts";
import { NAME_PROBLEM, cleanLine, graphemes, hasSystemTag, nameProblem, nameSkeleton, sanitizeName, uniqueName } from "./names.ts";

const ZWJ = "\u200D";
const ZWNJ = "\u200C";
const cps = (s: string) => Array.from(s);
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;

/** Most marks found on any one base (decomposed; joiners and selectors see-through), and whether a mark has no base. */
function markStacks(text: string): { most: number; orphan: boolean } {
  let most = 0;
  let run = -1;
  let orphan = false;
  for (const c of text.normalize("NFD")) {
    if (c === ZWJ || c === ZWNJ || /[\uFE00-\uFE0F]/u.test(c)) continue;
    if (/\p{M}/u.test(c)) {
      if (run < 0) orphan = true;
      else most = Math.max(most, ++run);
    } else run = c === " " ? -1 : 0;
  }
  return { most, orphan };
}

/** A joiner at an end, next to a space, or next to another joiner. */
function strayJoiner(text: string): boolean {
  const all = cps(text);
  const loose = (c: string | undefined) => c === undefined || c === " " || c === ZWJ || c === ZWNJ;
  return all.some((c, i) => (c === ZWJ || c === ZWNJ) && (loose(all[i - 1]) || loose(all[i + 1])));
}

/** The characters this module has rules for, mixed with ordinary ones, so the properties hit those rules often. */
const tricky = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        ZWJ, ZWNJ, "\uFE0F", "\uFE0E", "\u0301", "\u0308", "\u0327", "\u094D", "\u0E34", "\u20E3", "\u034F",
        "\u202E", "\u202A", "\u2066", "\u2069", "\u200E", "\u200B", "\u00AD", "\uFEFF", "\u0000", "\n", "\t",
        "\u3164", "\u115F", "\u2800", "\u3000", " ", "  ",
        "\u{1F3F4}", "\u{E0067}", "\u{E0062}", "\u{E0065}", "\u{E006E}", "\u{E007F}", "\u{1F1FA}", "\u{1F1F8}", "\u{1F3FD}",
        "👩", "🚀", "❤", "a", "é", "Z", "1", "0", "I", "l", "[", "]", "(", ")", "*", "क", "ष", "ی", "خ", "ท", "А", "Ａ",
        "[system]", "(server)", "System", "\uD800",
      ),
      fc.string({ unit: "grapheme", maxLength: 3 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(""));

describe("sanitizeName: properties", () => {
  it("is idempotent, at most NAME_MAX graphemes and NAME_RAW_MAX units, and free of controls, bidi and orphan marks", () => {
    fc.assert(
      fc.property(fc.oneof(tricky, fc.string({ unit: "grapheme", maxLength: 64 }), fc.string({ unit: "binary", maxLength: 64 })), (raw) => {
        const name = sanitizeName(raw);
        expect(sanitizeName(name)).toBe(name);
        expect(graphemes(name).length).toBeLessThanOrEqual(NAME_MAX);
        expect(name.length).toBeLessThanOrEqual(NAME_RAW_MAX);
        expect(Math.max(0, ...graphemes(name).map((g) => cps(g).length))).toBeLessThanOrEqual(NAME_CLUSTER_MAX);
        expect(BIDI_CONTROLS.test(name)).toBe(false);
        expect(/[\p{Cc}\p{Co}\p{Cs}]/u.test(name)).toBe(false);
        // joiners only alone between two non-space characters; no stray tag characters
        expect(strayJoiner(name)).toBe(false);
        expect(/\p{Cf}/u.test(name.replace(/[\u200C\u200D]|\u{1F3F4}[\u{E0020}-\u{E007F}]+/gu, ""))).toBe(false);
        const { most, orphan } = markStacks(name);
        expect(most).toBeLessThanOrEqual(MARKS_PER_BASE_MAX);
        expect(orphan).toBe(false);
        expect(name).toBe(name.trim());
        expect(name === "" || nameProblem(raw) === null).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("cleanLine (chat) is idempotent and keeps the same guarantees without a length cap", () => {
    fc.assert(
      fc.property(fc.oneof(tricky, fc.string({ unit: "grapheme", maxLength: 200 })), (raw) => {
        const line = cleanLine(raw);
        expect(cleanLine(line)).toBe(line);
        expect(BIDI_CONTROLS.test(line)).toBe(false);
        expect(markStacks(line).most).toBeLessThanOrEqual(MARKS_PER_BASE_MAX);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("sanitizeName: examples", () => {
  it("strips control characters, folds spaces, trims and caps the length", () => {
    expect(sanitizeName("  Ann\u0000\u200b  Lee \n")).toBe("Ann Lee");
    expect(sanitizeName("x".repeat(40))).toHaveLength(NAME_MAX);
    expect(sanitizeName("\u0001\u0002   ")).toBe("");
    expect(sanitizeName("<b>bold</b>")).toBe("<b>bold</b>"); // kept as text; clients never render HTML
  });

  it("keeps joiners inside emoji sequences and words", () => {
    expect(sanitizeName("👩\u200D🚀")).toBe("👩\u200D🚀");
    expect(sanitizeName("🏳\uFE0F\u200D🌈 ann")).toBe("🏳\uFE0F\u200D🌈 ann");
    expect(sanitizeName("می\u200Cخواهم")).toBe("می\u200Cخواهم"); // Persian ZWNJ
    expect(sanitizeName("क्\u200Dष")).toBe("क्\u200Dष"); // Devanagari half form
    expect(sanitizeName("র\u200D্য")).toBe("র\u200D্য"); // Bengali ya-phala: the virama follows the ZWJ
    expect(sanitizeName("1\uFE0F\u20E3 go")).toBe("1\uFE0F\u20E3 go"); // keycap
    const england = "\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}";
    expect(sanitizeName(`${england} fan`)).toBe(`${england} fan`);
  });

  it("drops joiners at the ends, in runs, between ASCII letters, and stray selectors", () => {
    expect(sanitizeName("\u200Dann\u200C")).toBe("ann");
    expect(sanitizeName("👩\u200D\u200D🚀")).toBe("👩🚀");
    expect(sanitizeName("B\u200Dob")).toBe("Bob"); // a hidden difference only, never a ligature
    expect(sanitizeName("\uFE0Fann\uFE0F\uFE0F")).toBe("ann\uFE0F");
    expect(sanitizeName("👩 \u200D 🚀")).toBe("👩 🚀");
  });

  it("drops bidi overrides, invisible fillers and invisible tag text", () => {
    expect(sanitizeName("ann\u202Egepj.exe")).toBe("anngepj.exe");
    expect(sanitizeName("\u2066ann\u2069")).toBe("ann");
    expect(sanitizeName("\u3164\u3164\u3164")).toBe("");
    expect(sanitizeName("\u115F")).toBe("");
    expect(sanitizeName("a\u2800\u2800\u2800b")).toBe("a b");
    expect(sanitizeName("ann\u{E0068}\u{E0069}")).toBe("ann");
  });

  it("caps combining marks per base (Zalgo)", () => {
    const zalgo = "Z" + "\u0301\u0302\u0303\u0304".repeat(25) + "ed";
    expect(cps(zalgo).length).toBe(103);
    const name = sanitizeName(zalgo);
    expect(name.normalize("NFD")).toBe("Z\u0301\u0302ed");
    expect(sanitizeName("e\u0301\u0301\u0301")).toBe("é\u0301"); // a precomposed é already holds one mark
    expect(sanitizeName("\u0301\u0301ann")).toBe("ann"); // no base, no marks
    expect(sanitizeName("ที่")).toBe("ที่"); // Thai vowel + tone: 2 marks
  });

  it("counts drawn characters (graphemes), and cuts between them: no half flags or half ZWJ sequences", () => {
    const flags = "🇺🇸🇬🇧🇫🇷🇩🇪🇯🇵🇮🇹🇪🇸🇨🇦🇧🇷"; // 9 flags, 18 code points
    expect(sanitizeName(flags)).toBe(flags);
    const family = "👨\u200D👩\u200D👧";
    expect(sanitizeName(`abcdefghijklmn${family}`)).toBe(`abcdefghijklmn${family}`); // 15 characters
    expect(sanitizeName(`abcdefghijklmno${family}x`)).toBe(`abcdefghijklmno${family}`); // the 17th goes
    expect(sanitizeName("abcdefghijklmnoq\u0301z")).toBe("abcdefghijklmnoq\u0301"); // q with its mark is one character
    expect(graphemes(sanitizeName("🇺🇸".repeat(20)))).toHaveLength(NAME_MAX); // 16 flags: 64 units, the raw bound
  });

  it("keeps emoji sequences, flags and joined scripts whole", () => {
    const names = [
      "👩🏽\u200D💻 dev", // ZWJ sequence with a skin tone
      "🏳\uFE0F\u200D⚧\uFE0F", // transgender flag
      "🇯🇵🇰🇷🇮🇳", // regional-indicator flags
      "नमस्ते दुनिया", // Devanagari with viramas and vowel signs
      "क्\u200Dष", // Devanagari half form with ZWJ
      "한국어 이름", // Hangul syllables
      "\u1112\u1161\u11AB", // a Hangul syllable typed as jamo (L V T)
      "محمد علي", // Arabic
      "שלום עולם", // Hebrew
      "می\u200Cخواهم", // Persian with ZWNJ
    ];
    for (const n of names) expect(sanitizeName(n)).toBe(n.normalize("NFC"));
    expect(graphemes("नमस्ते")).toHaveLength(3); // न, म, स्ते
    expect(graphemes("👩🏽\u200D💻")).toHaveLength(1);
  });

  it("a name of wide or right-to-left characters gets the same 16 as a Latin one", () => {
    expect(graphemes(sanitizeName("한".repeat(30)))).toHaveLength(NAME_MAX);
    expect(graphemes(sanitizeName("ش".repeat(30)))).toHaveLength(NAME_MAX);
    expect(graphemes(sanitizeName("नमस्ते".repeat(10)))).toHaveLength(NAME_MAX);
    expect(graphemes(sanitizeName("👍🏽".repeat(20))).length).toBe(NAME_MAX);
  });

  it("stays strict: overrides, zero-width padding and clusters that pack many symbols into one go", () => {
    expect(sanitizeName("\u202Eevil\u202C")).toBe("evil"); // bidi override
    expect(sanitizeName("\u2067محمد\u2069")).toBe("محمد"); // isolates are ours to add, not the player's
    expect(sanitizeName("a\u200B\u200B\u200Bb")).toBe("ab"); // zero-width space
    expect(sanitizeName("an\u200Dn")).toBe("ann"); // joiner between ASCII letters
    // eleven emoji glued with joiners are one grapheme but draw as eleven: dropped whole
    const chain = Array(11).fill("😀").join("\u200D");
    expect(graphemes(chain)).toHaveLength(1);
    expect(sanitizeName(`${chain}ann`)).toBe("ann");
    // a run of leading jamo is one grapheme too
    expect(sanitizeName(`${"\u1100".repeat(12)}\u1161 ok`)).toBe("ok");
    // the longest standard emoji (a kiss with two skin tones, 10 code points) is kept
    const kiss = "👩🏻\u200D❤\uFE0F\u200D💋\u200D👨🏼";
    expect(cps(kiss)).toHaveLength(NAME_CLUSTER_MAX);
    expect(sanitizeName(kiss)).toBe(kiss);
  });

  it("rejects names that pose as system lines, look-alikes folded", () => {
    for (const raw of ["[system] hi", "[SYSTEM]", "(system) ann", "[ server ]", "[admin] bob", "【mod】x", "［ｓｙｓｔｅｍ］", "[ѕуѕтем] hi", "* ann waves", "＊ann", "System", "server: restart", "ann [admin]", "[s\u200Bystem]"]) {
      expect(sanitizeName(raw), raw).toBe("");
      expect(nameProblem(raw), raw).toBe(NAME_PROBLEM.system);
    }
    for (const ok of ["Admin", "Systemic", "[ABC] ann", "ann*", "Servers"]) {
      expect(sanitizeName(ok), ok).toBe(ok);
      expect(nameProblem(ok), ok).toBeNull();
    }
    expect(nameProblem("\u0001")).toBe(NAME_PROBLEM.empty);
    expect(NAME_PROBLEM.empty).toBe("use 1 to 16 printable characters (emoji count as one)");
  });
});

describe("uniqueName and look-alikes", () => {
  it("duplicates get a #n suffix", () => {
    expect(uniqueName("bob", ["amy"])).toBe("bob");
    expect(uniqueName("bob", ["bob", "bob#2"])).toBe("bob#3");
  });

  it("case, Cyrillic, fullwidth, small capitals, math letters and digit swaps share a skeleton", () => {
    const looks = ["Admin", "admin", "\u0410dmin", "Ａｄｍｉｎ", "adm1n", "ADMlN", "ᴀᴅᴍɪɴ", "𝐀𝐝𝐦𝐢𝐧", "Ádmin", "A\u0336d\u0336min"];
    for (const n of looks) expect(nameSkeleton(n), n).toBe(nameSkeleton("admin"));
    expect(uniqueName("\u0410dmin", ["Admin"])).toBe("\u0410dmin#2");
    expect(uniqueName("Ａｄｍｉｎ", ["Admin", "\u0410dmin#2"])).toBe("Ａｄｍｉｎ#3");
    expect(uniqueName("B0B", ["bob"])).toBe("B0B#2");
    expect(uniqueName("modern", ["modem"])).toBe("modern#2"); // rn draws like m
  });

  it("different names stay different", () => {
    expect(uniqueName("ann", ["anna", "Ann Lee", "аnn#2"])).toBe("ann");
    expect(uniqueName("Дима", ["Dima"])).toBe("Дима");
    expect(uniqueName("bot-10", ["bot-1", "bot-0", "bot-11"])).toBe("bot-10");
  });
});

describe("system tags in free text", () => {
  it("finds bracketed reserved words anywhere, but not ordinary brackets", () => {
    expect(hasSystemTag("look [system] you are banned")).toBe(true);
    expect(hasSystemTag("(ѕеrvеr) restart")).toBe(true);
    expect(hasSystemTag("gg (all of you)")).toBe(false);
    expect(hasSystemTag("[ABC] clan")).toBe(false);
  });
});
