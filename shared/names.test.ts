import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { NAME_MAX } from "./constants.ts";
import { sanitizeName, uniqueName } from "./names.ts";

describe("names", () => {
  it("strips control characters, folds spaces, trims and caps the length", () => {
    expect(sanitizeName("  Ann\u0000\u200b  Lee \n")).toBe("Ann Lee");
    expect(sanitizeName("x".repeat(40))).toHaveLength(NAME_MAX);
    expect(sanitizeName("\u0001\u0002   ")).toBe("");
    expect(sanitizeName("<b>bold</b>")).toBe("<b>bold</b>"); // kept as text; clients never render HTML
  });

  it("always yields 0 or 1..16 printable code points", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 64 }), (raw) => {
        const name = sanitizeName(raw);
        const len = Array.from(name).length;
        expect(len === 0 || (len >= 1 && len <= NAME_MAX)).toBe(true);
        expect(/[\p{Cc}\p{Cf}]/u.test(name)).toBe(false);
        expect(name).toBe(name.trim());
      }),
    );
  });

  it("duplicates get a #n suffix", () => {
    expect(uniqueName("bob", ["amy"])).toBe("bob");
    expect(uniqueName("bob", ["bob", "bob#2"])).toBe("bob#3");
  });
});
