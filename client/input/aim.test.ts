import { describe, expect, it } from "vitest";
import { aimAngle, axis, normalizeAngle } from "./aim.ts";

describe("aimAngle", () => {
  it("points along screen axes with y growing downward", () => {
    expect(aimAngle(100, 100, 200, 100)).toBeCloseTo(0, 12);
    expect(aimAngle(100, 100, 100, 200)).toBeCloseTo(Math.PI / 2, 12);
    expect(aimAngle(100, 100, 0, 100)).toBeCloseTo(Math.PI, 12);
    expect(aimAngle(100, 100, 100, 0)).toBeCloseTo((3 * Math.PI) / 2, 12);
  });

  it("always lands in [0, 2π)", () => {
    for (let i = 0; i < 64; i++) {
      const a = (i / 64) * Math.PI * 2;
      const v = aimAngle(0, 0, Math.cos(a) * 50, Math.sin(a) * 50);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThan(Math.PI * 2);
    }
    expect(normalizeAngle(-Math.PI / 2)).toBeCloseTo((3 * Math.PI) / 2, 12);
    expect(normalizeAngle(Math.PI * 4)).toBe(0);
  });

  it("keeps the previous aim when the pointer is on the player", () => {
    expect(aimAngle(5, 5, 5, 5, 1.25)).toBe(1.25);
  });
});

describe("axis", () => {
  it("maps two keys to -1, 0 or 1", () => {
    expect(axis(false, false)).toBe(0);
    expect(axis(true, false)).toBe(-1);
    expect(axis(false, true)).toBe(1);
    expect(axis(true, true)).toBe(0);
  });
});
