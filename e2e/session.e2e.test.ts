/**
 * Sessions that do not lose the player, against `npm start` and Chromium: a refresh
 * rejoins the same seat with its name and score (no ghost, no "alice#2"); a private
 * room's invite link joins that room; a room code of the wrong length is refused with
 * its own message; Esc asks before leaving, and a player who left is not rejoined by a
 * refresh.
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { startBots } from "../bots/run.ts";
import { freePort } from "../devkit/ports.ts";
import { httpOk, stop } from "../devkit/process.ts";
import { until } from "../devkit/wait.ts";
import { ROOM_CODE_PROBLEM } from "../shared/room-code.ts";
import { ARTIFACTS, surface, type TickfireSurface } from "./helpers/browser.ts";
import { useGameAndBrowser } from "./helpers/game.ts";
import { runServer } from "./helpers/process.ts";

const game = useGameAndBrowser();

async function newPage(): Promise<Page> {
  const page = await (await game.browser.newContext({ viewport: { width: 1100, height: 700 } })).newPage();
  page.on("pageerror", (e) => console.error(`page error: ${e.message}`));
  return page;
}

/** Resolves once the page plays in a room (optionally: that room, that session). */
function inGame(page: Page, what: string, want: { roomId?: string; sessionId?: string } = {}): Promise<TickfireSurface> {
  return until(
    what,
    async () => {
      const s = await surface(page);
      if (!s || s.scene !== "Game" || !s.sessionId || !s.self) return null;
      if (want.roomId && s.roomId !== want.roomId) return null;
      if (want.sessionId && s.sessionId !== want.sessionId) return null;
      return s;
    },
    30_000,
  );
}

async function menu(page: Page): Promise<void> {
  await page.locator("#name").waitFor({ timeout: 30_000 });
}

