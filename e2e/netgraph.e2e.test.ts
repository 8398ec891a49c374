/**
 * The net graph in a real browser against the real server: F3 shows it with live numbers
 * (RTT, patches/s, bytes both ways, the server's step times from the room's `stats`
 * message), F3 again hides it. Read through window.__tickfire.netGraph.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SERVER_STATS_EVERY_MS } from "../shared/constants.ts";
import { ARTIFACTS, quickPlay, surface } from "./helpers/browser.ts";
import { useGameAndBrowser } from "./helpers/game.ts";
import { until } from "../devkit/wait.ts";

const game = useGameAndBrowser();

describe("net graph", () => {
  it("F3 shows live link, interpolation and server tick numbers; F3 again hides it", async () => {
    const page = await (await game.browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    const warnings: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "warning" || m.type() === "error") warnings.push(m.text());
    });
    await quickPlay(page, game.url, "grapher");
    expect((await surface(page))!.netGraph.visible).toBe(false); // off by default

    // Keys go to the page, not a leftover menu field.
    await page.locator("canvas").first().click({ position: { x: 5, y: 5 }, button: "right" }).catch(() => {});
    await page.keyboard.press("F3");
    // The room's stats go out every SERVER_STATS_EVERY_MS; a slow software-rendered page
    // refreshes late, so allow a few seconds beyond that.
    const shown = await until(
      "the net graph with RTT, patches and the server's tick",
      async () => {
        const g = (await surface(page))!.netGraph;
        const d = g.data;
        return g.visible && d && d.rttMs > 0 && d.patchesPerS > 0 && d.downBps > 0 && d.upBps > 0 && d.serverTick ? g : null;
      },
      SERVER_STATS_EVERY_MS + 8000,
    );
    const d = shown.data!;
    const tick = d.serverTick!;
    console.log(`net graph in the e2e run:\n${shown.lines.join("\n")}`);
    expect(d.rttMs).toBeLessThan(500); // loopback
    expect(d.patchesPerS).toBeGreaterThan(5); // 30 Hz server, a slow page still counts them all
    expect(d.interpDelayMs).toBeGreaterThan(0);
    expect(tick.tickP50Ms).toBeGreaterThan(0);
    expect(tick.tickP50Ms).toBeLessThanOrEqual(tick.tickP99Ms);
    expect(tick.tickP99Ms).toBeLessThanOrEqual(tick.tickMaxMs);
    expect(tick.tickMaxMs).toBeLessThan(100);
    // What is on screen says the same: the server line has numbers, not the dash.
    expect(shown.lines.join("\n")).toMatch(/server +tick p50 \d+\.\d\d/);
    await page.locator("canvas").first().screenshot({ path: path.join(ARTIFACTS, "netgraph.png") });

    await page.keyboard.press("F3");
    await until("the net graph hidden again", async () => (await surface(page))!.netGraph.visible === false);
    // The client handles the room's `stats` message: the SDK warned about none.
    expect(warnings.filter((w) => w.includes("not registered"))).toEqual([]);
  });
});
