import { describe, expect, it } from "vitest";
import { NetStats, type NetCounters } from "./netStats.ts";

const at = (patches: number, down: number, up: number, corrections: number): NetCounters => ({ patches, down, up, corrections });

describe("net stats rates", () => {
  it("is all zero on the first reading", () => {
    expect(new NetStats(1000).sample(5_000, at(10, 500, 100, 1))).toEqual({ patchesPerS: 0, downBps: 0, upBps: 0, correctionsPerS: 0 });
  });

  it("rates over what there is until a window has passed", () => {
    const s = new NetStats(1000);
    s.sample(0, at(0, 0, 0, 0));
    // 500 ms in: 15 patches, 2000 B down, 500 B up, 1 correction
    expect(s.sample(500, at(15, 2000, 500, 1))).toEqual({ patchesPerS: 30, downBps: 4000, upBps: 1000, correctionsPerS: 2 });
  });

  it("slides: readings older than the window stop counting", () => {
    const s = new NetStats(1000);
    // 30 patches/s and 4 kB/s for 2 s, sampled 4 times a second...
    for (let t = 0; t <= 2000; t += 250) s.sample(t, at((t / 1000) * 30, (t / 1000) * 4000, t, 0));
    // ...then nothing arrives for a second: the rate falls to 0, it does not halve
    let last = s.sample(2250, at(60, 8000, 2000, 0));
    expect(last.patchesPerS).toBeCloseTo(22.5, 6); // the window 1250..2250 holds 750 ms of flow
    for (let t = 2500; t <= 3250; t += 250) last = s.sample(t, at(60, 8000, 2000, 0));
    expect(last.patchesPerS).toBe(0);
    expect(last.downBps).toBe(0);
  });

  it("keeps the window steady when read every frame", () => {
    const s = new NetStats(1000);
    let r = s.sample(0, at(0, 0, 0, 0));
    for (let f = 1; f <= 300; f++) {
      const t = f * (1000 / 60);
      r = s.sample(t, at(Math.floor(t / (1000 / 30)), Math.floor(t * 3.9), 0, 0));
    }
    expect(r.patchesPerS).toBeGreaterThan(29);
    expect(r.patchesPerS).toBeLessThan(31);
    expect(r.downBps).toBeCloseTo(3900, -1);
  });

  it("never reports a negative rate if a counter goes back", () => {
    const s = new NetStats(1000);
    s.sample(0, at(100, 100, 100, 100));
    expect(s.sample(500, at(0, 0, 0, 0))).toEqual({ patchesPerS: 0, downBps: 0, upBps: 0, correctionsPerS: 0 });
  });
});
