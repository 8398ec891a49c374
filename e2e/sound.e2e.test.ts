/**
 * Sound and settings in a real browser against `npm start`: audio stays off until the
 * first input; firing and a fight (a fight bot hunting the page, a dummy to shoot) make the expected sounds (counted by
 * kind on the test surface, and every WebAudio source start counted by a wrapper installed
 * before the page's scripts); mute stops them; the settings survive a reload.
 */
import path from "node:path";
import { Client, type Room } from "@colyseus/sdk";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { SoundStats } from "../client/audio/player.ts";
import type { SoundKind } from "../client/audio/soundDesign.ts";
import type { Settings } from "../client/settings.ts";
import { startBots, type BotOptions } from "../bots/run.ts";
import { until } from "../devkit/wait.ts";
import { ARENA_MAP } from "../shared/maps/arena.ts";
import { buildNavGrid, findPath, lineOfSight, steer } from "../shared/nav.ts";
import { InputCommand, type ArenaState } from "../shared/schema.ts";
import { TICK_HZ } from "../shared/constants.ts";
import { ARTIFACTS, quickPlay, surface, worldToPage, type TickfireSurface } from "./helpers/browser.ts";
import { useGameAndBrowser } from "./helpers/game.ts";

const game = useGameAndBrowser();

interface Audible {
  sound: SoundStats;
  settings: Settings;
  /** AudioScheduledSourceNode.start() calls seen by the page's wrapper. */
  sourceStarts: number;
}

/** Counts every oscillator / buffer source the page starts, below anything the game does. */
function countSourceStarts(): void {
  const w = window as unknown as { __sourceStarts: number };
  w.__sourceStarts = 0;
  const proto = AudioScheduledSourceNode.prototype;
  const start = proto.start;
  proto.start = function (this: AudioScheduledSourceNode, ...args: Parameters<typeof start>) {
    w.__sourceStarts++;
    return start.apply(this, args);
  };
}

async function audible(page: Page): Promise<Audible> {
  return page.evaluate(() => {
    const w = window as unknown as { __tickfire: { sound: SoundStats; settings: Settings }; __sourceStarts: number };
    return JSON.parse(JSON.stringify({ sound: w.__tickfire.sound, settings: w.__tickfire.settings, sourceStarts: w.__sourceStarts })) as Audible;
  });
}

/** world units. The dummy stops this close to the page's player, in the open: a shot
 *  (900 u/s) reaches it in about half a second, and it does not move out of the way. */
const DUMMY_RANGE = 450;

/**
 * A target for the page: a plain SDK client that walks to the page's player along the nav
 * grid, stops in the open within DUMMY_RANGE and stands still, never firing.
 */
async function joinDummy(url: string, roomId: string, followId: string): Promise<{ id: string; leave: () => Promise<void> }> {
  const room: Room<unknown, ArenaState> = await new Client(url).joinById(roomId, { name: "dummy" });
  room.onMessage("*", () => {});
  const input = room.input({ type: InputCommand, mode: "reliable" });
  const grid = buildNavGrid(ARENA_MAP);
  const timer = setInterval(() => {
    const me = room.state.players?.get(room.sessionId);
    const them = room.state.players?.get(followId);
    const d = input.data;
    d.moveX = 0;
    d.moveY = 0;
    d.fire = false;
    if (me && them && me.hp > 0 && !(Math.hypot(them.x - me.x, them.y - me.y) < DUMMY_RANGE && lineOfSight(ARENA_MAP, me, them))) {
      const path = findPath(grid, me, them);
      const dir = steer(me, path?.[Math.min(2, path.length - 1)] ?? them);
      d.moveX = dir.moveX;
      d.moveY = dir.moveY;
    }
    input.send();
  }, 1000 / TICK_HZ);
  return {
    id: room.sessionId,
    leave: async () => {
      clearInterval(timer);
      await room.leave();
    },
  };
}

/** Points the mouse at the dummy while it lives, else at the nearest other living player. */
async function aimAtTarget(page: Page, s: TickfireSurface, dummyId: string): Promise<void> {
  const me = s.self!;
  const others = s.players.filter((p) => p.id !== s.sessionId && p.hp > 0);
  const dist = (p: { x: number; y: number }) => Math.hypot(p.x - me.x, p.y - me.y);
  others.sort((a, b) => dist(a) - dist(b));
  const target = others.find((p) => p.id === dummyId) ?? others[0];
  if (!target) return;
  const at = await worldToPage(page, target.x, target.y);
  await page.mouse.move(at.x, at.y);
}

