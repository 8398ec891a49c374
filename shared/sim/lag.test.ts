import { describe, expect, it } from "vitest";
import { MAX_HP, PLAYER_SPEED } from "../constants.ts";
import { addPlayer, applyCommand, createWorld, stepWorld, type SeenPosition, type World } from "./index.ts";
import { OPEN_MAP, TEST_RULES } from "./testing.ts";

const STEP_MS = 1000 / TEST_RULES.tickHz;

/**
 * Ben walks down at full speed past Ann, who fires straight right at where her screen
 * shows him: `viewLagTicks` steps in the past. A history of Ben's positions by tick
 * answers "where was he lagMs ago", as the server's Rewind does.
 */
function duel(lagMsOnShot: number, viewLagTicks: number): World {
  const world = createWorld(OPEN_MAP, TEST_RULES, 1);
  const ann = addPlayer(world, "ann");
  const ben = addPlayer(world, "ben");
  Object.assign(ann, { x: 500, y: 500, shieldUntilTick: 0 });
  Object.assign(ben, { x: 620, y: 300, shieldUntilTick: 0 });
  const history: { x: number; y: number }[] = [];
  const seen: SeenPosition = (_target, lagMs) => history[Math.max(0, history.length - 1 - Math.round(lagMs / STEP_MS))]!;
  const walk = { moveX: 0, moveY: 1, aim: 0, fire: false };
  for (let t = 0; t < 40; t++) {
    history.push({ x: ben.x, y: ben.y });
    applyCommand(world, ben, walk);
    // Ann shoots when the Ben she sees (viewLagTicks old) crosses her line, y = 500.
    const shown = history[Math.max(0, history.length - 1 - viewLagTicks)]!;
    const fire = shown.y >= 500 - (PLAYER_SPEED / TEST_RULES.tickHz) * 3 && ann.cooldown === 0 && world.projectiles.length === 0 && t < 30;
    applyCommand(world, ann, { moveX: 0, moveY: 0, aim: 0, fire }, lagMsOnShot);
    stepWorld(world, seen);
  }
  return world;
}

describe("lag-compensated projectiles", () => {
  it("a shot at where the target was 5 steps (167 ms) ago hits when tested that far in the past", () => {
    const world = duel(5 * STEP_MS, 5);
    expect(world.players.get("ben")!.hp).toBeLessThan(MAX_HP);
  });

  it("the same shot misses against the live world (lag 0)", () => {
    const world = duel(0, 5);
    expect(world.players.get("ben")!.hp).toBe(MAX_HP);
  });

  it("a shot aimed at the live world still hits with lag 0 (no compensation needed)", () => {
    const world = duel(0, 0);
    expect(world.players.get("ben")!.hp).toBeLessThan(MAX_HP);
  });
});
