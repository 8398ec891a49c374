import type { ColyseusTestServer } from "@colyseus/testing";
import type { Room as SDKRoom } from "@colyseus/sdk";
import { matchMaker } from "@colyseus/core";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ROOM_NAME } from "../../shared/constants.ts";
import type { ArenaState } from "../../shared/schema.ts";
import { InputCredits } from "../../shared/sim/index.ts";
import { BOT_ID_PREFIX } from "../game/bot-crew.ts";
import { bootGame, until } from "../testing/room-harness.ts";
import type { ArenaRoom } from "./ArenaRoom.ts";

/** The fill level is the room's size here: the tightest case, where every human arriving
 *  finds the room full of bots and players. */
const SEATS = 4;

let colyseus: ColyseusTestServer;
beforeAll(async () => {
  colyseus = await bootGame({ fillTo: SEATS, maxPlayers: SEATS });
});
afterEach(async () => colyseus.cleanup());
afterAll(async () => colyseus.shutdown());

type Client = SDKRoom<ArenaRoom, ArenaState>;

function seats(c: Client) {
  // Empty until the first state arrives.
  const players = [...(c.state.players?.values() ?? [])];
  return { humans: players.filter((p) => !p.bot).length, bots: players.filter((p) => p.bot).length };
}

async function quickPlay(name: string): Promise<Client> {
  return (await colyseus.sdk.joinOrCreate(ROOM_NAME, { name })) as Client;
}

describe("server bots filling a room (--fill-to 4, --max-players 4)", () => {
  it("a lone human gets fill-to-1 bots, flagged and named, who move and play through the input credits", async () => {
    const granted = vi.spyOn(InputCredits.prototype, "grant");
    try {
      const ann = await quickPlay("ann");
      await until("ann sees three bots", () => seats(ann).bots === SEATS - 1);
      expect(seats(ann)).toEqual({ humans: 1, bots: SEATS - 1 });
      const bots = [...ann.state.players].filter(([, p]) => p.bot);
      for (const [id, p] of bots) {
        expect(id.startsWith(BOT_ID_PREFIX)).toBe(true);
        expect(p.name).not.toBe("");
      }
      const start = new Map(bots.map(([id, p]) => [id, { x: p.x, y: p.y }]));
      await until("the bots move", () => bots.some(([id, p]) => Math.hypot(p.x - start.get(id)!.x, p.y - start.get(id)!.y) > 50));
      // Every bot's step went through the credits a human's does.
      for (const [id] of bots) expect(granted.mock.calls.some(([who]) => who === id)).toBe(true);
      // ...and a bot holds no client: Colyseus counts ann alone.
      const room = colyseus.getRoomById<ArenaRoom>(ann.roomId);
      expect(room.clients.length).toBe(1);
    } finally {
      granted.mockRestore();
    }
  });

  it("each human arriving at the fill level sends a bot home; a room full of humans has none, and none is refused", async () => {
    const ann = await quickPlay("ann");
    await until("three bots", () => seats(ann).bots === SEATS - 1);
    const others: Client[] = [];
    for (let n = 2; n <= SEATS; n++) {
      const c = await quickPlay(`human${n}`);
      others.push(c);
      expect(c.roomId).toBe(ann.roomId);
      await until(`${n} humans and ${SEATS - n} bots`, () => seats(ann).humans === n && seats(ann).bots === SEATS - n);
      expect(ann.state.players.size).toBeLessThanOrEqual(SEATS);
      const slots = [...ann.state.players.values()].map((p) => p.slot);
      expect(new Set(slots).size).toBe(slots.length);
      expect(Math.max(...slots)).toBeLessThan(SEATS);
    }
    expect(seats(ann)).toEqual({ humans: SEATS, bots: 0 });
    // One human leaving lets a bot back in.
    await others.pop()!.leave(true);
    await until("a bot takes the freed seat", () => seats(ann).humans === SEATS - 1 && seats(ann).bots === 1);
  });

  it("the room closes when its last human leaves: bots do not keep it open", async () => {
    const ann = await quickPlay("ann");
    const roomId = ann.roomId;
    await until("bots seated", () => seats(ann).bots === SEATS - 1);
    const room = colyseus.getRoomById<ArenaRoom>(roomId);
    await ann.leave(true);
    await until("the room is gone", async () => (await matchMaker.query({ roomId })).length === 0);
    expect(room.world.players.size).toBe(0);
    expect(room.state.players.size).toBe(0);
  });
});
