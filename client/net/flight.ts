/**
 * Projectile flight math for drawing shots that carry no position on the wire.
 * A shot flies straight from (x0, y0) along `angle`; its spawn time and the shared map
 * fix the whole flight, so the client computes where it is and where it stops.
 * Pure: times are passed in (server-clock ms), nothing reads a clock here.
 */
import type { ArenaMap } from "../../shared/maps/types.ts";
import { flightDistance, flightLength, projectilePoint } from "../../shared/sim/index.ts";

export interface Flight {
  x0: number;
  y0: number;
  dirX: number;
  dirY: number;
  /** world units from the origin to the wall or the end of range. */
  maxDist: number;
  /** server-clock ms of the step that fired it. */
  bornMs: number;
}

export function makeFlight(map: ArenaMap, x0: number, y0: number, angle: number, bornMs: number): Flight {
  const dirX = Math.cos(angle);
  const dirY = Math.sin(angle);
  return { x0, y0, dirX, dirY, maxDist: flightLength(map, x0, y0, dirX, dirY), bornMs };
}

/**
 * Distance from the origin at server time `nowMs`: the server stamps bornMs as the instant
 * the shot left the muzzle (server/game/sync.ts), so this is flightDistance as is.
 */
export const distanceAt = (f: Flight, nowMs: number) => flightDistance(nowMs - f.bornMs, f.maxDist);

/** Position `dist` units along a flight: the sim's own projectilePoint. */
export const pointAt = (f: Flight, dist: number) => projectilePoint(f, dist);

/** True once the flight has reached the wall or its range at `dist`. */
export function isSpent(f: Flight, dist: number): boolean {
  return dist >= f.maxDist - 1e-6;
}
