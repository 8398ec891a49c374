import { describe, expect, it } from "vitest";
import { PLAYER_COLOR_COUNT } from "../../shared/constants.ts";
import { BOT_TAG, formatClock, rankPlayers, shownName } from "./format.ts";
import { FADE_MS, HOLD_MS, KillFeed, MAX_ENTRIES } from "./killFeed.ts";
import { PLAYER_COLORS } from "./palette.ts";

describe("formatClock", () => {
  it("formats m:ss and clamps junk to 0:00", () => {
    expect(formatClock(180)).toBe("3:00");
    expect(formatClock(7)).toBe("0:07");
    expect(formatClock(61.2)).toBe("1:02");
    expect(formatClock(-3)).toBe("0:00");
    expect(formatClock(Number.NaN)).toBe("0:00");
  });
});

describe("scoreboard", () => {
  it("ranks by kills, then fewest deaths, then name", () => {
    const ranked = rankPlayers([
      { name: "c", kills: 3, deaths: 5 },
      { name: "b", kills: 3, deaths: 1 },
      { name: "a", kills: 3, deaths: 1 },
      { name: "d", kills: 9, deaths: 9 },
    ]);
    expect(ranked.map((r) => r.name)).toEqual(["d", "a", "b", "c"]);
  });
});

describe("KillFeed", () => {
  it("holds, fades, then drops entries", () => {
    const f = new KillFeed();
    f.push({ killer: "a", victim: "b", killerColor: 0, victimColor: 1, at: 0 });
    expect(f.visible(HOLD_MS)[0]?.alpha).toBe(1);
    expect(f.visible(HOLD_MS + FADE_MS / 2)[0]?.alpha).toBeCloseTo(0.5, 9);
    expect(f.visible(HOLD_MS + FADE_MS)).toHaveLength(0);
  });

  it("keeps only the newest entries", () => {
    const f = new KillFeed();
    for (let i = 0; i < MAX_ENTRIES + 3; i++) f.push({ killer: `k${i}`, victim: "v", killerColor: 0, victimColor: 0, at: 0 });
    const shown = f.visible(1);
    expect(shown).toHaveLength(MAX_ENTRIES);
    expect(shown.at(-1)?.entry.killer).toBe(`k${MAX_ENTRIES + 2}`);
  });
});

describe("palette", () => {
  it("has a distinct colour for every colour the server deals", () => {
    expect(new Set(PLAYER_COLORS).size).toBe(PLAYER_COLOR_COUNT);
  });
});

describe("bot names", () => {
  it("carry a tag wherever they are drawn; humans' names are drawn as they are", () => {
    expect(shownName("Rivet", true)).toBe(`Rivet ${BOT_TAG}`);
    expect(shownName("ann", false)).toBe("ann");
    expect(shownName("ann")).toBe("ann");
  });
});
