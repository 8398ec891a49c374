import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SDK_BACKOFF, reconnectRetriesFor } from "./reconnect.ts";

/** Total wait before the last of `n` attempts under the SDK's backoff. */
function waitedMs(n: number, maxDelayMs: number): number {
  let total = 0;
  for (let a = 0; a < n; a++) total += Math.min(maxDelayMs, Math.max(SDK_BACKOFF.minDelayMs, 2 ** a * SDK_BACKOFF.delayMs));
  return total;
}

describe("reconnectRetriesFor", () => {
  it("no hold, no retries", () => {
    expect(reconnectRetriesFor(0)).toBe(0);
  });

  it("covers the hold at any setting and backoff cap, and stops within one wait of its end", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 600 }), fc.integer({ min: 200, max: 10_000 }), (hold, maxDelayMs) => {
        const n = reconnectRetriesFor(hold, { ...SDK_BACKOFF, maxDelayMs });
        expect(waitedMs(n, maxDelayMs)).toBeGreaterThanOrEqual(hold * 1000);
        expect(waitedMs(n - 1, maxDelayMs)).toBeLessThan(hold * 1000);
      }),
    );
  });

  it("at the default 20 s hold and a 2 s cap: 14 attempts, the last 21.1 s after the drop", () => {
    const n = reconnectRetriesFor(20, { ...SDK_BACKOFF, maxDelayMs: 2000 });
    expect(n).toBe(14);
    expect(waitedMs(n, 2000)).toBe(21_100);
  });
});
