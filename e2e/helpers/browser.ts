/**
 * Headless Debian Chromium through playwright-core, and the page-side test surface the
 * client publishes as window.__tickfire.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import type { TickfireDebug, TickfirePlayer } from "../../client/debug.ts";
import { until } from "../../devkit/wait.ts";
import { ROOT } from "./process.ts";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../../devkit/chromium.ts";

export const ARTIFACTS = path.join(ROOT, "e2e", "artifacts");


export async function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/** The page-side test surface, as client/debug.ts publishes it (minus its functions). */
export type TickfireSurface = Omit<TickfireDebug, "worldToScreen">;
export type PlayerView = TickfirePlayer;

export async function surface(page: Page): Promise<TickfireSurface | null> {
  return page.evaluate(() => {
    const t = (window as unknown as { __tickfire?: unknown }).__tickfire;
    return t ? (JSON.parse(JSON.stringify(t)) as TickfireSurface) : null;
  });
}

/** Opens the menu, enters a name and presses Quick play; resolves once in the Game scene. */
export async function quickPlay(page: Page, url: string, name: string): Promise<TickfireSurface> {
  const errors: string[] = [];
  const consoleLines: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  await page.goto(url);
  await page.locator("#name").waitFor({ timeout: 30_000 });
  await page.fill("#name", name);
  await page.click("#quick-play");
  let last: TickfireSurface | null = null;
  try {
    return await until(
      `${name} in the Game scene`,
      async () => {
        if (errors.length) throw new Error(`page error: ${errors.join("; ")}`);
        last = await surface(page);
        return last && last.scene === "Game" && last.sessionId && last.self ? last : null;
      },
      30_000,
    );
  } catch (e) {
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}-join-failed.png`) }).catch(() => {});
    const seen = last as TickfireSurface | null;
    const detail = JSON.stringify(seen && { ...seen, players: seen.players.length, chat: seen.chat.slice(-5) });
    throw new Error(`${(e as Error).message}\nsurface: ${detail}\nconsole:\n${consoleLines.slice(-15).join("\n")}`);
  }
}

/** Screen position (CSS px, page coordinates) of a world point, from the client's camera. */
export async function worldToPage(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
  const canvasBox = await page.locator("canvas").first().boundingBox();
  if (!canvasBox) throw new Error("no canvas on the page");
  const p = await page.evaluate(
    ([wx, wy]) => (window as unknown as { __tickfire: { worldToScreen(x: number, y: number): { x: number; y: number } } }).__tickfire.worldToScreen(wx!, wy!),
    [x, y],
  );
  return { x: canvasBox.x + p.x, y: canvasBox.y + p.y };
}
