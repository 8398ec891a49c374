/**
 * Weapon math every side must agree on: where a shot is, whether it leaves the muzzle at
 * all, what counts as touching a player, and when the trigger lets a shot go. The sim, the
 * client's drawing and prediction, and the bots' screen-hit check all call these.
 */
import { PLAYER_RADIUS, PLAYER_WEAPON, WEAPONS, type Weapon } from "../constants.ts";

const CARRIED: Weapon = WEAPONS[PLAYER_WEAPON];

/**
 * World units from its origin a shot has flown `ageMs` after it left the muzzle (docs/protocol.md):
 * at the muzzle before that, never past `maxDist` (its wall or range, flightLength).
 */
export function flightDistance(ageMs: number, maxDist: number, weapon: Weapon = CARRIED): number {
  return Math.min(maxDist, weapon.muzzle + (weapon.speed * Math.max(0, ageMs)) / 1000);
}

/** A flight that ends at or before the muzzle (the muzzle is inside a wall) fires nothing. */
export function muzzleBlocked(maxDist: number, weapon: Weapon = CARRIED): boolean {
  return maxDist <= weapon.muzzle;
}

/** World units between a shot's line and a player's centre at which the shot touches it. */
export function hitReach(weapon: Weapon = CARRIED): number {
  return PLAYER_RADIUS + weapon.radius;
}

/**
 * One applied command's turn of the trigger: the cooldown runs down by `dt`, then, if
 * `wantsFire` finds it at 0, a shot leaves and the cooldown restarts. The sim fires through
 * this and the client predicts its own shots with it, so both pick the same step.
 */
export function pullTrigger(t: { cooldown: number }, dt: number, wantsFire: boolean, weapon: Weapon = CARRIED): boolean {
  t.cooldown = Math.max(0, t.cooldown - dt);
  if (!wantsFire || t.cooldown > 0) return false;
  t.cooldown = weapon.cooldown;
  return true;
}
