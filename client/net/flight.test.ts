import { describe, expect, it } from "vitest";
import { PLAYER_WEAPON, WEAPONS } from "../../shared/constants.ts";
import type { ArenaMap } from "../../shared/maps/types.ts";
import { distanceAt, isSpent, makeFlight, pointAt } from "./flight.ts";

/** An empty 2000×2000 room with one wall 300 units right of (500, 500). */
const MAP: ArenaMap = {
  name: "test",
  width: 2000,
  height: 2000,
  walls: [{ x: 800, y: 400, w: 40, h: 200 }],
  spawns: [{ x: 100, y: 100 }],
};

describe("flight", () => {
  it("stops at the first wall along the ray", () => {
    const f = makeFlight(MAP, 500, 500, 0, 1000);
    expect(f.maxDist).toBeCloseTo(300, 6);
    expect(f.dirX).toBeCloseTo(1, 12);
    expect(f.dirY).toBeCloseTo(0, 12);
  });

  it("ends at its range when nothing is in the way", () => {
    const f = makeFlight(MAP, 500, 500, Math.PI / 2, 0);
    expect(f.maxDist).toBe(WEAPONS[PLAYER_WEAPON].range);
  });

  it("is spent once it reaches its end, not before", () => {
    const f = makeFlight(MAP, 500, 500, 0, 1000);
    expect(isSpent(f, distanceAt(f, 60_000))).toBe(true);
    expect(isSpent(f, distanceAt(f, 1000))).toBe(false);
  });

  it("places points along the direction of the angle (y grows downward)", () => {
    const f = makeFlight(MAP, 500, 500, Math.PI / 2, 0);
    const p = pointAt(f, 100);
    expect(p.x).toBeCloseTo(500, 9);
    expect(p.y).toBeCloseTo(600, 9);
  });
});
