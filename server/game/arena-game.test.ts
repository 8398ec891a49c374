import { describe, expect, it } from "vitest";
import { ARENA_MAP } from "../../shared/maps/arena.ts";
import { Msg, UNKNOWN_MESSAGE_LINE } from "../../shared/messages.ts";
import { ArenaState, type InputCommand } from "../../shared/schema.ts";
import { ArenaGame } from "./arena-game.ts";

const RULES = { mode: "ffa", tickHz: 30, roundSeconds: 60, killLimit: 15, resultsSeconds: 2 } as const;

describe("arena game, without a network", () => {
  it("seats players under unique names in the lowest free seat, and says so", () => {
    const state = new ArenaState();
    const game = new ArenaGame(state, ARENA_MAP, RULES, 1);
    game.join("a", "ann", 0);
    const lines = game.join("b", "ann", 0).filter((d) => d.type === Msg.chat);
    expect(state.players.get("b")?.name).toBe("ann#2");
    expect(lines.map((d) => d.to)).toEqual([{ except: "b" }, { only: ["b"] }]);
    game.leave("a");
    game.join("c", "cat", 0);
    expect(state.players.get("c")?.slot).toBe(0);
  });

  it("clamps out-of-range axes and counts them; answers unknown types once a window", () => {
    const game = new ArenaGame(new ArenaState(), ARENA_MAP, RULES, 1);
    const cmd = { moveX: 5, moveY: -0.5 } as InputCommand;
    game.sanitize(cmd);
    expect(cmd).toMatchObject({ moveX: 1, moveY: -1 });
    const replies = [game.unknownFrom("a", 0), game.unknownFrom("a", 10)];
    expect(replies[0]).toEqual([{ to: { only: ["a"] }, type: Msg.chat, payload: { kind: "error", from: "", to: "", text: UNKNOWN_MESSAGE_LINE } }]);
    expect(replies[1]).toEqual([]);
    expect(game.counters).toMatchObject({ clampedInputs: 1, unknownMessages: 2 });
  });
});
