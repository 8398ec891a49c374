/**
 * The browser through the latency lab (100 ± 20 ms round trip): the local player's sprite
 * moves on the first rendered frame whose input step carried the key press, while the
 * server's state the client holds still has it standing. Read through
 * window.__tickfire.frames.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARENA_MAP } from "../shared/maps/arena.ts";
import { movePlayer } from "../shared/sim/index.ts";
import { startLatencyProxy, type LatencyProxy } from "../lab/latency-proxy.ts";
import { launchChromium, quickPlay, surface } from "./helpers/browser.ts";
import { stop } from "../devkit/process.ts";
import { until } from "../devkit/wait.ts";
import { startGame, type RunningProcess } from "./helpers/process.ts";

let server: RunningProcess;
let proxy: LatencyProxy;
let browser: Browser;

beforeAll(async () => {
  let port: number;
  ({ server, port } = await startGame());
  proxy = await startLatencyProxy({ target: { host: "127.0.0.1", port }, latencyMs: 100, jitterMs: 20, seed: 9 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await proxy?.close();
  if (server) await stop(server);
});

const DIRECTIONS = [
  { key: "d", moveX: 1, moveY: 0 },
  { key: "a", moveX: -1, moveY: 0 },
  { key: "s", moveX: 0, moveY: 1 },
  { key: "w", moveX: 0, moveY: -1 },
];

describe("the browser through the latency lab", () => {
  it("the own sprite moves on the first rendered frame after a key press", async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    const joined = await quickPlay(page, proxy.url, "laggy");
    // through the lab, the client's own round trip estimate shows the added latency
    expect(joined.sessionId).not.toBe("");
    await until("an RTT estimate showing the lab's 100 ms", async () => (await page.evaluate(() => window.__tickfire?.rttMs ?? 0)) > 80);

    // a direction with open floor from where we stand (spawns can be next to a wall)
    const at = (await surface(page))!.self!;
    const open = DIRECTIONS.find((d) => {
      const body = { x: at.x, y: at.y, hp: 100 };
      movePlayer(body, { moveX: d.moveX, moveY: d.moveY, aim: 0, fire: false }, 0.2, ARENA_MAP);
      return Math.hypot(body.x - at.x, body.y - at.y) > 20;
    })!;
    expect(open).toBeDefined();

    const pressedAt = await page.evaluate(() => performance.now());
    await page.keyboard.down(open.key);
    const first = await until(
      "a frame that sent the move",
      async () => {
        const frames = (await surface(page))!.frames;
        const i = frames.findIndex((f) => f.t > pressedAt && f.moveSent);
        return i > 0 ? { before: frames[i - 1]!, at: frames[i]! } : null;
      },
      5000,
    );
    await page.keyboard.up(open.key);

    const moved = (first.at.selfX - first.before.selfX) * open.moveX + (first.at.selfY - first.before.selfY) * open.moveY;
    expect(moved).toBeGreaterThan(0);
    // drawn from the prediction: in that frame the server's state had not moved us yet
    expect(first.at.serverX).toBe(first.before.serverX);
    expect(first.at.serverY).toBe(first.before.serverY);
    expect(first.at.serverX).toBe(at.x);
    expect(first.at.serverY).toBe(at.y);
  });
});
