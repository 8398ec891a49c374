import type { Rect } from "../maps/types.ts";

/** Snaps a coordinate to the wire grid (POSITION_STEP = 1/8): exact in float64 and on
 *  the 16-bit quantized wire field, so server and client agree bit for bit. */
export function snap(v: number, step: number): number {
  return Math.round(v / step) * step;
}

export function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}

/**
 * Pushes a circle out of one rect. Returns the corrected centre, or null when they do not
 * overlap. Uses only + - * / and sqrt, which IEEE 754 rounds the same everywhere, so the
 * client's prediction reproduces the server exactly.
 */
export function pushCircleOutOfRect(
  cx: number,
  cy: number,
  r: number,
  rect: Rect,
): { x: number; y: number } | null {
  const qx = clamp(cx, rect.x, rect.x + rect.w);
  const qy = clamp(cy, rect.y, rect.y + rect.h);
  const dx = cx - qx;
  const dy = cy - qy;
  const d2 = dx * dx + dy * dy;
  if (d2 >= r * r) return null;
  if (d2 > 0) {
    const d = Math.sqrt(d2);
    const push = (r - d) / d;
    return { x: cx + dx * push, y: cy + dy * push };
  }
  // Centre inside the rect: leave by the nearest face.
  const left = cx - rect.x;
  const right = rect.x + rect.w - cx;
  const top = cy - rect.y;
  const bottom = rect.y + rect.h - cy;
  const m = Math.min(left, right, top, bottom);
  if (m === left) return { x: rect.x - r, y: cy };
  if (m === right) return { x: rect.x + rect.w + r, y: cy };
  if (m === top) return { x: cx, y: rect.y - r };
  return { x: cx, y: rect.y + rect.h + r };
}

/** True when a circle overlaps a rect (touching does not count). */
export function circleHitsRect(cx: number, cy: number, r: number, rect: Rect): boolean {
  const dx = cx - clamp(cx, rect.x, rect.x + rect.w);
  const dy = cy - clamp(cy, rect.y, rect.y + rect.h);
  return dx * dx + dy * dy < r * r;
}

/**
 * Distance along a ray (origin, unit direction) to the first rect it enters, or
 * `maxDist` when it enters none first (slab method). A ray starting inside a rect
 * returns 0.
 */
export function raycastRects(
  ox: number,
  oy: number,
  dirX: number,
  dirY: number,
  rects: readonly Rect[],
  maxDist: number,
): number {
  let best = maxDist;
  for (const r of rects) {
    let tMin = 0;
    let tMax = best;
    if (dirX === 0) {
      if (ox < r.x || ox > r.x + r.w) continue;
    } else {
      let t1 = (r.x - ox) / dirX;
      let t2 = (r.x + r.w - ox) / dirX;
      if (t1 > t2) [t1, t2] = [t2, t1];
      tMin = Math.max(tMin, t1);
      tMax = Math.min(tMax, t2);
      if (tMin > tMax) continue;
    }
    if (dirY === 0) {
      if (oy < r.y || oy > r.y + r.h) continue;
    } else {
      let t1 = (r.y - oy) / dirY;
      let t2 = (r.y + r.h - oy) / dirY;
      if (t1 > t2) [t1, t2] = [t2, t1];
      tMin = Math.max(tMin, t1);
      tMax = Math.min(tMax, t2);
      if (tMin > tMax) continue;
    }
    if (tMin < best) best = tMin;
  }
  return best;
}

/**
 * Where along the segment origin + dir * [from, to] a circle is first touched, as a
 * distance from origin, or -1 when it is not touched in that span.
 */
export function segmentHitsCircle(
  ox: number,
  oy: number,
  dirX: number,
  dirY: number,
  from: number,
  to: number,
  cx: number,
  cy: number,
  r: number,
): number {
  const fx = ox - cx;
  const fy = oy - cy;
  // |f + t·dir|² = r², with |dir| = 1: t² + 2(f·dir)t + |f|² - r² = 0
  const b = fx * dirX + fy * dirY;
  const c = fx * fx + fy * fy - r * r;
  const disc = b * b - c;
  if (disc < 0) return -1;
  const s = Math.sqrt(disc);
  const tEnter = -b - s;
  const tExit = -b + s;
  if (tExit < from || tEnter > to) return -1;
  return Math.max(tEnter, from);
}
