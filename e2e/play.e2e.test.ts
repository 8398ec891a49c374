import path from "node:path";
import { Client, type Room } from "@colyseus/sdk";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { MAX_HP, PLAYER_RADIUS } from "../shared/constants.ts";
import { ARENA_MAP } from "../shared/maps/arena.ts";
import { buildNavGrid, findPath, lineOfSight, steer } from "../shared/nav.ts";
import type { ArenaState } from "../shared/schema.ts";
import { ARTIFACTS, launchChromium, quickPlay, surface, worldToPage, type PlayerView } from "./helpers/browser.ts";
import { useGameAndBrowser } from "./helpers/game.ts";
import { until } from "../devkit/wait.ts";

const game = useGameAndBrowser();

const KEYS: Record<string, string> = { "1,0": "d", "-1,0": "a", "0,1": "s", "0,-1": "w" };

/** Holds exactly the keys for an 8-way direction (0,0 releases all). */
async function holdDirection(page: Page, held: Set<string>, moveX: number, moveY: number) {
  const want = new Set<string>();
  if (moveX !== 0) want.add(KEYS[`${moveX},0`]!);
  if (moveY !== 0) want.add(KEYS[`0,${moveY}`]!);
  for (const k of held) if (!want.has(k)) await page.keyboard.up(k);
  for (const k of want) if (!held.has(k)) await page.keyboard.down(k);
  held.clear();
  for (const k of want) held.add(k);
}

function find(players: PlayerView[], id: string): PlayerView {
  const p = players.find((q) => q.id === id);
  if (!p) throw new Error(`player ${id} not in view`);
  return p;
}

function distToSegment(p: { x: number; y: number }, a: { x: number; y: number }, b: { x: number; y: number }): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/** Canvas pixels: a screenshot of the canvas alone. */
async function canvasShot(page: Page, name: string): Promise<Buffer> {
  return page.locator("canvas").first().screenshot({ path: path.join(ARTIFACTS, name) });
}

describe("two browsers fight in one arena", () => {
  it("join from the menu, move, chat and shoot; the other page and the server see it", async () => {
    const pageA = await (await game.browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    const pageB = await (await game.browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    const a = await quickPlay(pageA, game.url, "alice");
    const b = await quickPlay(pageB, game.url, "bob");
    expect(b.roomId).toBe(a.roomId);

    // The server's own view, through a plain SDK client in the same room.
    const observer: Room<unknown, ArenaState> = await new Client(game.url).joinById(a.roomId, { name: "observer" });
    observer.onMessage("*", () => {});
    const serverSees = (id: string) => observer.state?.players?.get(id);
    await until("observer has both", () => serverSees(a.sessionId) && serverSees(b.sessionId));
    // The observer is a player too: keep it out of the line of fire.
    const observerPos = () => serverSees(observer.sessionId) ?? { x: -1e4, y: -1e4 };

    // Both pages know each other.
    await until("bob sees alice", async () => (await surface(pageB))?.players.some((p) => p.name === "alice"));
    const startOnB = find((await surface(pageB))!.players, a.sessionId);
    const before = await canvasShot(pageA, "alice-before.png");

    // Alice walks toward Bob until she has a clear shot, steering with real key presses.
    const grid = buildNavGrid(ARENA_MAP);
    const held = new Set<string>();
    await pageA.locator("canvas").first().click({ position: { x: 5, y: 5 }, button: "right" }).catch(() => {});
    const deadline = Date.now() + 60_000;
    let clearShot = false;
    while (Date.now() < deadline) {
      const s = (await surface(pageA))!;
      const me = s.self!;
      const bob = find(s.players, b.sessionId);
      const dist = Math.hypot(bob.x - me.x, bob.y - me.y);
      const obs = observerPos();
      const onScreen = Math.abs(bob.x - me.x) < 560 && Math.abs(bob.y - me.y) < 280;
      if (onScreen && dist > PLAYER_RADIUS * 4 && lineOfSight(ARENA_MAP, me, bob) && distToSegment(obs, me, bob) > PLAYER_RADIUS * 3) {
        clearShot = true;
        break;
      }
      const path = findPath(grid, me, bob);
      const next = path?.[Math.min(2, path.length - 1)] ?? bob;
      const dir = steer(me, next);
      await holdDirection(pageA, held, dir.moveX, dir.moveY);
      await pageA.waitForTimeout(50); // one frame of keyboard state; the loop polls positions
    }
    await holdDirection(pageA, held, 0, 0);
    expect(clearShot).toBe(true);

    const after = await canvasShot(pageA, "alice-after-move.png");
    expect(after.equals(before)).toBe(false);

    // Bob's page and the server both saw Alice move.
    const movedOnB = await until("bob sees alice moved", async () => {
      const p = find((await surface(pageB))!.players, a.sessionId);
      return Math.hypot(p.x - startOnB.x, p.y - startOnB.y) > 100 ? p : null;
    });
    const aliceOnServer = serverSees(a.sessionId)!;
    expect(Math.hypot(aliceOnServer.x - movedOnB.x, aliceOnServer.y - movedOnB.y)).toBeLessThan(60);

    // Chat from the page reaches the other page.
    await pageA.keyboard.press("Enter");
    await pageA.keyboard.type("gl hf");
    await pageA.keyboard.press("Enter");
    await until("bob reads alice's chat", async () => (await surface(pageB))?.chat.some((l) => l.includes("alice") && l.includes("gl hf")));

    // Alice aims at Bob with the mouse and holds fire until Bob is hit.
    const hpBefore = serverSees(b.sessionId)!.hp;
    expect(hpBefore).toBe(MAX_HP);
    const hitDeadline = Date.now() + 20_000;
    await pageA.mouse.move(640, 360);
    let hit = false;
    while (Date.now() < hitDeadline && !hit) {
      const s = (await surface(pageA))!;
      const bob = find(s.players, b.sessionId);
      const target = await worldToPage(pageA, bob.x, bob.y);
      await pageA.mouse.move(target.x, target.y);
      await pageA.mouse.down();
      await pageA.waitForTimeout(100);
      hit = (serverSees(b.sessionId)?.hp ?? MAX_HP) < MAX_HP;
    }
    await pageA.mouse.up();
    expect(hit).toBe(true);
    await canvasShot(pageA, "alice-firing.png");

    // Bob's own page shows the damage, or the death it led to: with lag compensation the
    // shots already in flight may finish him, and he respawns at full health 2 s later.
    // A software-rendered page can run at a few frames a second on a loaded machine.
    await pageB.bringToFront();
    await until(
      "bob's page shows the hit",
      async () => {
        const s = await surface(pageB);
        return s?.self && (s.self.hp < MAX_HP || s.self.deaths > 0);
      },
      30_000,
    );
    await canvasShot(pageB, "bob-hit.png");
    await observer.leave();
  });

  it("plays on the Canvas renderer where WebGL is unavailable", async () => {
    const noGl = await launchChromium(["--disable-webgl", "--disable-3d-apis"]);
    try {
      const page = await (await noGl.newContext({ viewport: { width: 960, height: 600 } })).newPage();
      const s = await quickPlay(page, game.url, "canvas-only");
      expect(s.renderer).toBe("canvas");
      const first = await canvasShot(page, "canvas-renderer.png");
      await page.keyboard.down("s");
      await until("moved on canvas", async () => {
        const now = await surface(page);
        return now?.self && Math.abs(now.self.y - s.self!.y) > 40;
      });
      await page.keyboard.up("s");
      const second = await canvasShot(page, "canvas-renderer-moved.png");
      expect(second.equals(first)).toBe(false);
    } finally {
      await noGl.close();
    }
  });
});
