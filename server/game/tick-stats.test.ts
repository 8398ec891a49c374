import { describe, expect, it } from "vitest";
import { renderMetrics } from "../metrics.ts";
import { StepSchedule, TickStats } from "./tick-stats.ts";

describe("tick stats", () => {
  it("counts a step as an overrun only when it starts more than one tick late", () => {
    const stats = new TickStats();
    stats.record(0, 10, 11, 33.3); // 10 ms late: fine
    stats.record(33.3, 33.3 + 34, 33.3 + 35, 33.3); // 34 ms late: overrun
    expect(stats.ticks).toBe(2);
    expect(stats.overruns).toBe(1);
    expect(stats.busySeconds).toBeCloseTo(0.002, 9);
    expect(stats.lateness([0.5, 1], 100)).toEqual([0.01, 0.034]);
  });

  it("reports quantiles of step time over the last 5 s only", () => {
    const stats = new TickStats();
    stats.record(0, 0, 50, 33); // a 50 ms warm-up step, long ago
    for (let i = 1; i <= 100; i++) stats.record(10_000, 10_000, 10_000 + i / 10, 33); // 0.1 .. 10 ms
    const [p50, p99, max] = stats.quantiles([0.5, 0.99, 1], 11_000);
    expect(p50).toBeCloseTo(0.005, 9);
    expect(p99).toBeCloseTo(0.0099, 9);
    expect(max).toBeCloseTo(0.01, 9);
    expect(stats.quantiles([1], 5_000)).toEqual([0.05]); // the warm-up step, while still recent
    expect(stats.quantiles([0.5], 60_000)).toEqual([0]);
    expect(new TickStats().quantiles([0.5], 0)).toEqual([0]);
  });

  it("schedules steps back to back and drops a long backlog like Colyseus does", () => {
    const s = new StepSchedule(10);
    expect(s.due(100)).toBe(100);
    expect(s.due(112)).toBe(110);
    expect(s.due(112)).toBe(120); // a catch-up step in the same timer pass was due later
    expect(s.due(500)).toBe(500); // a hitch: re-anchored, not 38 steps "late" forever
  });

  it("renders Prometheus text", () => {
    const stats = new TickStats();
    stats.record(0, 40, 42, 33);
    const text = renderMetrics(stats, { rooms: 2, players: 5 }, 100, { user: 1_500_000, system: 500_000 }, 123);
    expect(text).toContain('tickfire_tick_duration_seconds{quantile="0.99"} 0.002');
    expect(text).toContain("tickfire_tick_overruns_total 1");
    expect(text).toContain('tickfire_tick_lateness_seconds{quantile="1"} 0.04');
    expect(text).toContain("tickfire_players 5");
    expect(text).toContain("process_cpu_seconds_total 2");
    expect(text).toContain("process_resident_memory_bytes 123");
    for (const line of text.trim().split("\n")) expect(line).toMatch(/^(# (HELP|TYPE) \w+ .+|\w+(\{[^}]*\})? [\d.e+-]+)$/);
  });

  it("renders the V8 heap in use next to the resident memory", () => {
    const text = renderMetrics(new TickStats(), { rooms: 0, players: 0 }, 0, { user: 0, system: 0 }, 123, { heapUsed: 456, heapTotal: 1, external: 1, arrayBuffers: 1 });
    expect(text).toContain("# TYPE tickfire_heap_used_bytes gauge");
    expect(text).toContain("tickfire_heap_used_bytes 456");
    expect(renderMetrics(new TickStats(), { rooms: 0, players: 0 })).toMatch(/^tickfire_heap_used_bytes [1-9]\d*$/m);
  });

  it("renders where the rest of the memory sits: V8 heap reserved, external, ArrayBuffers", () => {
    const mem = { heapUsed: 456, heapTotal: 789, external: 1011, arrayBuffers: 1213 };
    const text = renderMetrics(new TickStats(), { rooms: 0, players: 0 }, 0, { user: 0, system: 0 }, 123, mem);
    expect(text).toContain("tickfire_heap_used_bytes 456");
    expect(text).toContain("process_heap_total_bytes 789");
    expect(text).toContain("nodejs_external_memory_bytes 1011");
    expect(text).toContain("nodejs_array_buffers_bytes 1213");
    for (const name of ["process_heap_total_bytes", "nodejs_external_memory_bytes", "nodejs_array_buffers_bytes"]) expect(text).toContain(`# TYPE ${name} gauge`);
    expect(renderMetrics(new TickStats(), { rooms: 0, players: 0 })).toMatch(/^process_heap_total_bytes [1-9]\d*$/m);
  });
});