describe("sessions that do not lose you", () => {
  let code = "";
  let alice: Page;

  it("a private room shows its invite link, and opening the link joins that room", async () => {
    alice = await newPage();
    await alice.goto(game.url);
    await menu(alice);
    await alice.fill("#name", "alice");
    await alice.click("#create-private");
    const a = await inGame(alice, "alice in her private room");
    code = a.roomId;
    expect(code).toMatch(/^[A-Z0-9]{5}$/);
    const link = await alice.locator("#invite-link").inputValue();
    expect(link).toBe(`${game.url}?room=${code}`);
    await alice.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await alice.click("#invite-copy");
    await until("the link on the clipboard", async () => (await alice.evaluate(() => navigator.clipboard.readText())) === link);

    const friend = await newPage();
    await friend.goto(link);
    const f = await inGame(friend, "the friend in alice's room", { roomId: code });
    const names = f.players.map((p) => p.name);
    expect(names).toHaveLength(2);
    expect(names).toContain("alice");
    expect(names.find((n) => n !== "alice")).toMatch(/^pilot-\d{3}$/);
    // the code is taken off the address: a refresh rejoins the seat, not the link
    expect(new URL(friend.url()).searchParams.has("room")).toBe(false);
    // leaves on purpose (a closed tab would keep its seat for a reconnection)
    await friend.keyboard.press("Escape");
    await friend.click("#leave-confirm");
    await until("the friend is back in the menu", async () => (await surface(friend))?.scene === "Menu");
    await friend.close();
  });

  it("a refresh rejoins the same seat with name and score kept", async () => {
    // The friend's tab had the front: a page in the background draws no frames, and the
    // debug surface this test reads is written by the game loop.
    await alice.bringToFront();
    // Fight bots in alice's room give her a score: she stands still, they shoot her. Four,
    // so that on a loaded machine (a few frames a second) one finds her well inside the wait.
    const bots = startBots({ url: game.url.replace(/\/$/, ""), count: 4, room: { kind: "code", code }, roomSize: 16, duration: 0, strategy: "fight", ramp: 10, seed: 7, json: true, threads: 1 });
    let before: TickfireSurface;
    try {
      before = await until(
        "alice has died at least once",
        async () => {
          const s = await surface(alice);
          return s?.self && s.self.deaths > 0 ? s : null;
        },
        60_000,
      );
    } finally {
      await bots.stop();
    }
    // the bots are gone: nothing changes her score from here on
    before = await until("only alice is left", async () => {
      const s = await surface(alice);
      return s && s.players.length === 1 ? s : null;
    });
    const score = { kills: before.self!.kills, deaths: before.self!.deaths };
    expect(score.deaths).toBeGreaterThan(0);

    await alice.reload();
    const after = await inGame(alice, "alice back after the refresh", { roomId: code, sessionId: before.sessionId });
    const me = after.players.find((p) => p.id === before.sessionId)!;
    expect(me.name).toBe("alice");
    expect({ kills: me.kills, deaths: me.deaths }).toEqual(score);
    // one alice, no ghost of the old tab and no "alice#2"
    expect(after.players.map((p) => p.name)).toEqual(["alice"]);
    await alice.locator("canvas").first().screenshot({ path: path.join(ARTIFACTS, "session-after-refresh.png") });
  });

  it("Esc asks before leaving; after leaving, a refresh does not rejoin", async () => {
    await alice.locator("canvas").first().click({ position: { x: 5, y: 5 }, button: "right" }).catch(() => {});
    await alice.keyboard.press("Escape");
    await alice.locator("#leave-dialog").waitFor({ state: "visible" });
    expect((await surface(alice))?.scene).toBe("Game");
    await alice.keyboard.press("Escape"); // Esc again: stay
    await alice.locator("#leave-dialog").waitFor({ state: "detached" });
    expect((await surface(alice))?.scene).toBe("Game");

    await alice.keyboard.press("Escape");
    await alice.click("#leave-confirm");
    await until("alice is back in the menu", async () => (await surface(alice))?.scene === "Menu");
    await alice.reload();
    await menu(alice);
    // The Menu's first frames would already be joining if a seat were still saved.
    const seat = await alice.evaluate(() => sessionStorage.getItem("tickfire.seat"));
    expect(seat).toBeNull();
    expect((await surface(alice))?.scene).toBe("Menu");
  });

  it("a room code of the wrong length says so, typed or in a link", async () => {
    await alice.fill("#join-code", "AB2");
    await alice.click("#join-code-btn");
    await until("the length message", async () => (await alice.textContent("#menu-error")) === `${ROOM_CODE_PROBLEM.length}; that one has 3.`);
    await alice.goto(`${game.url}?room=ABCDEFG`);
    await menu(alice);
    await until("the length message for the link", async () => (await alice.textContent("#menu-error")) === `${ROOM_CODE_PROBLEM.length}; that one has 7.`);
    expect((await surface(alice))?.scene).toBe("Menu");
  });

  it("the results screen marks your line and Play again puts it away; after a server restart the menu offers Quick play once the server answers again", async () => {
    // A second server process of its own, serving the client npm start built, with short
    // rounds and long results; stopped with SIGTERM (a restart or a deploy) and started
    // again on the same port.
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/`;
    const args = ["--port", String(port), "--host", "127.0.0.1", "--round-seconds", "5", "--results-seconds", "60"];
    let server = runServer(args);
    try {
      await until("the second server answers", () => httpOk(`${url}healthz`), 30_000);
      const page = await newPage();
      await page.goto(url);
      await menu(page);
      await page.fill("#name", "dana");
      await page.click("#quick-play");
      await inGame(page, "in a game on the second server");

      await page.locator("#results").waitFor({ state: "visible", timeout: 30_000 });
      expect(await page.textContent("#results-title")).toBe("ROUND 1 · DRAW"); // nobody scored
      expect(await page.locator("#results-table .tf-me span").allTextContents()).toEqual(["1", "dana", "0", "0", "–"]);
      expect(await page.textContent("#results-you")).toBe("You: 1st · 0 kills · 0 deaths · no shots fired");
      await page.click("#play-again");
      await page.locator("#results").waitFor({ state: "detached" });
      expect((await surface(page))?.scene).toBe("Game");

      await stop(server);
      await until("back in the menu, waiting for the server", async () => (await surface(page))?.scene === "Menu" && (await page.textContent("#quick-play")) === "Waiting for the server…");
      expect(await page.isDisabled("#quick-play")).toBe(true);

      server = runServer(args);
      await until("Quick play offered again", async () => (await page.textContent("#quick-play")) === "Quick play" && !(await page.isDisabled("#quick-play")), 30_000);
      expect(await page.textContent("#menu-error")).toBe("The server is back. Press Quick play.");
      await page.click("#quick-play");
      await inGame(page, "playing on the restarted server");
      await page.close();
    } finally {
      await stop(server);
    }
  });
});
