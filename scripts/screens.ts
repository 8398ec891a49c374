/**
 * `npm run screens`: fresh screenshots of the game for docs/screens.md. Starts `npm start`
 * with short rounds, a handful of headless fight bots (`bots/cli.ts`, so there is someone to
 * fight), and headless Chromium, then plays: the menu, a fight, being killed, the round's
 * results, and the same on a phone-sized touch screen (844x390). Every step waits for a
 * condition the page reports (window.__tickfire), never a fixed time, and fails with what it
 * was waiting for. The pictures are written only once every step has one, so a failed run
 * leaves the last gallery whole. About two minutes.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { npmStart, REPO_ROOT } from "../devkit/npm-start.ts";
import { startNode, stop, type Proc } from "../devkit/process.ts";
import { until } from "../devkit/wait.ts";
import { fitUnder, SCREEN_MAX_BYTES } from "./screens-shrink.ts";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../devkit/chromium.ts";

const OUT_DIR = path.join(REPO_ROOT, "docs", "screens");
const GALLERY = path.join(REPO_ROOT, "docs", "screens.md");
/** Short rounds so the results screen comes within the run; a kill limit no bot reaches first. */
const SERVER_ARGS = ["--round-seconds", "45", "--results-seconds", "20", "--kill-limit", "100"];
const BOTS = 6;
/** ms: how long a step may wait (a death can need the bots to find us; results a whole round). */
const STEP_MS = 120_000;

/** What this script reads of the client's window.__tickfire (client/debug.ts). */
interface Surface {
  scene: string;
  self: { x: number; y: number; hp: number; deaths: number } | null;
  players: { id: string; x: number; y: number; hp: number }[];
  sessionId: string;
  round: { phase: "playing" | "results" } | null;
  frames: { t: number }[];
  lastError: string;
}

interface Shot {
  file: string;
  caption: string;
  png: Buffer;
  width: number;
  height: number;
}

async function surface(page: Page): Promise<Surface | null> {
  return page.evaluate(() => {
    const t = (window as unknown as { __tickfire?: unknown }).__tickfire;
    return t ? (JSON.parse(JSON.stringify(t)) as Surface) : null;
  });
}

/** Waits for `check` on the page's surface, failing with `what` and the last surface seen. */
async function waitFor<T>(page: Page, what: string, check: (s: Surface) => T | null | false | undefined | Promise<T | null | false | undefined>, timeoutMs = STEP_MS): Promise<T> {
  let last: Surface | null = null;
  try {
    return await until(what, async () => {
      last = await surface(page);
      return last ? check(last) : null;
    }, timeoutMs, 100);
  } catch (e) {
    const seen = last as Surface | null;
    const brief = seen && { scene: seen.scene, self: seen.self, players: seen.players.length, round: seen.round, lastError: seen.lastError };
    throw new Error(`${(e as Error).message}; last seen: ${JSON.stringify(brief)}`);
  }
}

/** Waits until the Game scene has drawn frames for `ms` after now, so what just changed is on screen. */
async function framesDrawn(page: Page, ms = 250): Promise<void> {
  const now = await page.evaluate(() => performance.now());
  await waitFor(page, "frames drawn after the change", (s) => s.frames.some((f) => f.t > now + ms), 10_000);
}

function nearestEnemy(s: Surface): { x: number; y: number; d: number } | null {
  const me = s.self;
  if (!me) return null;
  let best: { x: number; y: number; d: number } | null = null;
  for (const p of s.players) {
    if (p.id === s.sessionId || p.hp <= 0) continue;
    const d = Math.hypot(p.x - me.x, p.y - me.y);
    if (!best || d < best.d) best = { x: p.x, y: p.y, d };
  }
  return best;
}

/** Holds the WASD keys that head toward (dx, dy); releases the others. */
async function steer(page: Page, held: Set<string>, dx: number, dy: number): Promise<void> {
  const want = new Set<string>();
  if (Math.abs(dx) > 40) want.add(dx > 0 ? "d" : "a");
  if (Math.abs(dy) > 40) want.add(dy > 0 ? "s" : "w");
  for (const k of [...held]) if (!want.has(k)) {
    await page.keyboard.up(k);
    held.delete(k);
  }
  for (const k of want) if (!held.has(k)) {
    await page.keyboard.down(k);
    held.add(k);
  }
}

async function capture(page: Page, file: string, caption: string): Promise<Shot> {
  const raw = await page.screenshot({ type: "png" });
  const viewport = page.viewportSize() ?? { width: 0, height: 0 };
  const fitted = await fitUnder(page.context().browser()!, raw, viewport.width, viewport.height);
  console.log(`screens: ${file}: ${fitted.width}x${fitted.height}, ${(fitted.png.length / 1000).toFixed(0)} kB${fitted.png.length > SCREEN_MAX_BYTES ? " (over the size goal)" : ""}`);
  return { file, caption, ...fitted };
}

async function openMenu(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await waitFor(page, "the menu", (s) => s.scene === "Menu");
  await page.locator("#name").waitFor({ timeout: 30_000 });
}

async function quickPlay(page: Page, name: string): Promise<void> {
  await page.fill("#name", name);
  await page.click("#quick-play");
  await waitFor(page, `${name} in the Game scene`, (s) => s.scene === "Game" && s.self && s.round, 30_000);
}

