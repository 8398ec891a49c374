import type { SimPlayer, World } from "./types.ts";

export function secondsToTicks(world: World, seconds: number): number {
  return Math.round(seconds * world.rules.tickHz);
}

/** Whole seconds left in the current phase, rounded up, for the HUD clock. */
export function phaseSecondsLeft(world: World): number {
  return Math.max(0, Math.ceil((world.round.endTick - world.tick) / world.rules.tickHz));
}

/** Best first: most kills, then fewest deaths, then id, so the order is total and stable. */
export function standings(world: World): SimPlayer[] {
  return [...world.players.values()].sort(
    (a, b) => b.kills - a.kills || a.deaths - b.deaths || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

export function endRound(world: World, reason: "time" | "kills"): void {
  const winner = standings(world)[0];
  world.round.phase = "results";
  world.round.winnerId = winner?.id ?? "";
  world.round.endTick = world.tick + secondsToTicks(world, world.rules.resultsSeconds);
  world.projectiles = [];
  world.events.push({ type: "roundEnd", round: world.round.number, winnerId: world.round.winnerId, reason });
}

/** Starts the next round: scores reset and everyone is respawned at once by the caller. */
export function beginRound(world: World): void {
  world.round.phase = "playing";
  world.round.number += 1;
  world.round.endTick = world.tick + secondsToTicks(world, world.rules.roundSeconds);
  world.projectiles = [];
  for (const p of world.players.values()) {
    p.kills = 0;
    p.deaths = 0;
  }
  world.events.push({ type: "roundStart", round: world.round.number });
}
