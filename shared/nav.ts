/**
 * Navigation over a map for bots and tests: a coarse grid of cells a player can stand
 * in, breadth-first paths between them, and line of sight. Pure data in, pure data out.
 */
import { PLAYER_RADIUS } from "./constants.ts";
import type { ArenaMap, Point } from "./maps/types.ts";
import { circleHitsRect, raycastRects } from "./sim/geometry.ts";

/** world units. Grid cell size: small enough for the narrowest gap (about 2.5 radii). */
export const NAV_CELL = 20;
/** world units. Clearance kept from walls, a little more than the player radius so paths don't scrape. */
const CLEARANCE = PLAYER_RADIUS + 4;

export interface NavGrid {
  map: ArenaMap;
  cols: number;
  rows: number;
  /** true where a player can stand, row-major. */
  open: boolean[];
}

export function buildNavGrid(map: ArenaMap): NavGrid {
  const cols = Math.floor(map.width / NAV_CELL);
  const rows = Math.floor(map.height / NAV_CELL);
  const open: boolean[] = new Array(cols * rows);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const x = (c + 0.5) * NAV_CELL;
      const y = (r + 0.5) * NAV_CELL;
      open[r * cols + c] = !map.walls.some((w) => circleHitsRect(x, y, CLEARANCE, w));
    }
  }
  return { map, cols, rows, open };
}

function cellOf(grid: NavGrid, p: Point): number {
  const c = Math.min(grid.cols - 1, Math.max(0, Math.floor(p.x / NAV_CELL)));
  const r = Math.min(grid.rows - 1, Math.max(0, Math.floor(p.y / NAV_CELL)));
  return r * grid.cols + c;
}

function centre(grid: NavGrid, cell: number): Point {
  return { x: ((cell % grid.cols) + 0.5) * NAV_CELL, y: (Math.floor(cell / grid.cols) + 0.5) * NAV_CELL };
}

/** The open cell nearest to p (p itself may be inside a wall's clearance). */
function nearestOpen(grid: NavGrid, p: Point): number {
  const start = cellOf(grid, p);
  if (grid.open[start]) return start;
  let best = -1;
  let bestD = Infinity;
  grid.open.forEach((ok, i) => {
    if (!ok) return;
    const q = centre(grid, i);
    const d = (q.x - p.x) ** 2 + (q.y - p.y) ** 2;
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}

/**
 * Waypoints (cell centres) from `from` to `to`, walking 8 ways without cutting wall
 * corners, or null when there is no way. The first waypoint is the cell after `from`'s.
 */
export function findPath(grid: NavGrid, from: Point, to: Point): Point[] | null {
  const start = nearestOpen(grid, from);
  const goal = nearestOpen(grid, to);
  if (start < 0 || goal < 0) return null;
  const prev = new Int32Array(grid.open.length).fill(-1);
  prev[start] = start;
  const queue = [start];
  for (let head = 0; head < queue.length && prev[goal] === -1; head++) {
    const cell = queue[head]!;
    const c = cell % grid.cols;
    const r = Math.floor(cell / grid.cols);
    for (let dr = -1; dr <= 1; dr++) {
      for (let dc = -1; dc <= 1; dc++) {
        if (dr === 0 && dc === 0) continue;
        const nc = c + dc;
        const nr = r + dr;
        if (nc < 0 || nr < 0 || nc >= grid.cols || nr >= grid.rows) continue;
        const next = nr * grid.cols + nc;
        if (!grid.open[next] || prev[next] !== -1) continue;
        // a diagonal step needs both side cells open, or it would clip a corner
        if (dr !== 0 && dc !== 0 && (!grid.open[r * grid.cols + nc] || !grid.open[nr * grid.cols + c])) continue;
        prev[next] = cell;
        queue.push(next);
      }
    }
  }
  if (prev[goal] === -1) return null;
  const path: Point[] = [];
  for (let cell = goal; cell !== start; cell = prev[cell]!) path.push(centre(grid, cell));
  return path.reverse();
}

/** True when a straight shot from a to b meets no wall. */
export function lineOfSight(map: ArenaMap, a: Point, b: Point): boolean {
  const d = Math.hypot(b.x - a.x, b.y - a.y);
  if (d === 0) return true;
  return raycastRects(a.x, a.y, (b.x - a.x) / d, (b.y - a.y) / d, map.walls, d) >= d;
}

/** -1, 0 or 1 per axis: the 8-way key direction closest to the heading from a to b. */
export function steer(a: Point, b: Point): { moveX: number; moveY: number } {
  const angle = Math.atan2(b.y - a.y, b.x - a.x);
  const octant = Math.round(angle / (Math.PI / 4));
  const dirs: [number, number][] = [[1, 0], [1, 1], [0, 1], [-1, 1], [-1, 0], [-1, -1], [0, -1], [1, -1]];
  const [moveX, moveY] = dirs[((octant % 8) + 8) % 8]!;
  return { moveX, moveY };
}
