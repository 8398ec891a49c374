/**
 * "Did my screen show a hit?": flies each of the probe's own shots, frame by frame, against
 * the remote players exactly where the probe RENDERED them in that frame (the interpolated
 * predict.value positions the browser draws), and reports the first target a shot touched
 * before its wall or range. Deliberately independent of the server's rewind: it knows
 * nothing of lag compensation, only what was on screen.
 *
 * The shot is drawn the way the client draws its own predicted shot: it leaves the
 * predicted gun at the click (the fire frame) and advances with the client's clock.
 * Pure: times and positions come in; nothing reads a clock here.
 */
import type { ArenaMap } from "../../shared/maps/types.ts";
import { segmentHitsCircle } from "../../shared/sim/geometry.ts";
import { flightDistance, flightLength, hitReach, muzzleBlocked } from "../../shared/sim/index.ts";

/** world units: a shot touches a player when their centres are this close (the sim's rule). */
export const HIT_REACH = hitReach();
/** shots in flight per probe. A probe fires at most 4 a second and a flight lasts at most
 *  one second, so more than this means the caller stopped calling frame(). */
const MAX_IN_FLIGHT = 16;

/** A player as rendered in one frame, already filtered to what a shot can hit on screen
 *  (alive, not shielded, not the shooter). */
export interface RenderedTarget {
  id: string;
  x: number;
  y: number;
}

export interface ShotOutcome {
  shotId: number;
  /** client ms of the fire frame. */
  firedAt: number;
  /** client ms of the frame that ended the shot on screen. */
  endedAt: number;
  /** the first target touched on screen, or null when the shot reached a wall or its range. */
  targetId: string | null;
  /** world units: how deep inside the hit circle the shot's line passed (HIT_REACH minus the
   *  closest distance of the target's centre to the line). Small = a graze. 0 for a miss. */
  margin: number;
  /** for a miss: the target its rendered flight passed closest to, and by how many units it
   *  stayed outside the hit circle ("" and Infinity when none was drawn near it). */
  nearestId: string;
  nearestGap: number;
}

interface InFlight {
  shotId: number;
  firedAt: number;
  x0: number;
  y0: number;
  dirX: number;
  dirY: number;
  maxDist: number;
  /** distance reached at the previous frame: the next frame sweeps from here. */
  swept: number;
  nearestId: string;
  nearestGap: number;
}

export class RenderedShots {
  private readonly map: ArenaMap;
  private readonly flying: InFlight[] = [];
  /** shots dropped because too many were in flight (a stalled caller). */
  overflow = 0;

  constructor(map: ArenaMap) {
    this.map = map;
  }

  get inFlight(): number {
    return this.flying.length;
  }

  /**
   * The probe fired in the frame at `atMs` from its predicted position (x0, y0) along
   * `angle`. Returns false when the muzzle is inside a wall (the sim fires nothing then).
   */
  fire(shotId: number, atMs: number, x0: number, y0: number, angle: number): boolean {
    const dirX = Math.cos(angle);
    const dirY = Math.sin(angle);
    const maxDist = flightLength(this.map, x0, y0, dirX, dirY);
    if (muzzleBlocked(maxDist)) return false;
    if (this.flying.length >= MAX_IN_FLIGHT) {
      this.overflow++;
      return false;
    }
    this.flying.push({ shotId, firedAt: atMs, x0, y0, dirX, dirY, maxDist, swept: flightDistance(0, maxDist), nearestId: "", nearestGap: Infinity });
    return true;
  }

  /**
   * One rendered frame at `nowMs` with the targets where this frame drew them. Each shot
   * sweeps from where it was last frame to where it is now; the first target its segment
   * touches (closest along the flight) ends it as a hit. Returns the shots that ended.
   */
  frame(nowMs: number, targets: readonly RenderedTarget[]): ShotOutcome[] {
    const ended: ShotOutcome[] = [];
    let keep = 0;
    for (const s of this.flying) {
      const to = flightDistance(nowMs - s.firedAt, s.maxDist);
      let firstAt = Infinity;
      let first: RenderedTarget | null = null;
      for (const t of targets) {
        const at = segmentHitsCircle(s.x0, s.y0, s.dirX, s.dirY, s.swept, to, t.x, t.y, HIT_REACH);
        if (at >= 0 && at < firstAt) {
          firstAt = at;
          first = t;
        }
        if (at < 0) noteNearMiss(s, to, t);
      }
      if (first) {
        ended.push({ shotId: s.shotId, firedAt: s.firedAt, endedAt: nowMs, targetId: first.id, margin: passMargin(s, first), nearestId: "", nearestGap: Infinity });
        continue;
      }
      s.swept = to;
      if (to >= s.maxDist - 1e-6) {
        ended.push({ shotId: s.shotId, firedAt: s.firedAt, endedAt: nowMs, targetId: null, margin: 0, nearestId: s.nearestId, nearestGap: s.nearestGap });
        continue;
      }
      this.flying[keep++] = s;
    }
    this.flying.length = keep;
    return ended;
  }

  clear(): void {
    this.flying.length = 0;
  }
}

/** Keeps the closest this frame's segment came to `t`, outside the hit circle. */
function noteNearMiss(s: InFlight, to: number, t: RenderedTarget): void {
  const along = Math.min(to, Math.max(s.swept, (t.x - s.x0) * s.dirX + (t.y - s.y0) * s.dirY));
  const gap = Math.hypot(s.x0 + s.dirX * along - t.x, s.y0 + s.dirY * along - t.y) - HIT_REACH;
  if (gap < s.nearestGap) {
    s.nearestGap = gap;
    s.nearestId = t.id;
  }
}

/** HIT_REACH minus the distance from the target's centre to the shot's line. */
function passMargin(s: InFlight, t: RenderedTarget): number {
  const fx = t.x - s.x0;
  const fy = t.y - s.y0;
  const across = Math.abs(fx * s.dirY - fy * s.dirX);
  return Math.max(0, HIT_REACH - across);
}
