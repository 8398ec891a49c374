import { describe, expect, it } from "vitest";
import { compactLayout, hudBoxes, isCompact, isPortrait, overlaps } from "./compactLayout.ts";

/** Phones held sideways, CSS px: the test's 844x390 and smaller and larger common sizes. */
const PHONES: [number, number][] = [
  [844, 390],
  [568, 320],
  [640, 360],
  [667, 375],
  [740, 360],
  [915, 412],
  [932, 430],
];

describe("compact HUD layout", () => {
  for (const [w, h] of PHONES) {
    it(`${w}x${h}: no piece covers the tank, a stick zone or another piece, and all fit the screen`, () => {
      const l = compactLayout(w, h);
      const boxes = hudBoxes(l);
      const screen = { x: 0, y: 0, w, h };
      for (const [name, b] of boxes) {
        expect(overlaps(b, l.self), `${name} covers the tank`).toBe(false);
        for (const z of l.stickZones) expect(overlaps(b, z), `${name} covers a stick`).toBe(false);
        expect(b.x >= 0 && b.y >= 0 && b.x + b.w <= screen.w && b.y + b.h <= screen.h, `${name} off screen`).toBe(true);
        expect(b.w > 0 && b.h > 0, `${name} has no size`).toBe(true);
      }
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const [an, a] = boxes[i]!;
          const [bn, b] = boxes[j]!;
          expect(overlaps(a, b), `${an} overlaps ${bn}`).toBe(false);
        }
      }
      // the idle sticks sit inside their zones
      const [left, right] = l.stickZones;
      expect(overlaps({ x: l.moveStick.x, y: l.moveStick.y, w: 1, h: 1 }, left)).toBe(true);
      expect(overlaps({ x: l.aimStick.x, y: l.aimStick.y, w: 1, h: 1 }, right)).toBe(true);
    });
  }

  it("is used for touch play and small windows, not a desktop window", () => {
    expect(isCompact(1280, 720, false)).toBe(false);
    expect(isCompact(1280, 720, true)).toBe(true);
    expect(isCompact(844, 390, false)).toBe(true);
    expect(isCompact(640, 900, false)).toBe(true);
  });

  it("portrait is taller than wide", () => {
    expect(isPortrait(390, 844)).toBe(true);
    expect(isPortrait(844, 390)).toBe(false);
  });

  it("overlap is strict: touching edges do not overlap", () => {
    expect(overlaps({ x: 0, y: 0, w: 10, h: 10 }, { x: 10, y: 0, w: 5, h: 5 })).toBe(false);
    expect(overlaps({ x: 0, y: 0, w: 10, h: 10 }, { x: 9, y: 9, w: 5, h: 5 })).toBe(true);
  });
});
