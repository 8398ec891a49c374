/** Unit tests for the pure parts of the bench: parsing, rates, combining, formatting. */
import { describe, expect, it } from "vitest";
import { descendants, parseCpuTimes, parseProcStat, parseVmRssBytes, type ProcStat } from "./lib/proc.ts";
import { metric, parsePrometheus, tickMetrics } from "./lib/prom.ts";
import { checkTargets, fmt, ratio, renderMarkdown, summaryLine } from "./lib/report.ts";
import { botErrors, combineChunks, expectedPatchHz, patchRateNotes, serverArgs } from "./lib/step.ts";
import { COLORS, escapeXml, linearTicks, logTicks, renderSvg } from "./lib/svg.ts";
import { SIDE_LABEL, type BenchRun, type Side, type StepResult } from "./lib/types.ts";
import { hexRows, truncate, windowRates, type WireFile } from "./lib/wire.ts";
import { SERVER_NODE_FLAGS } from "../server/node-flags.ts";

describe("/proc parsing", () => {
  it("reads state, ppid, utime and stime after a command name with spaces and parentheses", () => {
    const line = "4242 (node (x) y) S 17 4242 17 0 -1 4194560 1234 0 0 0 250 75 3 4 20 0 11 0 9999 123456 2000 rest";
    expect(parseProcStat(line)).toEqual({ pid: 4242, state: "S", ppid: 17, utime: 250, stime: 75 });
  });
  it("reads VmRSS in bytes, 0 without it", () => {
    expect(parseVmRssBytes("Name:\tnode\nVmRSS:\t  123456 kB\nThreads:\t11\n")).toBe(123456 * 1024);
    expect(parseVmRssBytes("Name:\tzombie\n")).toBe(0);
  });
  it("reads per-core busy and total ticks from /proc/stat", () => {
    const cpus = parseCpuTimes("cpu  10 1 5 100 4 1 1 2 7 0\ncpu0 6 0 3 50 2 1 0 1 0 0\ncpu1 4 1 2 50 2 0 1 1\nintr 1 2 3\n");
    expect(cpus.get("cpu")).toEqual({ busy: 20, irq: 2, total: 124 });
    expect(cpus.get("cpu1")).toEqual({ busy: 9, irq: 1, total: 61 });
    expect(cpus.has("intr")).toBe(false);
  });
  it("collects a process and its descendants only", () => {
    const p = (pid: number, ppid: number): ProcStat => ({ pid, ppid, state: "S", utime: 0, stime: 0 });
    const table = [p(1, 0), p(10, 1), p(11, 10), p(12, 11), p(20, 1)];
    expect(descendants(10, table).map((x) => x.pid).sort()).toEqual([10, 11, 12]);
    expect(descendants(99, table)).toEqual([]);
  });
});

const METRICS = `# HELP tickfire_tick_duration_seconds Time one step took.
# TYPE tickfire_tick_duration_seconds summary
tickfire_tick_duration_seconds{quantile="0.5"} 0.0005
tickfire_tick_duration_seconds{quantile="0.99"} 0.002
tickfire_tick_duration_seconds{quantile="1"} 0.004
tickfire_tick_duration_seconds_sum 1.5
tickfire_tick_duration_seconds_count 3000
tickfire_tick_lateness_seconds{quantile="0.5"} 0.001
tickfire_tick_lateness_seconds{quantile="0.99"} 0.025
tickfire_tick_lateness_seconds{quantile="1"} 0.07
tickfire_ticks_total 3000
tickfire_tick_overruns_total 2
tickfire_rooms 4
tickfire_players 64
process_cpu_seconds_total 12.25
process_resident_memory_bytes 1.5e8
`;

