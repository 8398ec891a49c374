import { describe, expect, it } from "vitest";
import { TICK_HZ } from "./constants.ts";
import { ARENA_MAP } from "./maps/arena.ts";
import { buildNavGrid, findPath, lineOfSight, steer } from "./nav.ts";
import { movePlayer } from "./sim/movement.ts";

describe("navigation", () => {
  const grid = buildNavGrid(ARENA_MAP);

  it("every spawn can reach every other spawn", () => {
    const [first, ...rest] = ARENA_MAP.spawns;
    for (const s of rest) expect(findPath(grid, first!, s), `${JSON.stringify(first)} -> ${JSON.stringify(s)}`).not.toBeNull();
  });

  it("a body steered along a path by the real movement step arrives", () => {
    const from = ARENA_MAP.spawns[0]!;
    const to = ARENA_MAP.spawns[6]!; // the opposite corner
    const path = findPath(grid, from, to)!;
    const body = { x: from.x, y: from.y, hp: 100 };
    let i = 0;
    for (let tick = 0; tick < 60 * TICK_HZ && i < path.length; tick++) {
      const wp = path[i]!;
      if (Math.hypot(wp.x - body.x, wp.y - body.y) < 12) {
        i++;
        continue;
      }
      movePlayer(body, { ...steer(body, wp), aim: 0, fire: false }, 1 / TICK_HZ, ARENA_MAP);
    }
    expect(i).toBe(path.length);
    expect(Math.hypot(body.x - to.x, body.y - to.y)).toBeLessThan(30);
  });

  it("walls block line of sight", () => {
    expect(lineOfSight(ARENA_MAP, { x: 100, y: 1000 }, { x: 100, y: 1100 })).toBe(true);
    expect(lineOfSight(ARENA_MAP, { x: 1000, y: 300 }, { x: 1000, y: 700 })).toBe(false); // the north block
  });

  it("steer picks the nearest of eight directions", () => {
    expect(steer({ x: 0, y: 0 }, { x: 10, y: 1 })).toEqual({ moveX: 1, moveY: 0 });
    expect(steer({ x: 0, y: 0 }, { x: -10, y: -9 })).toEqual({ moveX: -1, moveY: -1 });
  });
});
