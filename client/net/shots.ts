/**
 * Tracks the shots in flight for drawing: where each one is now and where it stopped.
 * Fed by the state's projectile add/remove; the times come in from the caller, so this
 * stays pure and testable.
 *
 * - Your own shots are drawn on the server's present (serverNow) so they leave your
 *   predicted gun at once; others' shots on the interpolated past, in line with their
 *   interpolated shooters.
 * - A removal carries the server time of the patch that removed it (the step in which the
 *   shot hit someone or a wall); the shot keeps flying on screen up to the distance it had
 *   at that instant, then ends there. So a shot drawn in the past is not cut short.
 */
import { distanceAt, isSpent, pointAt, type Flight } from "./flight.ts";

export interface LiveShot {
  id: string;
  owner: string;
  own: boolean;
  x: number;
  y: number;
  angle: number;
}

export interface EndedShot {
  id: string;
  owner: string;
  x: number;
  y: number;
  /** "wall": range or a wall; "hit": the server removed it before its flight ended. */
  kind: "wall" | "hit";
}

/** world units. A predicted origin this close to the server's is the same shot's. */
const SAME_ORIGIN = 1;

interface Tracked {
  owner: string;
  own: boolean;
  angle: number;
  /** what is drawn: for a predicted shot, the flight the client started at the click. */
  flight: Flight;
  /** the server's flight, once known: where the server stopped it is measured on this. */
  serverFlight: Flight | null;
  /** distance at which the server removed it, null while it is still in the state. */
  endDist: number | null;
}

export class ShotTracker {
  private readonly shots = new Map<string, Tracked>();

  get size(): number {
    return this.shots.size;
  }

  /** A shot from the state (serverFlight = flight), or a predicted one (serverFlight null). */
  add(id: string, owner: string, own: boolean, angle: number, flight: Flight, predicted = false): void {
    this.shots.set(id, { owner, own, angle, flight, serverFlight: predicted ? null : flight, endDist: null });
  }

  /**
   * The server confirmed predicted shot `localId` as `serverId`: keep drawing the flight
   * that began at the click (no jump), and judge its end on the server's. False when the
   * predicted shot is no longer tracked (it already ended on screen).
   */
  confirm(localId: string, serverId: string, serverFlight: Flight): boolean {
    const s = this.shots.get(localId);
    if (!s) return false;
    this.shots.delete(localId);
    s.serverFlight = serverFlight;
    // Fired from somewhere else (a stale prediction, e.g. just after a respawn): draw the
    // server's line from now on, still on the click's timeline.
    if (Math.hypot(serverFlight.x0 - s.flight.x0, serverFlight.y0 - s.flight.y0) > SAME_ORIGIN) {
      s.flight = { ...serverFlight, bornMs: s.flight.bornMs };
    }
    this.shots.set(serverId, s);
    return true;
  }

  /** A predicted shot the server never fired (a mispredicted cooldown, death, round end). */
  drop(id: string): void {
    this.shots.delete(id);
  }

  /** The server removed the shot in the step stamped `serverMs`. */
  remove(id: string, serverMs: number): void {
    const s = this.shots.get(id);
    if (s && s.endDist === null) s.endDist = distanceAt(s.serverFlight ?? s.flight, serverMs);
  }

  /**
   * Positions at `ownNowMs` (own shots) / `otherNowMs` (everyone else's). Shots that
   * reached their end are removed and reported in `ended`.
   */
  update(ownNowMs: number, otherNowMs: number, live: LiveShot[], ended: EndedShot[]): void {
    live.length = 0;
    ended.length = 0;
    for (const [id, s] of this.shots) {
      const d = distanceAt(s.flight, s.own ? ownNowMs : otherNowMs);
      const limit = s.endDist ?? s.flight.maxDist;
      if (d >= limit || isSpent(s.flight, d)) {
        const end = Math.min(limit, s.flight.maxDist);
        const p = pointAt(s.flight, end);
        ended.push({ id, owner: s.owner, x: p.x, y: p.y, kind: isSpent(s.flight, end) ? "wall" : "hit" });
        this.shots.delete(id);
        continue;
      }
      const p = pointAt(s.flight, d);
      live.push({ id, owner: s.owner, own: s.own, x: p.x, y: p.y, angle: s.angle });
    }
  }

  clear(): void {
    this.shots.clear();
  }
}