describe("Prometheus text", () => {
  it("parses names, labels (with escapes) and values, skipping comments", () => {
    const s = parsePrometheus(`# c\nx{a="1",b="q\\"t"} 3 1700000000\ny +Inf\n\nz NaN\n`);
    expect(s[0]).toEqual({ name: "x", labels: { a: "1", b: 'q"t' }, value: 3 });
    expect(metric(s, "y")).toBe(Infinity);
    expect(metric(s, "z")).toBeNaN();
    expect(metric(s, "x", { a: "2" })).toBeUndefined();
  });
  it("reads the tick metrics the bench needs, and fails loudly when one is missing", () => {
    expect(tickMetrics(METRICS)).toEqual({
      p50: 0.0005, p99: 0.002, max: 0.004, lateP50: 0.001, lateP99: 0.025, lateMax: 0.07,
      count: 3000, sumSeconds: 1.5, overruns: 2, rooms: 4, players: 64, cpuSeconds: 12.25, rssBytes: 1.5e8,
    });
    expect(() => tickMetrics(METRICS.replace(/tickfire_players 64\n/, ""))).toThrow(/tickfire_players/);
    expect(() => tickMetrics(METRICS.replace(/tickfire_tick_lateness_seconds\{quantile="0.99"\} 0.025\n/, ""))).toThrow(/tickfire_tick_lateness_seconds/);
  });
});

describe("window arithmetic", () => {
  const w = (thread: number, t: number, down: number, patches: number): WireFile => ({
    t, pid: 1, thread, sockets: 1, down, up: down / 10, messagesDown: patches, messagesUp: patches, patches, patchBytes: down, sample: null,
  });
  it("sums per-thread rates over each thread's own timestamps, skipping threads not seen at both edges", () => {
    const a = new Map([["1-1", w(1, 1000, 0, 0)], ["1-2", w(2, 1100, 500, 5)]]);
    const b = new Map([["1-1", w(1, 3000, 2000, 60)], ["1-2", w(2, 2100, 1500, 35)], ["1-3", w(3, 2000, 9e9, 9e9)]]);
    const r = windowRates(a, b);
    expect(r.threads).toBe(2);
    expect(r.down).toBeCloseTo(1000 + 1000);
    expect(r.patches).toBeCloseTo(30 + 30);
  });
  it("combines chunk summaries: median p50, worst p99 and max", () => {
    expect(combineChunks([{ p50: 1, p99: 2, max: 3 }, { p50: 3, p99: 9, max: 4 }, { p50: 2, p99: 1, max: 8 }])).toEqual({ p50: 2, p99: 9, max: 8 });
    expect(combineChunks([]).p99).toBeNaN();
  });
  it("reads the error count from either bots summary", () => {
    expect(botErrors({ errors: 3 })).toBe(3);
    expect(botErrors({ errors: { count: 4, samples: [] } })).toBe(4);
    expect(botErrors({ summary: { errors: 0 } })).toBe(0);
    expect(botErrors(null)).toBeNaN();
  });
});

describe("sides", () => {
  const c = { roomSize: 16, tickHz: 30 };
  it("starts the 15 Hz side as the real server with --ticks-per-patch 2, the default side with 1, the baseline without", () => {
    const col = serverArgs("colyseus", 4000, c);
    const col15 = serverArgs("colyseus15", 4000, c);
    const json = serverArgs("json", 4000, c);
    expect(col).toContain("server/index.ts");
    expect(col15).toContain("server/index.ts");
    expect(col.slice(0, SERVER_NODE_FLAGS.length)).toEqual(SERVER_NODE_FLAGS);
    expect(col.slice(col.indexOf("--ticks-per-patch"), col.indexOf("--ticks-per-patch") + 2)).toEqual(["--ticks-per-patch", "1"]);
    expect(col15.slice(col15.indexOf("--ticks-per-patch"), col15.indexOf("--ticks-per-patch") + 2)).toEqual(["--ticks-per-patch", "2"]);
    expect(json[0]).toBe("bench/baseline/json-server.ts");
    expect(json).not.toContain("--ticks-per-patch");
    for (const args of [col, col15, json]) expect(args.slice(args.indexOf("--tick-hz"), args.indexOf("--tick-hz") + 2)).toEqual(["--tick-hz", "30"]);
  });
  it("compares state messages against each side's patch rate, not the tick rate", () => {
    expect(expectedPatchHz("colyseus", 30)).toBe(30);
    expect(expectedPatchHz("colyseus15", 30)).toBe(15);
    expect(patchRateNotes("colyseus15", 15, 30)).toEqual([]);
    expect(patchRateNotes("colyseus", 29.5, 30)).toEqual([]);
    expect(patchRateNotes("colyseus15", 12, 30)).toEqual(["bots received 12.0 state messages/s per player, below the 15 Hz patch rate (30 Hz tick ÷ 2)"]);
    expect(patchRateNotes("colyseus", 15, 30)).toEqual(["bots received 15.0 state messages/s per player, below the 30 Hz patch rate (every tick)"]);
    expect(patchRateNotes("colyseus15", 30, 30)[0]).toMatch(/above the 15 Hz patch rate .*--ticks-per-patch/);
    expect(patchRateNotes("json", 20, 30)[0]).toMatch(/below the 30 Hz/);
  });
});

