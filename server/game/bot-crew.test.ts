import { describe, expect, it, vi } from "vitest";
import { PLAYER_SPEED } from "../../shared/constants.ts";
import { ARENA_MAP } from "../../shared/maps/arena.ts";
import { Msg } from "../../shared/messages.ts";
import { ArenaState } from "../../shared/schema.ts";
import { InputCredits } from "../../shared/sim/index.ts";
import { ArenaGame, type PendingInputs } from "./arena-game.ts";
import { BOT_ID_PREFIX } from "./bot-crew.ts";

const RULES = { mode: "ffa", tickHz: 30, roundSeconds: 60, killLimit: 15, resultsSeconds: 2 } as const;
const STEP_MS = 1000 / RULES.tickHz;
/** world units a step of running covers; snapping and sliding off walls add a little, a
 *  second command in the same step would double it. */
const STEP_DIST = PLAYER_SPEED / RULES.tickHz;
/** A human who sends nothing. */
const silent = (): PendingInputs => Object.assign([], { renderTime: 0 });

function room(fillTo = 6, maxPlayers = 16) {
  const state = new ArenaState();
  const game = new ArenaGame(state, ARENA_MAP, RULES, 5, { fillTo, maxPlayers, skill: "normal" });
  const bots = () => [...state.players].filter(([, p]) => p.bot).map(([id]) => id);
  return { state, game, bots };
}

describe("server bots in a game, without a network", () => {
  it("seat themselves around a lone human, flagged and named, and go when the human does", () => {
    const { state, game, bots } = room();
    game.join("h1", "ann", 0);
    expect(state.players.size).toBe(6);
    expect(bots()).toHaveLength(5);
    expect(bots().every((id) => id.startsWith(BOT_ID_PREFIX))).toBe(true);
    expect(state.players.get("h1")).toMatchObject({ bot: false, slot: 0 });
    expect(new Set([...state.players.values()].map((p) => p.name)).size).toBe(6);
    game.leave("h1");
    expect(state.players.size).toBe(0);
    expect(game.world.players.size).toBe(0);
  });

  it("make room: an arriving human sends one home at the fill level, a leaving one brings one back", () => {
    const { state, game, bots } = room(3, 4);
    game.join("h1", "a", 0);
    expect(bots()).toHaveLength(2);
    game.join("h2", "b", 0);
    expect(bots()).toHaveLength(1);
    game.join("h3", "c", 0);
    game.join("h4", "d", 0);
    expect(bots()).toHaveLength(0);
    expect(state.players.size).toBe(4);
    game.leave("h4");
    game.leave("h3");
    expect(bots()).toHaveLength(1);
    expect(Math.max(...[...state.players.values()].map((p) => p.slot))).toBeLessThan(4);
  });

  it("play through the input credits, one command a step, no faster than anyone", () => {
    const { state, game, bots } = room();
    game.join("h1", "ann", 0);
    const granted = vi.spyOn(InputCredits.prototype, "grant");
    const start = new Map(bots().map((id) => [id, { x: game.world.players.get(id)!.x, y: game.world.players.get(id)!.y }]));
    let now = 0;
    let hits = 0;
    for (let step = 0; step < 20 * RULES.tickHz; step++) {
      const before = new Map(bots().map((id) => [id, { ...game.world.players.get(id)! }]));
      const events = game.step(silent, (now += STEP_MS), 0, null);
      hits += events.filter((d) => d.type === Msg.hit).length;
      for (const [id, b] of before) {
        const p = game.world.players.get(id)!;
        if (p.respawnTick === -1 && b.respawnTick === -1) expect(Math.hypot(p.x - b.x, p.y - b.y)).toBeLessThan(1.5 * STEP_DIST);
      }
    }
    for (const id of bots()) expect(granted.mock.calls.filter(([who]) => who === id)).toHaveLength(20 * RULES.tickHz);
    granted.mockRestore();
    // They roam and fight: bodies moved, shots landed, and someone scored within 20 s.
    expect(hits).toBeGreaterThan(0);
    expect(bots().filter((id) => Math.hypot(game.world.players.get(id)!.x - start.get(id)!.x, game.world.players.get(id)!.y - start.get(id)!.y) > 100).length).toBeGreaterThan(2);
    expect([...state.players.values()].reduce((n, p) => n + p.kills, 0)).toBeGreaterThan(0);
  });

  it("do not see players who are away", () => {
    const { game } = room(2);
    game.join("h1", "ann", 0);
    game.setAway("h1", true, 0);
    const [bot] = game.bots.seated(game.world);
    game.bots.decide(game.world, 0);
    // Alone in the world it can see, the bot has no one to hunt or shoot.
    expect(game.bots.inputsOf(bot!.id)![0]).toMatchObject({ moveX: 0, moveY: 0, fire: false });
  });
});
