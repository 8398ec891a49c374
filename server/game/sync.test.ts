import { Decoder, Encoder } from "@colyseus/schema";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ARENA_MAP } from "../../shared/maps/arena.ts";
import { ArenaState } from "../../shared/schema.ts";
import { addPlayer, applyCommand, createWorld, flightDistance, movePlayer, stepWorld } from "../../shared/sim/index.ts";
import { TEST_RULES } from "../../shared/sim/testing.ts";
import { newPlayerState, syncState } from "./sync.ts";

const command = fc.record({
  moveX: fc.constantFrom(-1, 0, 1),
  moveY: fc.constantFrom(-1, 0, 1),
  aim: fc.double({ min: 0, max: 6.28, noNaN: true }),
  fire: fc.boolean(),
});

describe("state on the wire", () => {
  it("decoded positions equal the simulation's bit for bit, so prediction can replay exactly", () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 120 }), (cmds) => {
        const world = createWorld(ARENA_MAP, TEST_RULES, 11);
        const state = new ArenaState();
        const encoder = new Encoder(state);
        const remote = new ArenaState();
        const decoder = new Decoder(remote);
        const p = addPlayer(world, "p");
        state.players.set("p", newPlayerState("p", 0, 0));
        syncState(world, state, 0, () => 0);
        decoder.decode(encoder.encodeAll());
        // the client's own replay of the same commands, starting from the decoded spawn
        const predicted = { x: remote.players.get("p")!.x, y: remote.players.get("p")!.y, hp: 100 };
        for (const cmd of cmds) {
          applyCommand(world, p, cmd);
          stepWorld(world);
          syncState(world, state, 0, () => 0);
          decoder.decode(encoder.encode());
          encoder.discardChanges();
          movePlayer(predicted, cmd, 1 / TEST_RULES.tickHz, ARENA_MAP);
          const seen = remote.players.get("p")!;
          expect(seen.x).toBe(p.x);
          expect(seen.y).toBe(p.y);
          expect(predicted.x).toBe(seen.x);
          expect(predicted.y).toBe(seen.y);
        }
      }),
      { numRuns: 30 },
    );
  });

  it("a shot is sent once, as its spawn, and removed when it ends", () => {
    const world = createWorld(ARENA_MAP, TEST_RULES, 5);
    const state = new ArenaState();
    const p = addPlayer(world, "p");
    state.players.set("p", newPlayerState("p", 0, 0));
    Object.assign(p, { x: 1000, y: 300 });
    applyCommand(world, p, { moveX: 0, moveY: 0, aim: 0, fire: true });
    stepWorld(world); // the step that fires also moves the shot one step out
    syncState(world, state, 1000, () => 0);
    expect(state.projectiles.size).toBe(1);
    const shot = [...state.projectiles.values()][0]!;
    expect({ x0: shot.x0, y0: shot.y0, ownerSlot: shot.ownerSlot }).toEqual({ x0: 1000, y0: 300, ownerSlot: 0 });
    // docs/protocol.md: the client's flightDistance(now − bornMs) is where the sim has it, at any step
    for (let i = 0; i < 5; i++) {
      const nowMs = 1000 + (i * 1000) / TEST_RULES.tickHz;
      expect(flightDistance(nowMs - shot.bornMs, Infinity)).toBeCloseTo(world.projectiles[0]!.dist, 0);
      stepWorld(world);
    }
    for (let i = 0; i < 60 && world.projectiles.length > 0; i++) stepWorld(world);
    syncState(world, state, 3000, () => 0);
    expect(state.projectiles.size).toBe(0);
  });
});