const DOWN: Record<Side, number> = { colyseus: 1500, colyseus15: 900, json: 30000 };

function result(side: Side, target: number, over: Partial<StepResult> = {}): StepResult {
  return {
    side, target, players: target, botsConnected: target, rooms: target / 16, windowSeconds: 15,
    tick: { p50Ms: 0.5, p99Ms: 2, maxMs: 4, meanMs: 0.6, steps: 450, overruns: 0, lateP50Ms: 0.2, lateP99Ms: 1.5, lateMaxMs: 3 },
    serverCpu: target * 0.0004, botsCpu: 0.5, serverCpuSelf: target * 0.0004, otherCpu: { core0: 0, core1: 0, irq0: 0, irq1: 0 }, serverRssBytes: 150 * 2 ** 20,
    downBps: DOWN[side], upBps: 300, patchBytes: 50, patchRate: side === "colyseus15" ? 15 : 30, inputRate: 30,
    cpuPerPlayerPct: 0.04, playersPerCore: 2500, errors: 0, notes: [], ...over,
  };
}

const ALL: Side[] = ["colyseus", "colyseus15", "json"];
const allSides = (steps: number[]) => steps.flatMap((n) => ALL.map((side) => result(side, n)));

function benchRun(results: StepResult[], steps = [16, 512]): BenchRun {
  return {
    mode: "full", startedAt: "2026-01-01T00:00:00Z", seconds: 300, machine: { cpus: 2, node: "24.0.0", pinned: true },
    steps, holdSeconds: 15, results, samples: [{ side: "json", bytes: 10, shown: '{"a":1}', kind: "text" }], warnings: [],
  };
}

