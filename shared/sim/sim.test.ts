import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_HP, PLAYER_RADIUS, PLAYER_SPEED, PLAYER_WEAPON, POSITION_STEP, WEAPONS } from "../constants.ts";
import { ARENA_MAP } from "../maps/arena.ts";
import { circleHitsRect } from "./geometry.ts";
import { addPlayer, applyCommand, createWorld, drainEvents, flightDistance, isShielded, movePlayer, muzzleBlocked, pullTrigger, stepWorld, type Command, type World } from "./index.ts";
import { OPEN_MAP, TEST_RULES } from "./testing.ts";

const idle: Command = { moveX: 0, moveY: 0, aim: 0, fire: false };
const gun = WEAPONS[PLAYER_WEAPON];
const commandArb = fc.record({
  moveX: fc.constantFrom(-1, 0, 1),
  moveY: fc.constantFrom(-1, 0, 1),
  aim: fc.double({ min: 0, max: 6.28, noNaN: true }),
  fire: fc.boolean(),
});

/** Runs a scripted match: each tick, player i applies script[tick][i]. */
function runScript(seed: number, script: Command[][], map = ARENA_MAP): World {
  const world = createWorld(map, TEST_RULES, seed);
  const ids = ["a", "b", "c"];
  for (const id of ids) addPlayer(world, id);
  for (const cmds of script) {
    cmds.forEach((cmd, i) => applyCommand(world, world.players.get(ids[i]!)!, cmd));
    stepWorld(world);
  }
  return world;
}

function snapshot(world: World): string {
  return JSON.stringify({ ...world, map: undefined, players: [...world.players.values()] });
}

/** Puts two players face to face on the open map, 300 units apart, shields off. */
function duel(): World {
  const world = createWorld(OPEN_MAP, TEST_RULES, 1);
  const a = addPlayer(world, "a");
  const b = addPlayer(world, "b");
  Object.assign(a, { x: 300, y: 200, shieldUntilTick: 0 });
  Object.assign(b, { x: 600, y: 200, shieldUntilTick: 0 });
  drainEvents(world);
  return world;
}

/** Steps until `done` or `maxTicks`, with `a` firing right every tick. */
function fireUntil(world: World, done: () => boolean, maxTicks = 600): number {
  const a = world.players.get("a")!;
  let ticks = 0;
  while (!done() && ticks < maxTicks) {
    applyCommand(world, a, { moveX: 0, moveY: 0, aim: 0, fire: true });
    stepWorld(world);
    ticks++;
  }
  return ticks;
}

describe("determinism", () => {
  it("the same seed and inputs give bit-identical worlds", () => {
    fc.assert(
      fc.property(fc.integer(), fc.array(fc.tuple(commandArb, commandArb, commandArb), { maxLength: 150 }), (seed, script) => {
        expect(snapshot(runScript(seed, script))).toBe(snapshot(runScript(seed, script)));
      }),
      { numRuns: 40 },
    );
  });
});

