/**
 * The rules that depend on the mode (Rules.mode): who fights whom, how players rank, who
 * won. A team mode adds its branches here and nowhere else in the sim.
 */
import type { RoundWinner, SimPlayer, World } from "./types.ts";

export function isShielded(world: World, p: SimPlayer): boolean {
  return world.tick < p.shieldUntilTick;
}

/** The side a player fights for: in free-for-all, itself. */
function sideOf(world: World, playerId: string): string {
  switch (world.rules.mode) {
    case "ffa":
      return playerId;
  }
}

/** Whether a shot from `shooterId` can hit `target` now: a living, present, unshielded enemy. */
export function canHit(world: World, shooterId: string, target: SimPlayer): boolean {
  return target.hp > 0 && !target.away && !isShielded(world, target) && sideOf(world, target.id) !== sideOf(world, shooterId);
}

/** Best first: most kills, then fewest deaths, then id, so the order is total and stable. */
export function standings(world: World): SimPlayer[] {
  return [...world.players.values()].sort(
    (a, b) => b.kills - a.kills || a.deaths - b.deaths || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** The winner of the round that is ending; null (a draw) when nobody scored or the best are level. */
export function roundWinner(world: World): RoundWinner | null {
  // More kills, then fewer deaths. Players level on both share first place: a draw, named
  // as one, rather than a winner picked by the order of their ids.
  const [top, second] = standings(world);
  if (!top || top.kills === 0) return null;
  if (second && second.kills === top.kills && second.deaths === top.deaths) return null;
  switch (world.rules.mode) {
    case "ffa":
      return { kind: "player", id: top.id };
  }
}
