import { describe, expect, it } from "vitest";
import { PLAYER_RADIUS, VIEW_HEIGHT, VIEW_HUD_CLEARANCE, VIEW_WIDTH } from "../../shared/constants.ts";
import { ARENA_MAP } from "../../shared/maps/arena.ts";
import { hudLayout, hudRects } from "./hudLayout.ts";
import { boundedTopLeft, nearestFreeSpot, tankCameraTopLeft, type Point } from "./tankSpot.ts";
import { fitView, screenToView, type Rect } from "./viewFit.ts";

const WINDOWS = [
  [800, 600],
  [1024, 768],
  [1280, 720],
  [1366, 768],
  [1920, 1080],
  [2560, 1440],
  [3440, 1440],
] as const;

/** px between a circle and a rectangle (negative inside). */
function gap(c: Point, radius: number, r: Rect): number {
  const dx = Math.max(r.x - c.x, 0, c.x - (r.x + r.w));
  const dy = Math.max(r.y - c.y, 0, c.y - (r.y + r.h));
  return Math.hypot(dx, dy) - radius;
}

/** The tank's circle on screen (px) when the camera's view starts at `topLeft`. */
function tankOnScreen(tank: Point, topLeft: Point, w: number, h: number) {
  const fit = fitView(w, h);
  return { fit, center: { x: fit.x + (tank.x - topLeft.x) * fit.zoom, y: fit.y + (tank.y - topLeft.y) * fit.zoom }, radius: PLAYER_RADIUS * fit.zoom };
}

function cameraFor(tank: Point, w: number, h: number, chatCollapsed = false): Point {
  const fit = fitView(w, h);
  const hud = hudRects(hudLayout(w, h, { chatCollapsed })).map((r) => screenToView(r, fit));
  return tankCameraTopLeft(tank, ARENA_MAP, { viewW: VIEW_WIDTH, viewH: VIEW_HEIGHT, hud, keepOut: PLAYER_RADIUS + VIEW_HUD_CLEARANCE });
}

describe("the own tank stays clear of the HUD", () => {
  it("the map has a spawn near every corner (the cases that used to put the HUD on the tank)", () => {
    for (const [cx, cy] of [[0, 0], [ARENA_MAP.width, 0], [0, ARENA_MAP.height], [ARENA_MAP.width, ARENA_MAP.height]] as const) {
      expect(ARENA_MAP.spawns.some((s) => Math.abs(s.x - cx) < 200 && Math.abs(s.y - cy) < 200), `corner ${cx},${cy}`).toBe(true);
    }
  });

  for (const [w, h] of WINDOWS) {
    it(`at every spawn, in a ${w}x${h} window, chat open or collapsed, the tank is inside the game view and off every HUD panel`, () => {
      for (const chatCollapsed of [false, true]) {
        const layout = hudLayout(w, h, { chatCollapsed });
        for (const spawn of ARENA_MAP.spawns) {
          const { fit, center, radius } = tankOnScreen(spawn, cameraFor(spawn, w, h, chatCollapsed), w, h);
          for (const [name, r] of Object.entries(layout)) {
            expect(gap(center, radius, r), `spawn ${spawn.x},${spawn.y} vs ${name}`).toBeGreaterThanOrEqual(VIEW_HUD_CLEARANCE * fit.zoom - 1e-6);
          }
          expect(center.x - radius).toBeGreaterThanOrEqual(fit.x);
          expect(center.y - radius).toBeGreaterThanOrEqual(fit.y);
          expect(center.x + radius).toBeLessThanOrEqual(fit.x + fit.width);
          expect(center.y + radius).toBeLessThanOrEqual(fit.y + fit.height);
        }
      }
    });
  }

  it("a camera merely clamped to the map puts a HUD panel over the tank at some spawn (what this fixes)", () => {
    const [w, h] = [1920, 1080];
    const layout = hudRects(hudLayout(w, h, { chatCollapsed: false }));
    const covered = ARENA_MAP.spawns.filter((s) => {
      const { center, radius } = tankOnScreen(s, boundedTopLeft(s, ARENA_MAP, VIEW_WIDTH, VIEW_HEIGHT), w, h);
      return layout.some((r) => gap(center, radius, r) < 0);
    });
    expect(covered.length).toBeGreaterThan(0);
  });

  it("mid-map the camera is simply centred on the tank", () => {
    const mid = { x: ARENA_MAP.width / 2, y: ARENA_MAP.height / 2 };
    expect(cameraFor(mid, 1920, 1080)).toEqual({ x: mid.x - VIEW_WIDTH / 2, y: mid.y - VIEW_HEIGHT / 2 });
  });

  it("near a wall but clear of the HUD it keeps the map-clamped camera (no void shown for nothing)", () => {
    const tank = { x: 600, y: 70 };
    expect(cameraFor(tank, 1920, 1080)).toEqual(boundedTopLeft(tank, ARENA_MAP, VIEW_WIDTH, VIEW_HEIGHT));
  });
});

