import { describe, expect, it } from "vitest";
import { MAX_HP, PLAYER_WEAPON, WEAPONS } from "../constants.ts";
import { addPlayer, applyCommand, createWorld, drainEvents, stepWorld, type World } from "./index.ts";
import { OPEN_MAP, TEST_RULES } from "./testing.ts";

const fireRight = { moveX: 0, moveY: 0, aim: 0, fire: true };
const fireLeft = { ...fireRight, aim: Math.PI };

function duel(): World {
  const world = createWorld(OPEN_MAP, TEST_RULES, 1);
  Object.assign(addPlayer(world, "a"), { x: 300, y: 200, shieldUntilTick: 0 });
  Object.assign(addPlayer(world, "b"), { x: 600, y: 200, shieldUntilTick: 0 });
  drainEvents(world);
  return world;
}

describe("shots and hits per player", () => {
  it("every trigger pull counts as a shot; a shot that damages counts as a hit for its shooter", () => {
    const world = duel();
    const a = world.players.get("a")!;
    const b = world.players.get("b")!;
    let hitEvents = 0;
    while (b.hp > 0) {
      applyCommand(world, a, fireRight);
      stepWorld(world);
      hitEvents += drainEvents(world).filter((e) => e.type === "hit").length;
      if (world.tick > 600) throw new Error("b never died");
    }
    expect(a.hits).toBe(MAX_HP / WEAPONS[PLAYER_WEAPON].damage);
    expect(a.hits).toBe(hitEvents);
    expect(a.shots).toBeGreaterThanOrEqual(a.hits);
    expect(b.shots).toBe(0);
    expect(b.hits).toBe(0);
  });

  it("a miss is a shot and no hit", () => {
    const world = duel();
    const a = world.players.get("a")!;
    for (let i = 0; i < 60; i++) {
      applyCommand(world, a, fireLeft); // away from b, into the open
      stepWorld(world);
    }
    expect(a.shots).toBeGreaterThan(1);
    expect(a.hits).toBe(0);
  });

  it("the counts reset with the score when the next round begins", () => {
    const world = duel();
    const a = world.players.get("a")!;
    for (let i = 0; i < 30; i++) {
      applyCommand(world, a, fireRight);
      stepWorld(world);
    }
    expect(a.shots).toBeGreaterThan(0);
    world.round.endTick = world.tick; // time is up
    stepWorld(world);
    expect(world.round.phase).toBe("results");
    expect(a.shots).toBeGreaterThan(0); // kept for the results
    while (world.round.phase === "results") stepWorld(world);
    expect({ shots: a.shots, hits: a.hits }).toEqual({ shots: 0, hits: 0 });
  });
});

describe("a tie for first is a draw", () => {
  it("players level on kills and deaths at the top: no winner", () => {
    const world = createWorld(OPEN_MAP, TEST_RULES, 3);
    Object.assign(addPlayer(world, "b"), { kills: 2, deaths: 1 });
    Object.assign(addPlayer(world, "a"), { kills: 2, deaths: 1 });
    Object.assign(addPlayer(world, "c"), { kills: 1, deaths: 0 });
    world.round.endTick = world.tick;
    stepWorld(world);
    expect(world.round.phase).toBe("results");
    expect(world.round.winner).toBeNull();
    expect(drainEvents(world)).toContainEqual({ type: "roundEnd", round: 1, winner: null, reason: "time" });
  });

  it("level on kills, apart on deaths: fewer deaths wins", () => {
    const world = createWorld(OPEN_MAP, TEST_RULES, 3);
    Object.assign(addPlayer(world, "a"), { kills: 2, deaths: 2 });
    Object.assign(addPlayer(world, "b"), { kills: 2, deaths: 1 });
    world.round.endTick = world.tick;
    stepWorld(world);
    expect(world.round.winner).toEqual({ kind: "player", id: "b" });
  });
});
