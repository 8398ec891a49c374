import path from "node:path";
import { Client } from "@colyseus/sdk";
import { describe, expect, it } from "vitest";
import { freePort } from "../devkit/ports.ts";
import { httpOk, stop } from "../devkit/process.ts";
import { until } from "../devkit/wait.ts";
import { ARTIFACTS, launchChromium, surface } from "./helpers/browser.ts";
import { runServer } from "./helpers/process.ts";

describe("visual", () => {
  it("results panel and scoreboard", async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/`;
    const server = runServer(["--port", String(port), "--host", "127.0.0.1", "--round-seconds", "12", "--results-seconds", "30"]);
    const browser = await launchChromium();
    try {
      await until("up", () => httpOk(`${url}healthz`), 30_000);
      const page = await (await browser.newContext({ viewport: { width: 1100, height: 700 } })).newPage();
      await page.goto(url);
      await page.locator("#name").waitFor({ timeout: 30_000 });
      await page.fill("#name", "محمد علي");
      await page.click("#quick-play");
      await until("game", async () => (await surface(page))?.scene === "Game", 30_000);
      const c1 = await new Client(url).joinOrCreate("arena", { name: "👩🏽‍💻 한국어 이름이다" });
      const c2 = await new Client(url).joinOrCreate("arena", { name: "שלום עולם 123" });
      c1.onMessage("*", () => {}); c2.onMessage("*", () => {});
      await page.waitForTimeout(1500);
      await page.keyboard.down("Tab");
      await page.waitForTimeout(800);
      await page.screenshot({ path: path.join(ARTIFACTS, "tmp-tab.png") });
      await page.keyboard.up("Tab");
      await page.locator("#results").waitFor({ timeout: 40_000 });
      await page.waitForTimeout(500);
      await page.screenshot({ path: path.join(ARTIFACTS, "tmp-results.png") });
      await page.keyboard.press("Escape");
      await page.waitForTimeout(300);
      await page.screenshot({ path: path.join(ARTIFACTS, "tmp-leave.png") });
      expect(true).toBe(true);
    } finally {
      await browser.close();
      await stop(server);
    }
  });
});
