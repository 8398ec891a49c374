import { describe, expect, it } from "vitest";
import { ROOM_TICK_CAPACITY, serverStats } from "./server-stats.ts";
import { TickStats } from "./tick-stats.ts";

describe("server stats message", () => {
  it("reports one room's step-time quantiles in ms, rounded to 0.01", () => {
    const stats = new TickStats(ROOM_TICK_CAPACITY);
    // 100 steps of 0.1234 .. 12.34 ms, all ending around t = 10 s
    for (let i = 1; i <= 100; i++) stats.record(10_000, 10_000, 10_000 + i * 0.1234, 33);
    expect(serverStats(stats, 11_000)).toEqual({ tickP50Ms: 6.17, tickP99Ms: 12.22, tickMaxMs: 12.34 });
  });

  it("forgets steps older than the window, and says 0 when there are none", () => {
    const stats = new TickStats(ROOM_TICK_CAPACITY);
    expect(serverStats(stats, 0)).toEqual({ tickP50Ms: 0, tickP99Ms: 0, tickMaxMs: 0 });
    stats.record(0, 0, 40, 33); // a 40 ms warm-up step
    expect(serverStats(stats, 1_000).tickMaxMs).toBe(40);
    expect(serverStats(stats, 60_000)).toEqual({ tickP50Ms: 0, tickP99Ms: 0, tickMaxMs: 0 });
  });

  it("a room's small ring still covers the window at the top tick rate", () => {
    const stats = new TickStats(ROOM_TICK_CAPACITY);
    // 5 s at 120 Hz: one 9 ms step first, then 1 ms steps; the 9 ms one must still count
    const step = 1000 / 120;
    stats.record(0, 0, 9, step);
    for (let i = 1; i < 600; i++) stats.record(i * step, i * step, i * step + 1, step);
    expect(serverStats(stats, 4_999).tickMaxMs).toBe(9);
  });
});
