/** Pure input math: the aim angle and the movement axes of a command. */

const TAU = Math.PI * 2;

/**
 * Angle from the player to the pointer, both in world coordinates, in [0, 2π):
 * 0 points right (+x) and angles grow clockwise on screen, since y points down (the
 * sim's convention, and the range of the 16-bit wire angle). When the pointer sits on
 * the player the previous aim is kept.
 */
export function aimAngle(px: number, py: number, wx: number, wy: number, previous = 0): number {
  const dx = wx - px;
  const dy = wy - py;
  if (dx * dx + dy * dy < 1e-6) return previous;
  return normalizeAngle(Math.atan2(dy, dx));
}

export function normalizeAngle(a: number): number {
  const r = a % TAU;
  return r < 0 ? r + TAU : r === TAU ? 0 : r;
}

/** -1, 0 or 1 from two opposing keys; both held cancel out. */
export function axis(negative: boolean, positive: boolean): -1 | 0 | 1 {
  return negative === positive ? 0 : negative ? -1 : 1;
}