describe("movement", () => {
  it("moves PLAYER_SPEED per second and normalises diagonals", () => {
    const body = { x: 500, y: 300, hp: 100 };
    for (let i = 0; i < 30; i++) movePlayer(body, { ...idle, moveX: 1 }, 1 / 30, OPEN_MAP);
    expect(body.x).toBeCloseTo(500 + PLAYER_SPEED, 0);
    const diag = { x: 500, y: 300, hp: 100 };
    for (let i = 0; i < 30; i++) movePlayer(diag, { ...idle, moveX: 1, moveY: 1 }, 1 / 30, OPEN_MAP);
    expect(Math.hypot(diag.x - 500, diag.y - 300)).toBeCloseTo(PLAYER_SPEED, -1);
  });

  it("dead bodies and non-finite commands do not move", () => {
    const dead = { x: 500, y: 300, hp: 0 };
    movePlayer(dead, { ...idle, moveX: 1 }, 1 / 30, OPEN_MAP);
    expect(dead).toEqual({ x: 500, y: 300, hp: 0 });
    const body = { x: 500, y: 300, hp: 100 };
    movePlayer(body, { ...idle, moveX: Number.NaN, moveY: Number.NaN }, 1 / 30, OPEN_MAP);
    expect(body).toEqual({ x: 500, y: 300, hp: 100 });
  });

  it("stays on the 1/8 wire grid, inside the world, and out of walls", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: ARENA_MAP.spawns.length - 1 }), fc.array(commandArb, { maxLength: 300 }), (spawn, cmds) => {
        const start = ARENA_MAP.spawns[spawn]!;
        const body = { x: start.x, y: start.y, hp: 100 };
        for (const cmd of cmds) {
          movePlayer(body, cmd, 1 / 30, ARENA_MAP);
          expect(Number.isInteger(body.x / POSITION_STEP)).toBe(true);
          expect(Number.isInteger(body.y / POSITION_STEP)).toBe(true);
          expect(body.x).toBeGreaterThanOrEqual(PLAYER_RADIUS);
          expect(body.x).toBeLessThanOrEqual(ARENA_MAP.width - PLAYER_RADIUS);
          // Snapping may leave a circle up to half a grid step inside a wall, never more.
          for (const wall of ARENA_MAP.walls) expect(circleHitsRect(body.x, body.y, PLAYER_RADIUS - POSITION_STEP, wall)).toBe(false);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("a wall stops a player running into it", () => {
    const body = { x: 50, y: 500, hp: 100 };
    for (let i = 0; i < 60; i++) movePlayer(body, { ...idle, moveX: 1 }, 1 / 30, OPEN_MAP);
    expect(body.x).toBe(100 - PLAYER_RADIUS);
  });
});

describe("map", () => {
  it("every spawn is clear of walls and inside the arena", () => {
    for (const s of ARENA_MAP.spawns) {
      for (const wall of ARENA_MAP.walls) expect(circleHitsRect(s.x, s.y, PLAYER_RADIUS, wall)).toBe(false);
    }
    expect(ARENA_MAP.spawns.length).toBeGreaterThanOrEqual(8);
  });
});

describe("combat", () => {
  it("a projectile hits, damages, and five hits kill with credit", () => {
    const world = duel();
    const b = world.players.get("b")!;
    const a = world.players.get("a")!;
    fireUntil(world, () => b.hp < MAX_HP);
    expect(b.hp).toBe(MAX_HP - gun.damage);
    fireUntil(world, () => b.hp === 0);
    const events = drainEvents(world);
    expect(events.filter((e) => e.type === "hit")).toHaveLength(5);
    expect(events).toContainEqual({ type: "kill", killer: "a", victim: "b" });
    expect(a.kills).toBe(1);
    expect(b.deaths).toBe(1);
  });

  it("fires no faster than the cooldown", () => {
    const world = duel();
    fireUntil(world, () => false, 30);
    const shots = drainEvents(world).filter((e) => e.type === "shot").length;
    expect(shots).toBe(Math.ceil(1 / gun.cooldown));
  });

  it("the cooldown is whole steps: at 30 Hz every 8th step, 266.7 ms, 3.75 shots/s", () => {
    const trigger = { cooldown: 0 };
    const fired = Array.from({ length: 30 }, () => pullTrigger(trigger, 1 / 30, true));
    expect(fired.flatMap((f, step) => (f ? [step] : []))).toEqual([0, 8, 16, 24]);
  });

  it("a shot leaves the muzzle, flies at the weapon's speed and stops at its flight's end", () => {
    expect(flightDistance(0, 500)).toBe(gun.muzzle);
    expect(flightDistance(-100, 500)).toBe(gun.muzzle); // before it left: at the muzzle
    expect(flightDistance(100, 500)).toBeCloseTo(gun.muzzle + gun.speed * 0.1, 9);
    expect(flightDistance(60_000, 500)).toBe(500);
    expect(muzzleBlocked(gun.muzzle)).toBe(true);
    expect(muzzleBlocked(gun.muzzle + 1)).toBe(false);
  });

  it("walls stop projectiles", () => {
    const world = duel();
    const b = world.players.get("b")!;
    Object.assign(world.players.get("a")!, { x: 50, y: 500 });
    Object.assign(b, { x: 300, y: 500 }); // the wall spans x 100..200 between them
    fireUntil(world, () => false, 60);
    expect(b.hp).toBe(MAX_HP);
    expect(world.projectiles.every((p) => p.maxDist <= 50)).toBe(true);
  });

  it("the dead respawn after RESPAWN_SECONDS at full health, shielded", () => {
    const world = duel();
    const b = world.players.get("b")!;
    fireUntil(world, () => b.hp === 0);
    const diedAt = world.tick;
    while (b.hp === 0 && world.tick < diedAt + 200) stepWorld(world);
    expect(world.tick - diedAt).toBe(2 * TEST_RULES.tickHz);
    expect(b.hp).toBe(MAX_HP);
    expect(isShielded(world, b)).toBe(true);
    // the safest spawn is the one farthest from the only enemy, at (300, 200)
    expect({ x: b.x, y: b.y }).toEqual({ x: 900, y: 900 });
  });

  it("shielded players take no damage", () => {
    const world = duel();
    const b = world.players.get("b")!;
    b.shieldUntilTick = world.tick + 1000;
    fireUntil(world, () => false, 60);
    expect(b.hp).toBe(MAX_HP);
  });
});

describe("rounds", () => {
  it("the kill limit ends the round, results last, then scores reset", () => {
    const world = duel();
    const b = world.players.get("b")!;
    for (let k = 0; k < TEST_RULES.killLimit; k++) {
      fireUntil(world, () => b.hp === 0);
      Object.assign(b, { x: 600, y: 200, hp: MAX_HP, respawnTick: -1, shieldUntilTick: 0 });
    }
    expect(world.round.phase).toBe("results");
    expect(world.round.winner).toEqual({ kind: "player", id: "a" });
    expect(drainEvents(world)).toContainEqual({ type: "roundEnd", round: 1, winner: { kind: "player", id: "a" }, reason: "kills" });
    const resultsTicks = TEST_RULES.resultsSeconds * TEST_RULES.tickHz;
    for (let i = 0; i < resultsTicks; i++) stepWorld(world);
    expect(world.round.phase).toBe("playing");
    expect(world.round.number).toBe(2);
    expect(world.players.get("a")!.kills).toBe(0);
    expect(drainEvents(world)).toContainEqual({ type: "roundStart", round: 2 });
  });

  it("time runs out; a round nobody scored in is a draw", () => {
    const world = createWorld(OPEN_MAP, TEST_RULES, 3);
    addPlayer(world, "a");
    addPlayer(world, "b").deaths = 1;
    for (let i = 0; i < TEST_RULES.roundSeconds * TEST_RULES.tickHz; i++) stepWorld(world);
    expect(world.round.phase).toBe("results");
    expect(drainEvents(world)).toContainEqual({ type: "roundEnd", round: 1, winner: null, reason: "time" });
  });

  it("when time runs out the most kills win, ties going to fewer deaths", () => {
    const world = createWorld(OPEN_MAP, TEST_RULES, 3);
    Object.assign(addPlayer(world, "a"), { kills: 2, deaths: 1 });
    Object.assign(addPlayer(world, "b"), { kills: 2, deaths: 0 });
    Object.assign(addPlayer(world, "c"), { kills: 1, deaths: 0 });
    for (let i = 0; i < TEST_RULES.roundSeconds * TEST_RULES.tickHz; i++) stepWorld(world);
    expect(world.round.winner).toEqual({ kind: "player", id: "b" });
  });

  it("nobody fires during results", () => {
    const world = duel();
    world.round.phase = "results";
    world.round.endTick = world.tick + 100;
    fireUntil(world, () => false, 30);
    expect(drainEvents(world).some((e) => e.type === "shot")).toBe(false);
  });
});
