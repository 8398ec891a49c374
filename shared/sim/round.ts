import { roundWinner } from "./rules.ts";
import type { World } from "./types.ts";

export function secondsToTicks(world: World, seconds: number): number {
  return Math.round(seconds * world.rules.tickHz);
}

/** Whole seconds left in the current phase, rounded up, for the HUD clock. */
export function phaseSecondsLeft(world: World): number {
  return Math.max(0, Math.ceil((world.round.endTick - world.tick) / world.rules.tickHz));
}

export function endRound(world: World, reason: "time" | "kills"): void {
  world.round.phase = "results";
  world.round.winner = roundWinner(world);
  world.round.endTick = world.tick + secondsToTicks(world, world.rules.resultsSeconds);
  world.projectiles = [];
  world.events.push({ type: "roundEnd", round: world.round.number, winner: world.round.winner, reason });
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
    p.shots = 0;
    p.hits = 0;
  }
  world.events.push({ type: "roundStart", round: world.round.number });
}
