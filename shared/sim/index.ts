export * from "./types.ts";
export { InputCredits } from "./input-credits.ts";
export { movePlayer } from "./movement.ts";
export { flightLength, projectilePoint } from "./projectiles.ts";
export { phaseSecondsLeft } from "./round.ts";
export { canHit, isShielded, roundWinner, standings } from "./rules.ts";
export { flightDistance, hitReach, muzzleBlocked, pullTrigger } from "./weapons.ts";
export { addPlayer, applyCommand, createWorld, drainEvents, removePlayer, setAway, stepWorld } from "./world.ts";
