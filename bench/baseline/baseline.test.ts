/** The JSON baseline sends exactly what the schema syncs, validates inputs, and adapts to BotView. */
import { describe, expect, it } from "vitest";
import { ARENA_MAP } from "../../shared/maps/arena.ts";
import { ArenaState, PlayerState, ProjectileState } from "../../shared/schema.ts";
import { addPlayer, applyCommand, createWorld } from "../../shared/sim/index.ts";
import { jsonToView } from "./json-bots.ts";
import { parseCommand, stateJson, type JsonRoom } from "./json-server.ts";

const keys = (o: object) => Object.keys(o).sort();

function roomWithShot(): JsonRoom {
  const world = createWorld(ARENA_MAP, { mode: "ffa", tickHz: 30, roundSeconds: 600, killLimit: 1000, resultsSeconds: 8 }, 7);
  const p = addPlayer(world, "abcdefghi");
  p.shieldUntilTick = 0;
  applyCommand(world, p, { moveX: 0, moveY: 0, aim: 1, fire: true });
  const conns = new Map([["abcdefghi", { id: "abcdefghi", name: "bot-0", color: 3, slot: 0 } as never]]);
  return { world, conns, nextColor: 1, createdMs: 0, born: new Map() };
}

describe("JSON baseline", () => {
  it("broadcasts exactly the fields of ArenaState, PlayerState and ProjectileState", () => {
    const state = JSON.parse(stateJson(roomWithShot(), 1234)) as Record<string, Record<string, object>>;
    expect(keys(state)).toEqual(keys(new ArenaState().toJSON()));
    expect(keys(state.players!.abcdefghi!)).toEqual(keys(new PlayerState().toJSON()));
    const shots = Object.values(state.projectiles!);
    expect(shots).toHaveLength(1);
    expect(keys(shots[0]!)).toEqual(keys(new ProjectileState().toJSON()));
  });
  it("keeps a shot's bornMs once stamped", () => {
    const room = roomWithShot();
    const first = JSON.parse(stateJson(room, 1000)) as { projectiles: Record<string, { bornMs: number }> };
    const later = JSON.parse(stateJson(room, 5000)) as { projectiles: Record<string, { bornMs: number }> };
    expect(Object.values(later.projectiles)[0]!.bornMs).toBe(Object.values(first.projectiles)[0]!.bornMs);
  });
  it("accepts a well-formed command, clamps the axes, drops anything else", () => {
    expect(parseCommand({ moveX: 5, moveY: -0.2, aim: 1.5, fire: true })).toEqual({ moveX: 1, moveY: -1, aim: 1.5, fire: true });
    expect(parseCommand({ moveX: 0, moveY: 0, aim: Infinity, fire: false })).toBeNull();
    expect(parseCommand({ moveX: "1", moveY: 0, aim: 0, fire: false })).toBeNull();
    expect(parseCommand(null)).toBeNull();
  });
  it("adapts the JSON state to the strategies' view", () => {
    const view = jsonToView("b", { phase: "playing", players: { a: { x: 1, y: 2, hp: 100, shielded: false }, b: { x: 3, y: 4, hp: 0, shielded: true } } });
    expect(view.self).toEqual({ id: "b", x: 3, y: 4, hp: 0, shielded: true });
    expect(view.players).toHaveLength(2);
    expect(jsonToView("zz", { phase: "results", players: {} }).self).toBeNull();
  });
});
