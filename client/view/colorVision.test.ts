import { describe, expect, it } from "vitest";
import { PLAYER_COLOR_COUNT } from "../../shared/constants.ts";
import { closestPair, deltaE, labOf, type Deficiency } from "./colorVision.ts";
import { COLORBLIND_PLAYER_COLORS, PLAYER_COLORS, PLAYER_MARKS, UI, activePlayerColors, playerColor, playerMark, usePlayerPalette } from "./palette.ts";

/** ΔE (CIE76). Two player colours must differ at least this much as seen: well past a
 *  just noticeable difference (2.3), so they read as different colours at a glance. */
const MIN_PAIR_DELTA_E = 15;
/** ΔE. Each player colour must stand out from the arena floor this much. */
const MIN_FLOOR_DELTA_E = 40;

const SIGHTS: (Deficiency | null)[] = [null, "deuteranopia", "protanopia"];

describe("colour vision simulation", () => {
  it("greys look the same to everyone; red and green collapse together", () => {
    for (const d of ["deuteranopia", "protanopia"] as const) {
      for (const grey of ["#000000", "#808080", "#ffffff"]) expect(deltaE(labOf(grey), labOf(grey, d))).toBeLessThan(1);
      const normal = deltaE(labOf("#d03030"), labOf("#30a030"));
      const seen = deltaE(labOf("#d03030", d), labOf("#30a030", d));
      expect(seen).toBeLessThan(normal / 2);
    }
  });
});

describe("the colour-blind-safe player palette", () => {
  it("has one colour per dealt player colour", () => {
    expect(COLORBLIND_PLAYER_COLORS).toHaveLength(PLAYER_COLOR_COUNT);
    expect(new Set(COLORBLIND_PLAYER_COLORS).size).toBe(PLAYER_COLOR_COUNT);
  });

  for (const d of SIGHTS) {
    it(`keeps every pair apart with ${d ?? "normal sight"} (ΔE ≥ ${MIN_PAIR_DELTA_E}) and off the floor`, () => {
      const closest = closestPair(COLORBLIND_PLAYER_COLORS, d);
      expect(closest.distance, `${closest.a} vs ${closest.b}`).toBeGreaterThanOrEqual(MIN_PAIR_DELTA_E);
      for (const c of COLORBLIND_PLAYER_COLORS) expect(deltaE(labOf(c, d), labOf(UI.floor, d)), c).toBeGreaterThanOrEqual(MIN_FLOOR_DELTA_E);
    });
  }

  it("is needed: the standard palette has a pair that deuteranopia runs together", () => {
    expect(closestPair(PLAYER_COLORS, "deuteranopia").distance).toBeLessThan(MIN_PAIR_DELTA_E);
  });

  it("switches what playerColor returns, and back", () => {
    usePlayerPalette(true);
    expect(activePlayerColors()).toBe(COLORBLIND_PLAYER_COLORS);
    expect(playerColor(9)).toBe(COLORBLIND_PLAYER_COLORS[1]);
    usePlayerPalette(false);
    expect(playerColor(9)).toBe(PLAYER_COLORS[1]);
  });
});

describe("player shapes", () => {
  it("every dealt colour index has its own shape, in either palette", () => {
    const marks = Array.from({ length: PLAYER_COLOR_COUNT }, (_, i) => playerMark(i));
    expect(new Set(marks).size).toBe(PLAYER_COLOR_COUNT);
    expect(PLAYER_MARKS).toHaveLength(PLAYER_COLOR_COUNT);
    // the colour index wraps, and the shape wraps with it
    expect(playerMark(PLAYER_COLOR_COUNT + 2)).toBe(playerMark(2));
  });
});
