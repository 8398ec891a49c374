/** Unit tests of the soak's numbers and report. */
import { describe, expect, it } from "vitest";
import { errorTotal, growthPct, renderSoakMarkdown, slope, summarize, summaryLines, type ErrorCounts, type SoakRun, type SoakSample } from "./soak-report.ts";

const MB = 1024 * 1024;
const NO_ERRORS: ErrorCounts = { botErrors: 0, botDrops: 0, botDisconnects: 0, botWarnings: 0, serverErrorLines: 0, scrapeFailures: 0, serverExit: 0 };

function sample(t: number, rssMB: number, heapMB: number, warmup = t < 60): SoakSample {
  return { t, atSeconds: t, warmup, rssBytes: rssMB * MB, heapUsedBytes: heapMB * MB + 7 * MB, heapFloorBytes: heapMB * MB, tickP99Ms: 1 + t / 600, overruns: t / 60, rooms: 16, clients: 256, botsConnected: 256, errorsSoFar: 0 };
}

function run(samples: SoakSample[], over: Partial<SoakRun> = {}): SoakRun {
  return {
    startedAt: "2026-01-01T00:00:00Z",
    seconds: 620,
    options: { minutes: 10, bots: 256, sampleSeconds: 60, churn: 16, seed: 1 },
    warmupSeconds: 60,
    machine: { cpus: 2, node: "24.21.0", pinned: true, loadAvg1: { start: 0.1, end: 1.5 } },
    server: { args: ["server/index.ts"], crashed: null, shutdown: 0 },
    ramp: { seconds: 8.2, reached: true, players: 256 },
    samples,
    errors: NO_ERRORS,
    serverWarningLines: 0,
    serverLines: [],
    botNotes: [],
    churnCycles: 20,
    interrupted: false,
    notes: [],
    ...over,
  };
}

describe("soak numbers", () => {
  it("growth in % and least-squares trends", () => {
    expect(growthPct(100, 105)).toBeCloseTo(5);
    expect(growthPct(0, 5)).toBeNaN();
    expect(growthPct(100, NaN)).toBeNaN();
    expect(slope([{ x: 0, y: 1 }, { x: 1, y: 3 }, { x: 2, y: 5 }])).toBeCloseTo(2);
    expect(slope([{ x: 1, y: 1 }])).toBeNaN();
    expect(slope([{ x: 1, y: 1 }, { x: 1, y: 2 }])).toBeNaN();
  });
  it("measures from the first sample after the warm-up to the last, and checks the goals", () => {
    const s = summarize(run([sample(0, 150, 30), sample(60, 180, 40), sample(300, 185, 44), sample(600, 189, 42)]));
    expect(s.baseline?.t).toBe(60);
    expect(s.last?.t).toBe(600);
    expect(s.rssGrowthPct).toBeCloseTo(5);
    expect(s.heapGrowthPct).toBeCloseTo(5);
    expect(s.rssTrendMBPerMin).toBeGreaterThan(0);
    expect(s.tickP99.worstMs).toBeCloseTo(2);
    expect(s.overruns).toBe(10);
    expect(s.goals.map((g) => g.met)).toEqual([true, true]);
    expect(s.goals[0]!.goal).toContain("this run 10 min, 256 bots");
  });
  it("misses the goals on growth, on errors, and without samples after the warm-up", () => {
    const grew = summarize(run([sample(60, 100, 40), sample(600, 111, 40)], { errors: { ...NO_ERRORS, botDrops: 2, serverErrorLines: 1 } }));
    expect(grew.rssGrowthPct).toBeCloseTo(11);
    expect(grew.errors).toBe(3);
    expect(grew.goals.map((g) => g.met)).toEqual([false, false]);
    const short = summarize(run([sample(0, 100, 40), sample(60, 100, 40)]));
    expect(short.rssGrowthPct).toBeNaN();
    expect(short.goals[0]!.met).toBe(false);
    expect(short.goals[0]!.measured).toMatch(/not measured/);
  });
  it("says the goal is for 30 min with 256 bots only when the run was not", () => {
    const full = run([sample(60, 100, 40), sample(1800, 101, 40)], { options: { minutes: 30, bots: 256, sampleSeconds: 60, churn: 16, seed: 1 } });
    expect(summarize(full).goals[0]!.goal).toBe("RSS growth after warm-up < 10% (30 min, 256 bots)");
  });
  it("counts every kind of error once", () => {
    expect(errorTotal({ botErrors: 1, botDrops: 2, botDisconnects: 3, botWarnings: 4, serverErrorLines: 5, scrapeFailures: 6, serverExit: 1 })).toBe(22);
  });
});

describe("soak report", () => {
  const r = run([sample(0, 150, 30), sample(60, 180, 40), sample(600, 189, 42)], {
    serverLines: [{ line: "Error: `x`", kind: "error", stream: "stderr", count: 2 }],
    botNotes: [{ message: "dropped, reconnecting: 1006", count: 1 }],
    server: { args: ["server/index.ts"], crashed: { code: 1, atSeconds: 300 }, shutdown: null },
  });
  it("prints the summary with both goals and the crash", () => {
    const text = summaryLines(r).join("\n");
    expect(text).toMatch(/^Tickfire soak: 256 bots \(240 fight all along \+ 16 chaos/);
    expect(text).toContain("RSS    180.0 MB → 189.0 MB after warm-up: +5.0%");
    expect(text).toContain("heap   floor 40.0 MB → 42.0 MB after warm-up: +5.0% (trend +0.22 MB/min); in use at those samples 47.0 → 49.0 MB");
    expect(text).toMatch(/goal {3}0 errors .*: MISSED/);
    expect(text).toContain("server exited on its own (1) 5 min after the ramp");
  });
  it("renders a sample table row per sample, with NaN as n/a", () => {
    const md = renderSoakMarkdown(run([sample(0, 150, 30), { ...sample(60, 180, 40), rssBytes: NaN, heapUsedBytes: NaN }]));
    expect(md).toContain("| 0 | warm-up | 150.0 | 37.0 | 30.0 | 1.00 | 0 | 16 | 256 | 256 | 0 |");
    expect(md).toContain("| 1 | measured | n/a | n/a | 40.0 | 1.10 | 1 | 16 | 256 | 256 | 0 |");
    const withLines = renderSoakMarkdown(r);
    expect(withLines).toContain("- 2× (error, stderr) `Error: 'x'`");
    expect(withLines).toContain("- 1× dropped, reconnecting: 1006");
    expect(withLines).toContain("| **missed** |");
  });
});
