/** Directions on screen: toward a killer, toward whoever just hit you. Pure. */
import type { Rect } from "./viewFit.ts";

/** Angle (radians, 0 = +x, growing clockwise on screen as y points down) from `from` to `to`. */
export function bearing(from: { x: number; y: number }, to: { x: number; y: number }): number {
  return Math.atan2(to.y - from.y, to.x - from.x);
}

/**
 * Where a marker pointing along `angle` from `origin` meets the inside of `box` shrunk by
 * `inset`: the edge marker for something off screen. `origin` is assumed inside the box.
 */
export function edgePoint(origin: { x: number; y: number }, angle: number, box: Rect, inset: number): { x: number; y: number } {
  const dx = Math.cos(angle);
  const dy = Math.sin(angle);
  const left = box.x + inset;
  const right = box.x + box.w - inset;
  const top = box.y + inset;
  const bottom = box.y + box.h - inset;
  let t = Infinity;
  if (dx > 1e-9) t = Math.min(t, (right - origin.x) / dx);
  if (dx < -1e-9) t = Math.min(t, (left - origin.x) / dx);
  if (dy > 1e-9) t = Math.min(t, (bottom - origin.y) / dy);
  if (dy < -1e-9) t = Math.min(t, (top - origin.y) / dy);
  if (!Number.isFinite(t)) t = 0;
  t = Math.max(0, t);
  return { x: origin.x + dx * t, y: origin.y + dy * t };
}

/** Whether a point lies inside a box. */
export function inside(p: { x: number; y: number }, box: Rect): boolean {
  return p.x >= box.x && p.x <= box.x + box.w && p.y >= box.y && p.y <= box.y + box.h;
}

/** Short-lived directional markers (damage taken from a direction), faded out over their life. */
export class FadingMarks {
  private marks: { angle: number; at: number }[] = [];

  private readonly lifeMs: number;
  private readonly max: number;

  constructor(lifeMs: number, max: number) {
    this.lifeMs = lifeMs;
    this.max = max;
  }

  push(angle: number, now: number): void {
    this.marks.push({ angle, at: now });
    if (this.marks.length > this.max) this.marks.splice(0, this.marks.length - this.max);
  }

  /** Marks alive at `now` with their opacity (1 fresh, 0 at the end of life); drops the dead. */
  visible(now: number): { angle: number; alpha: number }[] {
    this.marks = this.marks.filter((m) => now - m.at < this.lifeMs);
    return this.marks.map((m) => ({ angle: m.angle, alpha: 1 - (now - m.at) / this.lifeMs }));
  }
}
