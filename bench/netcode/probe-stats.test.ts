/** Merging probes' measurements and turning them into the bench's figures. */
import { describe, expect, it } from "vitest";
import { emptyStats, mergeStats, quantileWithZeros, summarizeStats } from "./probe-stats.ts";

describe("quantiles", () => {
  it("counts zeros that were never stored", () => {
    expect(quantileWithZeros([2, 8], 98, 0.99)).toBe(2);
    expect(quantileWithZeros([2, 8], 98, 1)).toBe(8);
    expect(quantileWithZeros([2, 8], 198, 0.99)).toBe(0);
    expect(quantileWithZeros([], 0, 0.5)).toBe(0);
  });
});

describe("mergeStats and summarizeStats", () => {
  it("sums two probes and reports corrections alive and dead, underruns and the hit share", () => {
    const a = { ...emptyStats(), probes: 1, reconciles: 100, corrections: [0.5, 2], frames: 600, underruns: 3, rttMs: [110], headroomMs: [40, 60, -5] };
    a.episodes.serverGap = 2;
    a.hits = { ...a.hits, screenHits: 10, counted: 9 };
    const b = { ...emptyStats(), probes: 1, reconciles: 50, deadCorrections: [8], teleports: 1, hpOnly: 4, frames: 400, underruns: 7, rttMs: [130] };
    b.episodes.lateArrival = 1;
    b.hits = { ...b.hits, screenHits: 10, counted: 10 };
    const f = summarizeStats(mergeStats(a, b));
    expect(f.probes).toBe(2);
    expect(f.corrections).toMatchObject({ reconciles: 150, count: 3, p50: 2, p99: 8, max: 8, teleports: 1, hpOnly: 4 });
    expect(f.corrections.alive).toEqual({ count: 2, p99: 2, max: 2 });
    expect(f.corrections.dead).toEqual({ count: 1, p99: 8, max: 8 });
    expect(f.corrections.p99AllReconciles).toBe(2);
    expect(f.underruns).toMatchObject({ frames: 1000, underruns: 10, pct: 1 });
    expect(f.underruns.episodes).toEqual({ serverGap: 2, lateArrival: 1, renderClock: 0, unended: 0 });
    expect(f.hits.sharePct).toBe(95);
    expect(f.rttMsP50).toBe(110);
    expect(f.headroomMs).toEqual({ p1: -5, p50: 40, min: -5 });
  });
  it("has no hit share without screen hits", () => {
    expect(summarizeStats(emptyStats()).hits.sharePct).toBeNull();
  });
});
