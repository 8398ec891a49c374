/**
 * A fair, readable view, in a real `npm start` and Chromium: every window size shows the
 * same stretch of arena (the camera's worldView read through window.__tickfire), with the
 * own tank clear of the HUD; and a death explains itself: killed by a headless fight bot,
 * the death panel names the bot and the killing hit's damage, counts down, and the camera
 * follows the bot until the respawn. Screenshots of the letter-boxed 800x600 window, the
 * fight and the death go to e2e/artifacts/.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { startBots } from "../bots/run.ts";
import { MAX_HP, PLAYER_RADIUS, PLAYER_WEAPON, RESPAWN_SECONDS, VIEW_HEIGHT, VIEW_HUD_CLEARANCE, VIEW_WIDTH, WEAPONS } from "../shared/constants.ts";
import { hudLayout, hudRects } from "../client/view/hudLayout.ts";
import { tankCameraTopLeft } from "../client/view/tankSpot.ts";
import { fitView, screenToView } from "../client/view/viewFit.ts";
import { ARENA_MAP } from "../shared/maps/arena.ts";
import { until } from "../devkit/wait.ts";
import type { DeathSurface } from "../client/debug.ts";
import { ARTIFACTS, quickPlay, surface, type TickfireSurface } from "./helpers/browser.ts";
import { useGameAndBrowser } from "./helpers/game.ts";

const game = useGameAndBrowser();

const SIZES = [
  [800, 600],
  [1920, 1080],
  [2560, 1440],
] as const;

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, name) });
}

describe("a fair, readable view", () => {
  it("800x600, 1920x1080 and 2560x1440 windows see the same world extent, letter-boxed, tank clear of the HUD", async () => {
    const page = await (await game.browser.newContext({ viewport: { width: SIZES[0][0], height: SIZES[0][1] } })).newPage();
    await quickPlay(page, game.url, "viewer");
    const seen: { size: string; width: number; height: number }[] = [];
    for (const [w, h] of SIZES) {
      await page.setViewportSize({ width: w, height: h });
      // the camera refits on the resize: wait until it reports a view box that fits this window
      const s = await until(`the view refits to ${w}x${h}`, async () => {
        const now = await surface(page);
        const v = now?.view;
        // (alive and followed: should anyone else in the room kill us, the camera is on them)
        const ours = now?.self && now.self.hp > 0 && !now.death && v?.following === now.sessionId;
        return ours && v && Math.abs(Math.max(v.viewport.width / w, v.viewport.height / h) - 1) < 1e-6 ? now : null;
      }, 10_000);
      const v = s.view!;
      seen.push({ size: `${w}x${h}`, width: v.world.width, height: v.world.height });
      // letter-boxed: the view box is centred, bars on one axis only
      expect(Math.min(v.viewport.x, v.viewport.y)).toBe(0);
      expect(v.viewport.x * 2 + v.viewport.width).toBeCloseTo(w, 0);
      expect(v.viewport.y * 2 + v.viewport.height).toBeCloseTo(h, 0);
      // our tank is on the game view and off every HUD panel (canvas px, from the camera)
      const tank = { x: v.viewport.x + (s.self!.x - v.world.x) * v.zoom, y: v.viewport.y + (s.self!.y - v.world.y) * v.zoom, r: PLAYER_RADIUS * v.zoom };
      expect(tank.x - tank.r).toBeGreaterThan(v.viewport.x);
      expect(tank.x + tank.r).toBeLessThan(v.viewport.x + v.viewport.width);
      expect(tank.y - tank.r).toBeGreaterThan(v.viewport.y);
      expect(tank.y + tank.r).toBeLessThan(v.viewport.y + v.viewport.height);
      for (const r of hudRects(hudLayout(w, h, { chatCollapsed: false }))) {
        const dx = Math.max(r.x - tank.x, 0, tank.x - (r.x + r.w));
        const dy = Math.max(r.y - tank.y, 0, tank.y - (r.y + r.h));
        expect(Math.hypot(dx, dy), `tank ${JSON.stringify(tank)} vs HUD box ${JSON.stringify(r)} at ${w}x${h}`).toBeGreaterThan(tank.r);
      }
      // one picture, of the letter-boxed small window (software rendering of the big ones is slow)
      if (w === SIZES[0][0]) await shot(page, `view-${w}x${h}.png`);
    }
    // C collapses the chat (the camera's HUD boxes follow), C again expands it
    await page.keyboard.press("c");
    await until("the chat collapses", async () => (await surface(page))?.view?.chatCollapsed === true);
    await page.keyboard.press("c");
    await until("the chat expands", async () => (await surface(page))?.view?.chatCollapsed === false);
    for (const s of seen) {
      expect(s.width, s.size).toBeCloseTo(VIEW_WIDTH, 3);
      expect(s.height, s.size).toBeCloseTo(VIEW_HEIGHT, 3);
    }
    await page.context().close();
  });

  it("killed by a bot: the death panel names it with the killing hit's damage, counts down, and the camera follows it until the respawn", async () => {
    const page = await (await game.browser.newContext({ viewport: { width: 960, height: 540 } })).newPage();
    const me = await quickPlay(page, game.url, "target");
    const hudInView = hudRects(hudLayout(960, 540, { chatCollapsed: false })).map((r) => screenToView(r, fitView(960, 540)));
    // One fight bot in the same (quick) room hunts the only other player: us, standing still.
    const bots = startBots({ url: game.url.replace(/\/$/, ""), count: 1, room: { kind: "quick" }, roomSize: 16, duration: 0, strategy: "fight", ramp: 10, seed: 7, json: true, threads: 1 });
    try {
      const fight = await until(
        "the bot hits us",
        async () => {
          const s = await surface(page);
          return s?.self && s.self.hp < MAX_HP && s.self.hp > 0 ? s : null;
        },
        40_000,
        30,
      );
      expect(fight.death).toBeNull();

      // One pass from the death to the respawn, sampling every few ms: a software-rendered
      // page may draw ten frames a second, and the whole death lasts RESPAWN_SECONDS.
      let death: DeathSurface | null = null;
      let watching: TickfireSurface | null = null;
      let firstWait = Infinity;
      let firstSample = "";
      const trail: string[] = [];
      let last: TickfireSurface | null = null;
      const back = await until(
        "killed, watching the killer, then respawned and followed again",
        async () => {
          const s = (last = await surface(page));
          if (!s) return null;
          if (s.death) {
            if (firstWait === Infinity) {
              firstWait = s.death.respawnInMs;
              firstSample = JSON.stringify({ death: s.death, self: s.self, fps: s.fps });
            }
            if (s.death.killerName) death = s.death;
            const k = s.players.find((p) => p.id === s.death!.killerId);
            const w = s.view?.world;
            // where the camera settles on the killer (it stops at the arena's edges, so the
            // killer need not be central); it pans there, lagging a moving killer a little
            const want = k && tankCameraTopLeft(k, ARENA_MAP, { viewW: VIEW_WIDTH, viewH: VIEW_HEIGHT, hud: hudInView, keepOut: PLAYER_RADIUS + VIEW_HUD_CLEARANCE });
            const off = want && w ? Math.round(Math.hypot(want.x - w.x, want.y - w.y)) : -1;
            trail.push(`${s.view?.following === k?.id ? "K" : "-"}${off}`);
            if (!watching && off >= 0 && off < 120 && s.view?.following === k!.id) {
              watching = s;
              await shot(page, "view-death.png");
            }
            return null;
          }
          return death && s.self && s.self.hp > 0 && s.view?.following === me.sessionId ? s : null;
        },
        40_000,
        20,
      ).catch((e: Error) => {
        throw new Error(`${e.message}: ${JSON.stringify({ death, watching: !!watching, view: last?.view, lastDeath: last?.death, players: last?.players, fps: last?.fps })}`);
      });
      const d = death as DeathSurface | null;
      expect(d).not.toBeNull();
      const killer = back.players.find((p) => p.id === d!.killerId);
      expect(killer, JSON.stringify(back.players)).toBeDefined();
      expect(killer!.id).not.toBe(me.sessionId);
      expect(d!.killerName).toBe(killer!.name);
      expect(d!.lines[0]).toBe(`ELIMINATED BY ${killer!.name}`);
      expect(d!.damage).toBe(WEAPONS[PLAYER_WEAPON].damage);
      expect(d!.lines).toContain(`killing hit: ${WEAPONS[PLAYER_WEAPON].damage} damage`);
      // the countdown started near RESPAWN_SECONDS and ran down
      expect(firstWait).toBeLessThanOrEqual(RESPAWN_SECONDS * 1000);
      expect(firstWait, firstSample).toBeGreaterThan(RESPAWN_SECONDS * 1000 - 1000);
      expect(d!.respawnInMs).toBeLessThan(firstWait);
      // spectating: the camera followed the killer and settled on it
      expect(watching, `the camera followed the killer while we were dead: ${trail.join(" ")}`).not.toBeNull();
      // back alive: the camera is on us again
      const w = back.view!.world;
      expect(Math.abs(back.self!.x - (w.x + w.width / 2))).toBeLessThan(VIEW_WIDTH / 2);
      const seen = watching as TickfireSurface | null;
      // kills go to the kill feed, not the chat box
      // the fight goes on after the shield: a picture of a hit landing on us
      await until(
        "the bot hits us again",
        async () => {
          const s = await surface(page);
          return s?.self && s.self.hp < MAX_HP && s.self.hp > 0;
        },
        20_000,
        20,
      );
      await shot(page, "view-fight.png");
      const feedHasKill = (s: TickfireSurface) => s.killFeed.some((l) => l.includes(killer!.name) && l.includes("target"));
      expect(feedHasKill(back) || (seen !== null && feedHasKill(seen))).toBe(true);
      expect(back.chat.some((l) => l.includes("eliminated"))).toBe(false);
    } finally {
      await bots.stop();
      await page.context().close();
    }
  });
});
