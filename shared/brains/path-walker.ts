/**
 * Path following on the nav grid, for the wander and fight brains: re-plans on a timer,
 * when the goal moves, or when the body is stuck. Pure, like the brains.
 */
import type { ArenaMap, Point } from "../maps/types.ts";
import { NAV_CELL, buildNavGrid, findPath, steer, type NavGrid } from "../nav.ts";

/** s. Re-plan a path at least this often. */
const REPLAN_SECONDS = 0.5;
/** world units. Re-plan early when the target has moved this far from the planned goal. */
const REPLAN_MOVE = 120;
/** world units. A waypoint counts as reached within this distance (a step is 8 u). */
export const WAYPOINT_REACHED = NAV_CELL * 0.6;
/** waypoints. Steer at the waypoint this far ahead on the path: smoother than the next
 *  cell, and the nav grid's clearance keeps the short cut off the walls. */
const LOOKAHEAD = 2;
/** s. Standing still this long while trying to move means stuck: re-plan. */
const STUCK_SECONDS = 0.5;
/** world units. Moving less than this over STUCK_SECONDS counts as not moving. */
const STUCK_DIST = 4;

const grids = new WeakMap<ArenaMap, NavGrid>();
/** Nav grids are built once per map and shared by every bot in the thread (10k cells). */
export function navGridFor(map: ArenaMap): NavGrid {
  let g = grids.get(map);
  if (!g) grids.set(map, (g = buildNavGrid(map)));
  return g;
}

export function dist(a: Point, b: Point): number {
  return Math.hypot(b.x - a.x, b.y - a.y);
}

/**
 * Walks paths on the nav grid: re-plans on a timer, when the goal moves, or when stuck.
 * Shared by wander (random goals) and fight (the enemy as the goal).
 */
export class PathWalker {
  private path: Point[] = [];
  private index = 0;
  private planGoal: Point | null = null;
  private sincePlan = Infinity;
  private stuckSteps = 0;
  private last: Point | null = null;
  private readonly replanSteps: number;
  private readonly stuckLimit: number;
  readonly grid: NavGrid;

  constructor(tickHz: number, map: ArenaMap) {
    this.grid = navGridFor(map);
    this.replanSteps = Math.max(1, Math.round(REPLAN_SECONDS * tickHz));
    this.stuckLimit = Math.max(1, Math.round(STUCK_SECONDS * tickHz));
  }

  /** The move toward `goal` this step; null when no path exists. */
  toward(self: Point, goal: Point): { moveX: number; moveY: number } | null {
    const stuck = this.trackStuck(self);
    this.sincePlan++;
    if (stuck || this.sincePlan >= this.replanSteps || !this.planGoal || dist(this.planGoal, goal) > REPLAN_MOVE) {
      const path = findPath(this.grid, self, goal);
      if (!path) return null;
      this.path = path;
      this.index = 0;
      this.planGoal = { x: goal.x, y: goal.y };
      this.sincePlan = 0;
    }
    while (this.index < this.path.length && dist(self, this.path[this.index]!) < WAYPOINT_REACHED) this.index++;
    const ahead = this.path[Math.min(this.index + LOOKAHEAD - 1, this.path.length - 1)];
    const next = this.index >= this.path.length || !ahead ? goal : ahead;
    if (dist(self, next) < 1) return { moveX: 0, moveY: 0 };
    return steer(self, next);
  }

  /** True once the body has hardly moved for STUCK_SECONDS (a wall corner, a crowd). */
  private trackStuck(self: Point): boolean {
    if (this.last && dist(this.last, self) < STUCK_DIST) {
      if (++this.stuckSteps >= this.stuckLimit) {
        this.stuckSteps = 0;
        this.last = { x: self.x, y: self.y };
        return true;
      }
      return false;
    }
    this.stuckSteps = 0;
    this.last = { x: self.x, y: self.y };
    return false;
  }

  reset(): void {
    this.planGoal = null;
    this.path = [];
    this.last = null;
    this.stuckSteps = 0;
  }
}
