import { describe, expect, it } from "vitest";
import { CorrectionLog } from "./corrections.ts";
import { UnderrunCounter } from "./interp.ts";
import { NetGraphFeed, type NetReadings } from "./netGraph.ts";

describe("net graph feed", () => {
  it("combines the link, byte and patch rates, interpolation, prediction and server tick", () => {
    const bytes = { down: 0, up: 0 };
    const feed = new NetGraphFeed(bytes, 1000);
    const underruns = new UnderrunCounter();
    const corrections = new CorrectionLog(96);
    const readings: NetReadings = { rttMs: 42, jitterMs: 3, interpDelayMs: 67, underruns, corrections };

    const first = feed.read(0, readings);
    expect(first.patchesPerS).toBe(0);
    expect(first.serverTick).toBeNull();

    for (let i = 0; i < 30; i++) feed.patches++;
    bytes.down += 4000;
    bytes.up += 900;
    for (let f = 0; f < 100; f++) underruns.frame(f < 2 ? 20 : 0, 10); // 2 of 100 frames ran past
    corrections.record(500, 0.5);
    corrections.record(600, 1.5);
    corrections.record(700, 200); // a respawn teleport: not a correction
    feed.serverTick = { tickP50Ms: 0.21, tickP99Ms: 0.8, tickMaxMs: 1.2 };

    const d = feed.read(1000, readings);
    expect(d).toEqual({
      rttMs: 42,
      jitterMs: 3,
      patchesPerS: 30,
      downBps: 4000,
      upBps: 900,
      interpDelayMs: 67,
      underruns: 2,
      underrunPct: 2,
      correctionsPerS: 2,
      correctionP50: 0.5,
      correctionP99: 1.5,
      serverTick: { tickP50Ms: 0.21, tickP99Ms: 0.8, tickMaxMs: 1.2 },
    });
  });
});
