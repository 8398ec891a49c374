/** The common setup of browser e2e files: `npm start` and one Chromium, for the whole file. */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { launchChromium } from "./browser.ts";
import { stop } from "../../devkit/process.ts";
import { startGame, type RunningProcess } from "./process.ts";

export interface GameAndBrowser {
  /** the game's URL, e.g. http://127.0.0.1:41234/ (set before the first test). */
  url: string;
  browser: Browser;
}

/** Registers beforeAll/afterAll that start the game and a browser and stop both; `serverEnv`
 *  is added to the game's environment (server bots are off unless it sets FILL_TO). */
export function useGameAndBrowser(serverEnv: Record<string, string> = {}): GameAndBrowser {
  const env = { url: "" } as GameAndBrowser;
  let server: RunningProcess | undefined;
  beforeAll(async () => {
    const game = await startGame(serverEnv);
    server = game.server;
    env.url = game.url;
    env.browser = await launchChromium();
  });
  afterAll(async () => {
    await env.browser?.close();
    if (server) await stop(server);
  });
  return env;
}