/** Holds fire, aiming at the nearest enemy, until `done` answers (or the timeout). */
async function fightUntil<T>(page: Page, dummyId: string, what: string, done: (a: Audible) => T | null, timeoutMs: number): Promise<T> {
  await page.mouse.down();
  try {
    return await until(
      what,
      async () => {
        const s = await surface(page);
        if (s?.self) await aimAtTarget(page, s, dummyId);
        return done(await audible(page));
      },
      timeoutMs,
      0,
    );
  } catch (e) {
    await page.screenshot({ path: path.join(ARTIFACTS, "sound-fight-failed.png") }).catch(() => {});
    throw new Error(`${(e as Error).message}\n${JSON.stringify(await audible(page))}`);
  } finally {
    await page.mouse.up();
  }
}

/** What the test sets in the panel: every field away from its default. */
const CHANGED: Settings = { volume: 0.35, muted: true, uiScale: 1.25, palette: "colorblind", touchSensitivity: 1.5 };

const has = (a: Audible, kinds: SoundKind[]) => kinds.every((k) => a.sound.byKind[k] > 0);

describe("sound and settings", () => {
  it("starts on the first input; shots and a fight sound; mute silences; settings survive a reload", async () => {
    const context = await game.browser.newContext({ viewport: { width: 1280, height: 720 } });
    await context.addInitScript(countSourceStarts);
    const page = await context.newPage();

    // Before any input: no audio context at all.
    await page.goto(game.url);
    await page.locator("#settings-gear").waitFor({ timeout: 30_000 });
    let a = await audible(page);
    expect(a.sound.state).toBe("none");
    expect(a.sourceStarts).toBe(0);

    const joined = await quickPlay(page, game.url, "listener");
    // The click on Quick play was the first input: audio runs.
    await until("the audio context runs", async () => (await audible(page)).sound.state === "running");

    const options: BotOptions = {
      url: game.url,
      count: 1,
      room: { kind: "code", code: joined.roomId },
      roomSize: 16,
      duration: 0,
      strategy: "fight",
      ramp: 10,
      seed: 7,
      json: true,
      threads: 1,
    };
    const dummy = await joinDummy(game.url, joined.roomId, joined.sessionId);
    let bots: ReturnType<typeof startBots> | null = null;
    try {
      // The page shoots the dummy as it comes: own shots, and the server's hit confirms.
      await fightUntil(page, dummy.id, "sounds of own shots and hits dealt", (now) => has(now, ["shot", "hitDealt"]), 30_000);
      // Then a fight bot hunts the page: others' shots and hits taken.
      bots = startBots(options);
      const fought: SoundKind[] = ["shot", "enemyShot", "hitDealt", "hitTaken"];
      a = await fightUntil(page, dummy.id, `sounds of ${fought.join(", ")}`, (now) => (has(now, fought) ? now : null), 30_000);
      expect(a.sound.silenced).toBe(0);
      expect(a.sound.started).toBeGreaterThanOrEqual(4);
      // every started cue built at least one real WebAudio source
      expect(a.sourceStarts).toBeGreaterThanOrEqual(a.sound.started);

      // Mute from the panel, in the game; Esc closes the panel and does not leave the game.
      await page.click("#settings-gear");
      await page.locator("#settings-panel").waitFor({ state: "visible" });
      await page.check("#set-mute");
      await page.locator("#set-volume").fill("35");
      await page.check("#set-colorblind");
      await page.locator("#set-ui-scale").fill("125");
      await page.locator("#set-touch").fill("1.5");
      await page.keyboard.press("Escape");
      await page.locator("#settings-panel").waitFor({ state: "hidden" });
      const muted = await audible(page);
      expect(muted.settings).toEqual(CHANGED);
      await page.screenshot({ path: path.join(ARTIFACTS, "settings-in-game.png") });

      // Keep firing: the shots are asked for and counted as silenced, and nothing starts.
      const after = await fightUntil(page, dummy.id, "silenced shots", (now) => (now.sound.silencedByKind.shot >= 2 ? now : null), 20_000);
      expect((await surface(page))?.scene).toBe("Game");
      expect(after.sound.started).toBe(muted.sound.started);
      expect(after.sound.byKind).toEqual(muted.sound.byKind);
      expect(after.sourceStarts).toBe(muted.sourceStarts);
    } finally {
      await dummy.leave();
      await bots?.stop();
    }

    // A reload keeps the settings: on the surface and in the panel.
    await page.reload();
    await page.locator("#settings-gear").waitFor({ timeout: 30_000 });
    const reloaded = await audible(page);
    expect(reloaded.settings).toEqual(CHANGED);
    await page.click("#settings-gear");
    expect(await page.isChecked("#set-mute")).toBe(true);
    expect(await page.isChecked("#set-colorblind")).toBe(true);
    expect(await page.inputValue("#set-volume")).toBe("35");
    expect(await page.inputValue("#set-ui-scale")).toBe("125");
    expect(await page.inputValue("#set-touch")).toBe("1.5");
    await page.screenshot({ path: path.join(ARTIFACTS, "settings-panel.png") });
    await context.close();
  });
});
