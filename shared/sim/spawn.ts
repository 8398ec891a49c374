import { nextInt } from "../random.ts";
import type { Point } from "../maps/types.ts";
import type { World } from "./types.ts";

/**
 * The safest spawn point for `forId`: the one farthest from its nearest living enemy.
 * Ties (an empty arena, say) are broken with the world's seeded PRNG, so replays agree.
 */
export function safestSpawn(world: World, forId: string): Point {
  const spawns = world.map.spawns;
  let bestScore = -1;
  let best: Point[] = [];
  for (const s of spawns) {
    let nearest = Infinity;
    for (const p of world.players.values()) {
      if (p.id === forId || p.hp <= 0) continue;
      const dx = p.x - s.x;
      const dy = p.y - s.y;
      nearest = Math.min(nearest, dx * dx + dy * dy);
    }
    if (nearest > bestScore) {
      bestScore = nearest;
      best = [s];
    } else if (nearest === bestScore) {
      best.push(s);
    }
  }
  const pick = best[nextInt(world.rng, best.length)];
  if (!pick) throw new Error("map has no spawn points");
  return pick;
}