describe("hudLayout", () => {
  for (const [w, h] of WINDOWS) {
    it(`${w}x${h}: no two panels overlap, and all are inside the window`, () => {
      const boxes = Object.entries(hudLayout(w, h, { chatCollapsed: false }));
      for (const [name, r] of boxes) {
        expect(r.x >= 0 && r.y >= 0 && r.x + r.w <= w && r.y + r.h <= h, name).toBe(true);
        for (const [other, q] of boxes) {
          if (other === name) continue;
          const apart = r.x + r.w <= q.x || q.x + q.w <= r.x || r.y + r.h <= q.y || q.y + q.h <= r.y;
          expect(apart, `${name} vs ${other}`).toBe(true);
        }
      }
    });
  }

  it("a collapsed chat keeps its bottom and left edge and takes one row", () => {
    const open = hudLayout(1280, 720, { chatCollapsed: false }).chat;
    const shut = hudLayout(1280, 720, { chatCollapsed: true }).chat;
    expect(shut.x).toBe(open.x);
    expect(shut.y + shut.h).toBe(open.y + open.h);
    expect(shut.h).toBeLessThan(open.h / 2);
  });
});

describe("nearestFreeSpot", () => {
  const area = { x: 0, y: 0, w: 100, h: 100 };
  it("keeps a free point, clamps into the area, and steps out of a box by the shortest way", () => {
    expect(nearestFreeSpot({ x: 50, y: 50 }, [], area)).toEqual({ x: 50, y: 50 });
    expect(nearestFreeSpot({ x: 150, y: -5 }, [], area)).toEqual({ x: 100, y: 0 });
    const spot = nearestFreeSpot({ x: 75, y: 90 }, [{ x: 70, y: 70, w: 30, h: 30 }], area);
    expect(spot.x).toBeCloseTo(70, 2);
    expect(spot.x).toBeLessThan(70);
    expect(spot.y).toBe(90);
  });
  it("steps out of two overlapping boxes to a corner between them", () => {
    const boxes = [
      { x: 60, y: 0, w: 40, h: 100 },
      { x: 0, y: 60, w: 100, h: 40 },
    ];
    const spot = nearestFreeSpot({ x: 95, y: 95 }, boxes, area);
    expect(spot.x).toBeCloseTo(60, 2);
    expect(spot.y).toBeCloseTo(60, 2);
    expect(spot.x < 60 && spot.y < 60).toBe(true);
  });
  it("falls back to the area's centre when nothing is free", () => {
    expect(nearestFreeSpot({ x: 10, y: 10 }, [{ x: -1, y: -1, w: 200, h: 200 }], area)).toEqual({ x: 50, y: 50 });
  });
});

describe("fitView", () => {
  for (const [w, h] of WINDOWS) {
    it(`${w}x${h} shows exactly the logical view, centred, inside the window`, () => {
      const f = fitView(w, h);
      expect(f.width / f.zoom).toBeCloseTo(VIEW_WIDTH, 6);
      expect(f.height / f.zoom).toBeCloseTo(VIEW_HEIGHT, 6);
      expect(f.x).toBeGreaterThanOrEqual(0);
      expect(f.y).toBeGreaterThanOrEqual(0);
      expect(f.x + f.width).toBeLessThanOrEqual(w);
      expect(f.y + f.height).toBeLessThanOrEqual(h);
      // bars on one axis only
      expect(Math.min(f.x, f.y)).toBe(0);
    });
  }
});
