import { describe, expect, it } from "vitest";
import { Msg } from "../../shared/messages.ts";
import { addPlayer, createWorld } from "../../shared/sim/index.ts";
import { OPEN_MAP, TEST_RULES } from "../../shared/sim/testing.ts";
import { eventsToDeliveries } from "./deliveries.ts";

function worldOfTwo() {
  const world = createWorld(OPEN_MAP, TEST_RULES, 1);
  addPlayer(world, "a");
  addPlayer(world, "b");
  return world;
}
const names = new Map([
  ["a", "Ann"],
  ["b", "Ben"],
]);
const slotOf = (id: string) => (id === "a" ? 0 : 1);

describe("eventsToDeliveries: the end of a round", () => {
  it("names the winner by sessionId and by name, in the round message and the chat line", () => {
    const world = worldOfTwo();
    world.players.get("a")!.kills = 3;
    const out = eventsToDeliveries([{ type: "roundEnd", round: 2, winner: { kind: "player", id: "a" }, reason: "kills" }], world, names, slotOf);
    const round = out.find((d) => d.type === Msg.round)!;
    expect(round.payload).toMatchObject({ phase: "results", round: 2, winner: "a", winnerName: "Ann" });
    expect(round.payload).toHaveProperty("standings", [
      { name: "Ann", kills: 3, deaths: 0, bot: false, shots: 0, hits: 0 },
      { name: "Ben", kills: 0, deaths: 0, bot: false, shots: 0, hits: 0 },
    ]);
    expect(out.find((d) => d.type === Msg.chat)!.payload.text).toBe("Round 2 over: Ann reached the kill limit.");
  });

  it("a round nobody won is a draw: no winner, no name, no winner in the chat line", () => {
    const out = eventsToDeliveries([{ type: "roundEnd", round: 1, winner: null, reason: "time" }], worldOfTwo(), names, slotOf);
    expect(out.find((d) => d.type === Msg.round)!.payload).toMatchObject({ winner: "", winnerName: "" });
    expect(out.find((d) => d.type === Msg.chat)!.payload.text).toBe("Round 1 over.");
  });
});
