/**
 * A phone plays: Chromium with mobile emulation (touch, 844x390 landscape) joins a real
 * `npm start`, drives both twin sticks at once with real multi-touch events, and the server
 * sees the player move and its shots fly the way the right thumb points. The chat button
 * opens the chat; portrait shows the "turn your phone" hint.
 */
import path from "node:path";
import { Client, type Room } from "@colyseus/sdk";
import type { CDPSession, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { ARENA_MAP } from "../shared/maps/arena.ts";
import type { ArenaState } from "../shared/schema.ts";
import { until } from "../devkit/wait.ts";
import { ARTIFACTS, quickPlay, surface } from "./helpers/browser.ts";
import { useGameAndBrowser } from "./helpers/game.ts";

const game = useGameAndBrowser();

const PHONE = { width: 844, height: 390 };
/** px of thumb travel: past the dead zone and the fire threshold of a 60 px stick. */
const DRAG = 50;

interface Touch {
  id: number;
  x: number;
  y: number;
}

/** One CDP touch event with every finger currently down (the way a browser reports them). */
async function touch(cdp: CDPSession, type: "touchStart" | "touchMove" | "touchEnd", points: Touch[]): Promise<void> {
  await cdp.send("Input.dispatchTouchEvent", { type, touchPoints: points.map((p) => ({ id: p.id, x: p.x, y: p.y, radiusX: 8, radiusY: 8, force: 1 })) });
}

/** Smallest difference between two angles, rad. */
function angleGap(a: number, b: number): number {
  const d = Math.abs(a - b) % (2 * Math.PI);
  return Math.min(d, 2 * Math.PI - d);
}

/** Resolves once the page has drawn `n` more Game frames (input is read once per frame). */
async function framesLater(page: Page, n: number): Promise<void> {
  const last = async () => (await surface(page))?.frames.at(-1)?.t ?? 0;
  let t = await last();
  for (let i = 0; i < n; i++) {
    const seen = t;
    t = await until(`frame ${i + 1} of ${n}`, async () => {
      const now = await last();
      return now > seen ? now : null;
    });
  }
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, name) });
}

describe("playing on a phone", () => {
  it("twin sticks move and fire together, the chat button chats, portrait asks to turn the phone", async () => {
    const context = await game.browser.newContext({ viewport: PHONE, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    const me = await quickPlay(page, game.url, "thumbs");
    const cdp = await context.newCDPSession(page);
    // A phone is touch-first: the sticks are up before any finger lands.
    await until("touch mode from the device", async () => (await surface(page))?.touch.mode);

    // The server's view, through a plain SDK client in the same room.
    const observer: Room<unknown, ArenaState> = await new Client(game.url).joinById(me.roomId, { name: "observer" });
    const chats: string[] = [];
    observer.onMessage("*", (_type, payload) => chats.push(JSON.stringify(payload)));
    const onServer = () => observer.state?.players?.get(me.sessionId);
    await until("observer sees the phone player", () => onServer());

    // Both thumbs head for the middle of the arena, where there is room to walk and shoot.
    const start = { x: onServer()!.x, y: onServer()!.y };
    const toward = Math.atan2(ARENA_MAP.height / 2 - start.y, ARENA_MAP.width / 2 - start.x);
    const left: Touch = { id: 1, x: 150, y: 270 };
    const right: Touch = { id: 2, x: 690, y: 270 };
    const leftTo: Touch = { ...left, x: left.x + DRAG * Math.cos(toward), y: left.y + DRAG * Math.sin(toward) };
    const rightTo: Touch = { ...right, x: right.x + DRAG * Math.cos(toward), y: right.y + DRAG * Math.sin(toward) };

    const shotsBefore = (await surface(page))!.shotsFired;
    await touch(cdp, "touchStart", [left]);
    await touch(cdp, "touchStart", [left, right]);
    await touch(cdp, "touchMove", [leftTo, rightTo]);

    const held = await until("both sticks held, aim stick firing", async () => {
      const t = (await surface(page))?.touch;
      return t?.mode && t.move.active && t.aim.active && t.firing ? t : null;
    });
    expect(held.compact).toBe(true);
    expect(held.portraitHint).toBe(false);

    // The server sees a shot of ours flying the way the right thumb points...
    const slot = onServer()!.slot;
    const fired = await until(
      "a shot of the phone player on the server",
      () => {
        for (const p of observer.state.projectiles?.values() ?? []) if (p.ownerSlot === slot) return p;
        return null;
      },
      15_000,
    );
    expect(angleGap(fired.angle, toward)).toBeLessThan(0.15);
    // ...and the player walking the way the left thumb points, while still firing.
    const moved = await until(
      "the phone player moved on the server",
      () => {
        const p = onServer()!;
        const along = (p.x - start.x) * Math.cos(toward) + (p.y - start.y) * Math.sin(toward);
        return along > 60 ? { x: p.x, y: p.y, along } : null;
      },
      15_000,
    );
    expect(moved.along).toBeGreaterThan(60);
    await shot(page, "phone-landscape.png");
    expect((await surface(page))!.shotsFired).toBeGreaterThan(shotsBefore);

    // Letting go stops both: no new shots, no more walking.
    await touch(cdp, "touchEnd", []);
    await until("sticks released", async () => {
      const t = (await surface(page))?.touch;
      return t && !t.move.active && !t.aim.active && !t.firing;
    });
    // Still: neither the server position nor the shot count changes for 400 ms (a walk
    // covers 96 u and the gun fires every 267 ms in that time).
    let last = { x: NaN, y: NaN, shots: -1, since: 0 };
    const still = await until("the player stops walking and firing", async () => {
      const p = onServer()!;
      const shots = (await surface(page))!.shotsFired;
      const now = performance.now();
      if (Math.hypot(p.x - last.x, p.y - last.y) >= 1 || shots !== last.shots || Number.isNaN(last.x)) last = { x: p.x, y: p.y, shots, since: now };
      return now - last.since >= 400 ? last : null;
    });
    expect(still.shots).toBeGreaterThan(shotsBefore);

    // The chat button opens the chat field (no Enter key on a phone).
    await page.locator("#chat-button").tap();
    await page.locator("#chat-input").waitFor({ state: "visible" });
    await page.locator("#chat-input").fill("hello from a phone");
    await page.locator("#chat-input").press("Enter");
    await until("the room reads the phone's chat", () => chats.some((c) => c.includes("hello from a phone")));
    await until("the field closed", async () => !(await page.locator("#chat-input").isVisible()));

    // Portrait: the hint covers the game and the sticks rest; landscape plays again.
    await page.setViewportSize({ width: PHONE.height, height: PHONE.width });
    await until("portrait hint", async () => (await surface(page))?.touch.portraitHint);
    expect(await page.locator("#chat-button").isVisible()).toBe(false);
    await touch(cdp, "touchStart", [{ id: 3, x: 100, y: 600 }]);
    await framesLater(page, 3);
    const inPortrait = (await surface(page))!.touch;
    expect(inPortrait.move.active || inPortrait.aim.active).toBe(false);
    await touch(cdp, "touchEnd", []);
    await shot(page, "phone-portrait.png");
    await page.setViewportSize(PHONE);
    await until("landscape again", async () => (await surface(page))?.touch.portraitHint === false);

    await observer.leave();
    await context.close();
  });
});
