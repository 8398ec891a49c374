/** The netcode bench's Markdown report and summary line, from made-up numbers. */
import { describe, expect, it } from "vitest";
import { emptyStats, summarizeStats } from "./netcode/probe-stats.ts";
import type { ProbeRunResult } from "./netcode/probe-run.ts";
import { parseNetcodeArgs } from "./netcode.ts";
import { checkGoals, netcodeSummaryLine, renderNetcodeMarkdown, type NetcodeRun, type Scenario } from "./lib/netcode-report.ts";

function probe(opts: { corrections: number[]; underruns: number; counted: number; screenHits: number; mismatch?: number; noComp?: number }): ProbeRunResult {
  const s = { ...emptyStats(), probes: 16, reconciles: 10_000, corrections: opts.corrections, frames: 20_000, underruns: opts.underruns, rttMs: [120], delayMs: [90], jitterMs: [6] };
  s.hits = { ...s.hits, fired: 400, spawned: 400, screenHits: opts.screenHits, counted: opts.counted, serverHits: opts.counted + 3, serverOnly: 3 };
  s.hits.missed = { ...s.hits.missed, mismatch: opts.mismatch ?? 0, noCompensation: opts.noComp ?? 0 };
  return { figures: summarizeStats(s), joined: 16, frameGapP99Ms: 18.2, frameGapMaxMs: 25, cpuPct: 30, errors: [] };
}

function scenario(latencyMs: number, jitterMs: number, maxRewindMs: number, p: ProbeRunResult | null): Scenario {
  return { latencyMs, jitterMs, maxRewindMs, probe: p, server: { overruns: 1, ticks: 750, lateP99Ms: 31, lateMaxMs: 33 }, notes: p ? [] : ["server did not start"] };
}

function run(scenarios: Scenario[]): NetcodeRun {
  return { mode: "full", startedAt: "2026-11-22T08:00:00Z", seconds: 230, machine: { cpus: 2, node: "24.21.0", pinned: true }, probes: 16, windowSeconds: 25, scenarios, warnings: [] };
}

const GOOD = run([
  scenario(0, 0, 250, probe({ corrections: [0.2], underruns: 10, counted: 200, screenHits: 201, mismatch: 1 })),
  scenario(0, 0, 0, probe({ corrections: [0.2], underruns: 10, counted: 190, screenHits: 200, noComp: 10 })),
  scenario(100, 20, 250, probe({ corrections: [0.5, 0.9], underruns: 100, counted: 196, screenHits: 200, mismatch: 4 })),
  scenario(100, 20, 0, probe({ corrections: [0.5], underruns: 120, counted: 100, screenHits: 200, noComp: 100 })),
]);

describe("checkGoals", () => {
  it("judges the three goals at 100 ± 20 ms with compensation on", () => {
    const g = checkGoals(GOOD);
    expect(g.map((x) => x.met)).toEqual([true, true, true]);
    expect(g[1]!.measured).toContain("0.50%");
    expect(g[2]!.measured).toContain("98.0% (196 of 200) (± 1.0 points, 1 s.e.)");
    expect(g[2]!.measured).toContain("compensation off in the same run: 50.0% (100 of 200)");
  });
  it("shows the share without shots fired while dead or into its own kill, beside the strict verdict", () => {
    const p = probe({ corrections: [0.5], underruns: 0, counted: 90, screenHits: 100 });
    p.figures.hits.missed = { ...p.figures.hits.missed, shooterDied: 4, overkill: 6 };
    const g = checkGoals(run([scenario(100, 20, 250, p)]))[2]!;
    expect(g.met).toBe(false);
    expect(g.measured).toContain("leaving out the 4 shots fired after the shooter had died on the server and the 6 into a target its own earlier shot had killed: 100.0%");
  });
  it("misses on numbers past a goal, and says not measured without the scenario", () => {
    const bad = run([scenario(100, 20, 250, probe({ corrections: [3], underruns: 400, counted: 90, screenHits: 100 }))]);
    expect(checkGoals(bad).map((x) => x.met)).toEqual([false, false, false]);
    expect(checkGoals(run([scenario(100, 20, 250, null)])).map((x) => x.met)).toEqual([null, null, null]);
  });
});

describe("renderNetcodeMarkdown", () => {
  const md = renderNetcodeMarkdown(GOOD, ["A limit line."]);
  it("has the goals, one row per scenario, the side-by-side hit table and the limits", () => {
    expect(md).toContain("# Tickfire netcode bench (full)");
    expect(md).toContain("| 100 ± 20 ms | on (250 ms) | 16 |");
    expect(md).toContain("| 0 ms | off | 16 |");
    expect(md).toContain("| 100 ± 20 ms | 98.0% (196 of 200) | 50.0% (100 of 200) |");
    expect(md).toContain("compensation off 100");
    expect(md).toContain("- A limit line.");
    expect(md).not.toContain("**missed**");
  });
  it("keeps a failed scenario as a row with its note", () => {
    const out = renderNetcodeMarkdown(run([scenario(200, 40, 0, null)]));
    expect(out).toContain("| 200 ± 40 ms | off |");
    expect(out).toContain("server did not start");
  });
});

describe("netcodeSummaryLine", () => {
  it("names the three figures at 100 ± 20 ms", () => {
    expect(netcodeSummaryLine(GOOD)).toBe(
      "bench:netcode: at 100 ± 20 ms: correction p99 0.90 u (2 corrections), underruns 0.50% of frames, screen hits counted 98.0% with compensation, 50.0% without",
    );
  });
  it("says when there is nothing at 100 ± 20 ms", () => {
    expect(netcodeSummaryLine(run([]))).toContain("no result");
  });
});

describe("parseNetcodeArgs", () => {
  it("reads the modes and refuses a bad window", () => {
    expect(parseNetcodeArgs([])).toMatchObject({ mode: "full", seconds: 25 });
    expect(parseNetcodeArgs(["--quick"])).toMatchObject({ mode: "quick", seconds: 5 });
    expect(parseNetcodeArgs(["--help"])).toBe("help");
    expect(() => parseNetcodeArgs(["--seconds", "1"])).toThrow(/--seconds/);
  });
});
