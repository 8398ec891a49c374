export * from "./types.ts";
export { movePlayer, stepBody } from "./movement.ts";
export { flightLength, projectilePoint } from "./projectiles.ts";
export { phaseSecondsLeft, standings } from "./round.ts";
export { addPlayer, applyCommand, createWorld, drainEvents, isShielded, removePlayer, setAway, stepWorld } from "./world.ts";