async function desktop(browser: Browser, url: string): Promise<Shot[]> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
  const shots: Shot[] = [];
  await openMenu(page, url);
  // the bots' arena is in the live list before the picture is taken
  await page.locator("#room-list li:not(.tf-empty)").first().waitFor({ timeout: 30_000 });
  shots.push(await capture(page, "menu.png", "Menu: pilot name, quick play, private rooms and the live arenas (here the bots' arena)."));

  await quickPlay(page, "you");
  const held = new Set<string>();
  // Walk toward the nearest bot, aim at it and fire: a fight in the picture.
  await waitFor(page, "a bot within fighting range", async (s) => {
    const e = nearestEnemy(s);
    if (e && s.self) await steer(page, held, e.x - s.self.x, e.y - s.self.y);
    return e && s.self && s.self.hp > 0 && e.d < 450;
  });
  await steer(page, held, 0, 0);
  // Fire at the nearest bot, following it, until shots have been drawn for a while.
  const box = await page.locator("canvas").first().boundingBox();
  const firedAt = await page.evaluate(() => performance.now());
  await page.mouse.down();
  await waitFor(page, "shots fired at the nearest bot", async (s) => {
    const e = nearestEnemy(s);
    if (e) {
      const aim = await page.evaluate(([x, y]) => (window as unknown as { __tickfire: { worldToScreen(x: number, y: number): { x: number; y: number } } }).__tickfire.worldToScreen(x!, y!), [e.x, e.y]);
      await page.mouse.move((box?.x ?? 0) + aim.x, (box?.y ?? 0) + aim.y);
    }
    return s.frames.some((f) => f.t > firedAt + 600);
  }, 15_000);
  shots.push(await capture(page, "fight.png", "Fight: against headless bots, firing at the nearest; the HUD, minimap, kill feed and chat."));
  await page.mouse.up();

  // Death (walking into the bots without firing back) and the round's results, in
  // whichever order the round brings them.
  let death: Shot | null = null;
  let results: Shot | null = null;
  while (!death || !results) {
    const wanted = !death && !results ? "being killed by the bots, or the round's results" : death ? "the round's results" : "being killed by the bots";
    const event = await waitFor(page, wanted, async (s) => {
      if (!death && s.round?.phase === "playing" && s.self && s.self.hp <= 0) return "death";
      if (!results && s.round?.phase === "results") return "results";
      const e = nearestEnemy(s);
      if (!death && e && s.self) await steer(page, held, e.x - s.self.x, e.y - s.self.y);
      return null;
    });
    // at once: the dead respawn after 2 s, and a loaded machine draws a few frames a second
    if (event === "death") death = await capture(page, "death.png", "Death: what the player sees when killed, before the respawn.");
    await steer(page, held, 0, 0);
    if (event === "results") {
      await framesDrawn(page, 300);
      results = await capture(page, "results.png", "Results: the round is over; the winner and the standings.");
    }
  }
  shots.push(death, results);
  await page.context().close();
  return shots;
}

async function phone(browser: Browser, url: string): Promise<Shot[]> {
  const context = await browser.newContext({ viewport: { width: 844, height: 390 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const shots: Shot[] = [];
  await openMenu(page, url);
  shots.push(await capture(page, "phone-menu.png", "Phone menu: landscape, 844x390, touch emulation."));
  await quickPlay(page, "phone");
  await waitFor(page, "a round in play", (s) => s.round?.phase === "playing" && s.self && s.self.hp > 0);
  await framesDrawn(page, 400);
  shots.push(await capture(page, "phone-game.png", "Phone game: landscape, in the arena."));
  await context.close();
  return shots;
}

function gallery(shots: Shot[]): string {
  const lines = [
    "# Screens",
    "",
    `Taken by \`npm run screens\` (scripts/screens.ts) on ${new Date().toISOString().slice(0, 10)}: \`npm start -- ${SERVER_ARGS.join(" ")}\`, ${BOTS} headless fight bots, headless Chromium (software WebGL, so the fps figure in the corner is low). Run it again after changing the UI: it rewrites every picture and this page.`,
    "",
  ];
  for (const s of shots) {
    // "Title: what it shows" gives the heading and the line under it
    const [title, ...rest] = s.caption.split(": ");
    const text = rest.join(": ");
    lines.push(`## ${title}`, "", `${text.charAt(0).toUpperCase()}${text.slice(1)} (${s.width}x${s.height})`, "", `![${title}](screens/${s.file})`, "");
  }
  return lines.join("\n");
}

async function main(): Promise<number> {
  const started = performance.now();
  const game = await npmStart(SERVER_ARGS);
  let bots: Proc | undefined;
  let browser: Browser | undefined;
  try {
    bots = startNode("bots", ["bots/cli.ts", "--url", game.url, "--count", String(BOTS), "--strategy", "fight"], { cwd: REPO_ROOT });
    await until(`${BOTS} bots in the game`, async () => {
      if (bots!.child.exitCode !== null) throw new Error(`the bots exited: ${bots!.output().slice(-2000)}`);
      const health = (await (await fetch(new URL("healthz", game.url))).json()) as { players: number };
      return health.players >= BOTS;
    }, 60_000, 250);
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
    const shots = [...(await desktop(browser, game.url)), ...(await phone(browser, game.url))];
    mkdirSync(OUT_DIR, { recursive: true });
    for (const s of shots) writeFileSync(path.join(OUT_DIR, s.file), s.png);
    writeFileSync(GALLERY, gallery(shots));
    console.log(`screens: wrote ${shots.length} pictures to docs/screens/ and docs/screens.md in ${Math.round((performance.now() - started) / 1000)} s`);
    return 0;
  } finally {
    await browser?.close();
    if (bots) await stop(bots);
    await stop(game.proc);
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`screens: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
