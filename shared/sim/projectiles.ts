import { PLAYER_WEAPON, WEAPONS, type Weapon } from "../constants.ts";
import type { ArenaMap } from "../maps/types.ts";
import { raycastRects, segmentHitsCircle } from "./geometry.ts";
import { canHit } from "./rules.ts";
import type { SeenPosition, SimPlayer, SimProjectile, World } from "./types.ts";
import { hitReach, muzzleBlocked } from "./weapons.ts";

/**
 * Where a projectile's flight ends, from its origin: at its range or at the first wall.
 * Clients call this with the same map to draw a shot without any position on the wire.
 */
export function flightLength(map: ArenaMap, x0: number, y0: number, dirX: number, dirY: number, weapon: Weapon = WEAPONS[PLAYER_WEAPON]): number {
  return raycastRects(x0, y0, dirX, dirY, map.walls, weapon.range);
}

/** Position of a projectile `dist` units along its flight. */
export function projectilePoint(p: Pick<SimProjectile, "x0" | "y0" | "dirX" | "dirY">, dist: number) {
  return { x: p.x0 + p.dirX * dist, y: p.y0 + p.dirY * dist };
}

export function spawnProjectile(world: World, shooter: SimPlayer, angle: number, lagMs = 0): SimProjectile | null {
  const dirX = Math.cos(angle);
  const dirY = Math.sin(angle);
  const weapon = WEAPONS[shooter.weapon];
  const maxDist = flightLength(world.map, shooter.x, shooter.y, dirX, dirY, weapon);
  if (muzzleBlocked(maxDist, weapon)) return null;
  const p: SimProjectile = {
    id: world.nextProjectileId++,
    owner: shooter.id,
    weapon: shooter.weapon,
    x0: shooter.x,
    y0: shooter.y,
    angle,
    dirX,
    dirY,
    spawnTick: world.tick,
    lagMs,
    dist: weapon.muzzle,
    maxDist,
  };
  world.projectiles.push(p);
  world.events.push({ type: "shot", projectileId: p.id, owner: p.owner });
  return p;
}

/**
 * Advances every projectile one step and resolves hits. A projectile hits the first
 * player it can hit (canHit) its swept segment touches this step; it ends at a wall or its
 * range. Whether a player can be hit is judged now; where it stands is judged as the shooter
 * saw it (`seen`, for shots with a lag). Returns the players hit, in order, for the
 * caller to apply damage.
 */
export function advanceProjectiles(world: World, dt: number, seen?: SeenPosition) {
  const hits: { projectile: SimProjectile; target: SimPlayer }[] = [];
  const halfStepMs = dt * 500;
  const survivors: SimProjectile[] = [];
  for (const proj of world.projectiles) {
    const weapon = WEAPONS[proj.weapon];
    const reach = hitReach(weapon);
    const from = proj.dist;
    const to = Math.min(proj.dist + weapon.speed * dt, proj.maxDist);
    let first: SimPlayer | null = null;
    let firstAt = Infinity;
    for (const target of world.players.values()) {
      if (!canHit(world, proj.owner, target)) continue;
      // This step's segment is the stretch the shooter's screen drew over the next step
      // time, against targets at the segment's start...end: test the middle instant.
      const where = seen && proj.lagMs > 0 ? seen(target, Math.max(0, proj.lagMs - halfStepMs)) : target;
      const at = segmentHitsCircle(proj.x0, proj.y0, proj.dirX, proj.dirY, from, to, where.x, where.y, reach);
      if (at >= 0 && at < firstAt) {
        firstAt = at;
        first = target;
      }
    }
    if (first) {
      hits.push({ projectile: proj, target: first });
      continue;
    }
    proj.dist = to;
    if (to < proj.maxDist) survivors.push(proj);
  }
  world.projectiles = survivors;
  return hits;
}
