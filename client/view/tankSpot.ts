/**
 * Where the camera puts the own tank. Normally the camera is centred on it and stops at
 * the arena's edges; near an edge that would slide the tank under a HUD panel (the
 * minimap at the far corner, the HP gauge and chat at another), so the tank is moved to
 * the nearest spot on screen clear of every panel, and the camera shows a little of what
 * lies past the wall instead. Everything in world units. Pure.
 */
import type { Rect } from "./viewFit.ts";

export interface Point {
  x: number;
  y: number;
}

/** world units. How far past a box's edge a spot is put: a hair, so the edge itself is blocked. */
const EDGE = 1e-3;

/** Top-left corner of the camera's view, clamped to the map (centred when the map is smaller). */
export function boundedTopLeft(target: Point, map: { width: number; height: number }, viewW: number, viewH: number): Point {
  const clamp = (v: number, span: number, size: number) => (span <= size ? (span - size) / 2 : Math.max(0, Math.min(span - size, v - size / 2)));
  return { x: clamp(target.x, map.width, viewW), y: clamp(target.y, map.height, viewH) };
}

/**
 * The nearest point to `p` inside `area` and outside every `blocked` rectangle (edges
 * included, so a gap of zero width between a box and the area's edge is no way out). The
 * answer's coordinates are each either p's own (clamped into the area) or just past an
 * edge of a rectangle, so trying every such pair finds it. Returns the area's centre if
 * nothing is free.
 */
export function nearestFreeSpot(p: Point, blocked: readonly Rect[], area: Rect): Point {
  const inArea = (x: number, y: number) => x >= area.x && x <= area.x + area.w && y >= area.y && y <= area.y + area.h;
  const free = (x: number, y: number) => inArea(x, y) && blocked.every((r) => !(x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h));
  const cx = Math.max(area.x, Math.min(area.x + area.w, p.x));
  const cy = Math.max(area.y, Math.min(area.y + area.h, p.y));
  if (free(cx, cy)) return { x: cx, y: cy };
  const xs = [cx, area.x, area.x + area.w, ...blocked.flatMap((r) => [r.x - EDGE, r.x + r.w + EDGE])];
  const ys = [cy, area.y, area.y + area.h, ...blocked.flatMap((r) => [r.y - EDGE, r.y + r.h + EDGE])];
  let best: Point | null = null;
  let bestD = Infinity;
  for (const x of xs) {
    for (const y of ys) {
      const d = (x - p.x) ** 2 + (y - p.y) ** 2;
      if (d < bestD && free(x, y)) {
        best = { x, y };
        bestD = d;
      }
    }
  }
  return best ?? { x: area.x + area.w / 2, y: area.y + area.h / 2 };
}

export interface TankView {
  /** the view's size, world units. */
  viewW: number;
  viewH: number;
  /** HUD panels in view coordinates (world units from the view's top-left). */
  hud: readonly Rect[];
  /** world units. The tank's radius plus the gap kept from every panel and the view's edge. */
  keepOut: number;
}

/** Top-left of the camera's view so the tank at `tank` is on screen and clear of the HUD. */
export function tankCameraTopLeft(tank: Point, map: { width: number; height: number }, v: TankView): Point {
  const bounded = boundedTopLeft(tank, map, v.viewW, v.viewH);
  const onScreen = { x: tank.x - bounded.x, y: tank.y - bounded.y };
  const k = v.keepOut;
  const blocked = v.hud.map((r) => ({ x: r.x - k, y: r.y - k, w: r.w + 2 * k, h: r.h + 2 * k }));
  const area = { x: k, y: k, w: Math.max(0, v.viewW - 2 * k), h: Math.max(0, v.viewH - 2 * k) };
  const spot = nearestFreeSpot(onScreen, blocked, area);
  return { x: tank.x - spot.x, y: tank.y - spot.y };
}