describe("report", () => {
  it("formats numbers and ratios", () => {
    expect(fmt(1234.56)).toBe("1,235");
    expect(fmt(0.04321, 3)).toBe("0.043");
    expect(fmt(NaN)).toBe("n/a");
    expect(ratio(21000, 1450)).toBe("14.5x");
    expect(ratio(1, 0)).toBe("n/a");
  });
  it("judges every target on the default Colyseus side's measured numbers", () => {
    const run = benchRun([
      ...allSides([16]),
      result("colyseus", 512, { tick: { p50Ms: 1, p99Ms: 6, maxMs: 9, meanMs: 1, steps: 1, overruns: 0, lateP50Ms: 0, lateP99Ms: 0, lateMaxMs: 0 } }),
      result("colyseus15", 512),
      result("json", 512),
    ]);
    const main = checkTargets(run).filter((t) => t.side === undefined);
    expect(main.map((t) => t.met)).toEqual([true, false, true, true, true]);
  });
  it("adds a 15 Hz line under the CPU and bandwidth targets, judged on its own numbers without changing the verdict", () => {
    const run = benchRun([
      ...allSides([16]),
      result("colyseus", 512, { downBps: 2500, cpuPerPlayerPct: 0.04 }),
      result("colyseus15", 512, { downBps: 1200, cpuPerPlayerPct: 0.06, playersPerCore: 1667 }),
      result("json", 512),
    ]);
    const checks = checkTargets(run);
    expect(checks).toHaveLength(7);
    const cpu = checks.findIndex((t) => t.what.startsWith("≤ 0.05% of a core"));
    const down = checks.findIndex((t) => t.what.startsWith("≤ 2,000 B/s"));
    expect(checks[cpu]!.met).toBe(true);
    expect(checks[cpu + 1]).toMatchObject({ side: "colyseus15", met: false, measured: "0.060% at 512 players (1,667 per core)" });
    expect(checks[cpu + 1]!.what).toContain("--ticks-per-patch 2");
    expect(checks[down]).toMatchObject({ met: false });
    expect(checks[down]!.measured).toMatch(/^2,500 B\/s \(worst step: 512 players/);
    expect(checks[down + 1]).toMatchObject({ side: "colyseus15", met: true });
    expect(checks[down + 1]!.measured).toMatch(/^1,200 B\/s \(worst step: 512 players/);
    expect(checks.filter((t) => t.side !== undefined)).toHaveLength(2);
  });
  it("says 'not measured' rather than guessing when the run stops below 512 or a side is missing", () => {
    expect(checkTargets(benchRun(allSides([16]), [16])).filter((t) => t.met === null)).toHaveLength(2);
    const no15 = checkTargets(benchRun([result("colyseus", 16), result("json", 16)], [16]));
    expect(no15.filter((t) => t.met === null)).toHaveLength(4);
    expect(no15.filter((t) => t.side === "colyseus15").every((t) => t.measured === "not measured")).toBe(true);
  });
  it("writes every side's row with the lateness column, the ratios to each Colyseus side and the one-line summary", () => {
    const run = benchRun(allSides([16, 512]).map((r) => (r.side === "colyseus15" ? { ...r, cpuPerPlayerPct: 0.03, tick: { ...r.tick, lateP99Ms: 40.25, lateMaxMs: 66.5 } } : r)));
    const md = renderMarkdown(run);
    expect(md).toContain("| tick mean ms | overruns | tick late p99 / max ms |");
    expect(md).toContain("| 512 | Colyseus, patch every tick (30 Hz) | 32 | 0.50 / 2.00 / 4.00 | 0.60 | 0 | 1.50 / 3.00 |");
    expect(md).toContain("| 512 | Colyseus, patch every 2nd tick (15 Hz) | 32 | 0.50 / 2.00 / 4.00 | 0.60 | 0 | 40.25 / 66.50 |");
    const rows = md.split("\n").filter((l) => /^\| 512 \| (Colyseus|JSON)/.test(l)).map((l) => l.split(" | ")[1]);
    expect(rows).toEqual([SIDE_LABEL.colyseus, SIDE_LABEL.colyseus15, SIDE_LABEL.json]);
    expect(md).toContain("| 512 | 1,500 | 900 | 30,000 | 20.0x | 33.3x | 0.040 | 0.030 | 0.040 | 1.0x | 1.3x |");
    expect(md).toMatch(/\| ↳ same target, `--ticks-per-patch 2`.* \| 900 B\/s \(worst step: 16 players.* \| met \|/);
    expect(md).toContain("issues/324");
    expect(md).toContain("up to 5 catch-up steps");
    expect(summaryLine(run)).toBe(
      "bench: 512 players: tick p99 2.0 ms, 0 overruns, 0.040% core/player, 1,500 B/s down/player (patch every 2nd tick (15 Hz): 900 B/s; JSON baseline 30,000 B/s: 20.0x), RSS 150 MB",
    );
    expect(summaryLine(benchRun([result("colyseus", 512)], [512]))).toContain("(patch every 2nd tick (15 Hz): n/a B/s)");
  });
});

describe("svg", () => {
  it("picks round axis ticks", () => {
    expect(linearTicks(4.4)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(logTicks(900, 45000)).toEqual([100, 1000, 10000, 100000]);
  });
  it("escapes text and draws one line per side per panel, each in its own colour with a legend entry", () => {
    expect(escapeXml(`a<b & "c"`)).toBe("a&lt;b &amp; &quot;c&quot;");
    const svg = renderSvg(benchRun(allSides([16, 512])));
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.match(/<polyline/g)).toHaveLength(6);
    expect(new Set(Object.values(COLORS)).size).toBe(3);
    for (const side of ALL) {
      expect(svg.match(new RegExp(`<polyline[^>]*stroke="${COLORS[side]}"`, "g"))).toHaveLength(2);
      expect(svg).toContain(`fill="${COLORS[side]}"/><text`);
      expect(svg).toContain(`>${escapeXml(SIDE_LABEL[side])}</text>`);
    }
  });
  it("formats samples", () => {
    expect(hexRows("0f8001", 2)).toBe("0f 80\n01");
    expect(truncate("abcdef", 3)).toBe("abc… (3 more characters)");
  });
});
