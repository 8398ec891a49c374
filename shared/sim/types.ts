import type { WeaponId } from "../constants.ts";
import type { ArenaMap } from "../maps/types.ts";
import type { Rng } from "../random.ts";

/** One input command: what a player wants this step. Never a position or a dt. */
export interface Command {
  /** -1, 0 or 1 on each axis; the step normalises diagonals. */
  moveX: number;
  moveY: number;
  /** radians, world space, 0 = +x (right), growing clockwise on screen (y points down). */
  aim: number;
  fire: boolean;
}

/** The part of a player that movement reads and writes: the state prediction replays. */
export interface Body {
  x: number;
  y: number;
  hp: number;
}

export interface SimPlayer extends Body {
  id: string;
  aim: number;
  kills: number;
  deaths: number;
  /** tick at which a dead player comes back; -1 while alive. */
  respawnTick: number;
  /** spawn protection lasts while tick < shieldUntilTick. */
  shieldUntilTick: number;
  weapon: WeaponId;
  /** s until the weapon may fire again; counted down per applied command. */
  cooldown: number;
  /** connection dropped, seat held for a reconnection: out of play (not hittable, no
   *  commands) but still in the room with its score and position. */
  away: boolean;
  /** trigger pulls this round (shots fired, a shot blocked at the muzzle included); with
   *  `hits`, the accuracy on the results screen. Reset with the score. */
  shots: number;
  /** this round's shots that damaged someone. */
  hits: number;
}

export interface SimProjectile {
  id: number;
  owner: string;
  weapon: WeaponId;
  /** Origin (the shooter's centre) and direction; with spawnTick they fix the whole flight. */
  x0: number;
  y0: number;
  angle: number;
  dirX: number;
  dirY: number;
  spawnTick: number;
  /** ms. Lag compensation: how far in the past the shooter saw the other players when it
   *  fired (already clamped by the server); the shot is tested against them as they were
   *  that long ago, every step of its flight. 0 = against the live world. */
  lagMs: number;
  /** world units travelled from the origin. */
  dist: number;
  /** where the flight ends: range or the first wall, from the origin. */
  maxDist: number;
}

export type RoundPhase = "playing" | "results";

export interface RoundState {
  phase: RoundPhase;
  number: number;
  /** tick at which the current phase ends. */
  endTick: number;
  /** the last round's winner; null before the first result and after a draw. */
  winner: RoundWinner | null;
}

/** Who won a round: a player (free-for-all) or a team (a team mode), by id. */
export interface RoundWinner {
  kind: "player" | "team";
  id: string;
}

/** How players are grouped: free-for-all is the only mode; shared/sim/rules.ts branches on it. */
export type Mode = "ffa";

/**
 * Where `target` stood `lagMs` ago (a shooter's view of it). The server answers from its
 * recorded history; without one, or with lagMs 0, the sim uses live positions.
 */
export type SeenPosition = (target: SimPlayer, lagMs: number) => { x: number; y: number };

/** Host-tunable rules; defaults in constants.ts. */
export interface Rules {
  mode: Mode;
  tickHz: number;
  roundSeconds: number;
  killLimit: number;
  resultsSeconds: number;
}

export type SimEvent =
  | { type: "shot"; projectileId: number; owner: string }
  | { type: "hit"; target: string; shooter: string; damage: number; hp: number }
  | { type: "kill"; killer: string; victim: string }
  | { type: "respawn"; id: string }
  | { type: "roundEnd"; round: number; winner: RoundWinner | null; reason: "time" | "kills" }
  | { type: "roundStart"; round: number };

export interface World {
  tick: number;
  map: ArenaMap;
  rules: Rules;
  rng: Rng;
  players: Map<string, SimPlayer>;
  projectiles: SimProjectile[];
  nextProjectileId: number;
  round: RoundState;
  /** Things that happened since the last drainEvents(): for chat, kill feed and effects. */
  events: SimEvent[];
}
