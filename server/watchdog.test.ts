import { describe, expect, it } from "vitest";
import { HEALTH_STALL_MS } from "../shared/constants.ts";
import { LoopHeartbeat } from "./watchdog.ts";

function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // block this thread's event loop, as a stuck room would
  }
}

describe("LoopHeartbeat", () => {
  it("reports no stall before it is started, and none while the loop turns", async () => {
    const beat = new LoopHeartbeat();
    expect(beat.recentStallMs()).toBe(0);
    beat.start();
    await new Promise((r) => setTimeout(r, 600));
    expect(beat.recentStallMs()).toBe(0);
    beat.stop();
  });

  it("reports a stall while it lasts and after it, until the window passes", async () => {
    const beat = new LoopHeartbeat().start();
    spin(HEALTH_STALL_MS + 200);
    // Still inside the stall as far as the heartbeat knows: its timer has not run yet.
    expect(beat.recentStallMs()).toBeGreaterThanOrEqual(HEALTH_STALL_MS);
    await new Promise((r) => setTimeout(r, 400));
    const seen = beat.recentStallMs();
    expect(seen).toBeGreaterThanOrEqual(HEALTH_STALL_MS);
    expect(seen).toBeLessThan(HEALTH_STALL_MS + 1000);
    beat.stop();
  });
});
