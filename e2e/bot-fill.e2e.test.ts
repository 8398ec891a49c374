/**
 * A stranger alone on a fresh `npm start` (server bots at their default fill level) gets a
 * game at once: bots around them move within seconds and come for them; a second human
 * still finds a seat in the same room.
 */
import { Client } from "@colyseus/sdk";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { FILL_TO, MAX_HP, ROOM_NAME } from "../shared/constants.ts";
import { quickPlay, surface, type PlayerView } from "./helpers/browser.ts";
import { useGameAndBrowser } from "./helpers/game.ts";
import { until } from "../devkit/wait.ts";

// The helpers turn server bots off for other files; this one runs the shipped default.
const game = useGameAndBrowser({ FILL_TO: String(FILL_TO) });

/** world units: farther than any snapping or interpolation wobble, a few steps of running. */
const MOVED = 40;

async function players(page: Page): Promise<PlayerView[]> {
  return (await surface(page))?.players ?? [];
}

describe("bots fill a lone player's room", () => {
  it("a lone player sees bots moving within 6 s and is shot at within 30 s; a second human still gets a seat", async () => {
    const page = await (await game.browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    const loading = Date.now();
    const joined = await quickPlay(page, game.url, "solo");
    const t0 = Date.now();
    console.log(`bot-fill: page loaded and joined in ${((t0 - loading) / 1000).toFixed(1)} s`);

    // Others appear, tagged as bots, and at least three of them move.
    const start = new Map<string, { x: number; y: number }>();
    const movers = await until(
      "three bots moving",
      async () => {
        const moved = new Set<string>();
        for (const p of await players(page)) {
          if (p.id === joined.sessionId) continue;
          const first = start.get(p.id);
          if (!first) start.set(p.id, { x: p.x, y: p.y });
          else if (Math.hypot(p.x - first.x, p.y - first.y) > MOVED) moved.add(p.id);
        }
        return moved.size >= 3 ? moved : null;
      },
      6_000,
    );
    const seen = await players(page);
    expect(seen).toHaveLength(FILL_TO);
    expect(seen.filter((p) => p.bot)).toHaveLength(FILL_TO - 1);
    for (const id of movers) expect(seen.find((p) => p.id === id)?.bot).toBe(true);
    console.log(`bot-fill: ${movers.size} bots moving ${((Date.now() - t0) / 1000).toFixed(1)} s after joining`);

    // Standing still, the player is found and hit: hp drops (or it already died).
    await until(
      "the lone player to take a hit",
      async () => {
        const self = (await surface(page))?.self;
        return self ? self.hp < MAX_HP || self.deaths > 0 : false;
      },
      30_000 - (Date.now() - t0),
      100,
    );
    console.log(`bot-fill: first hit taken ${((Date.now() - t0) / 1000).toFixed(1)} s after joining`);

    // A second human arriving at the fill level takes a bot's seat in the same room, by
    // quick play as the menu does it (an SDK client: to the server, a human like the page).
    const second = await new Client(game.url).joinOrCreate(ROOM_NAME, { name: "latecomer" });
    second.onMessage("*", () => {});
    expect(second.roomId).toBe(joined.roomId);
    await until(
      "two humans and one bot fewer",
      async () => {
        const now = await players(page);
        return now.length === FILL_TO && now.filter((p) => !p.bot).length === 2;
      },
      5_000,
    );
    await second.leave(true);
    await page.context().close();
  });
});
