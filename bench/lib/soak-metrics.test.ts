/** Unit tests of what the soak reads from the server: /metrics and log lines. */
import { describe, expect, it } from "vitest";
import { renderMetrics } from "../../server/metrics.ts";
import { TickStats } from "../../server/game/tick-stats.ts";
import { LogWatch, classifyLine, readServerMetrics } from "./soak-metrics.ts";

describe("soak /metrics reading", () => {
  it("reads memory, tick and load from the server's own text", () => {
    const stats = new TickStats();
    stats.record(0, 40, 42, 33);
    const text = renderMetrics(stats, { rooms: 3, players: 40, clients: 41 }, 100, { user: 0, system: 0 }, 200 * 1024 * 1024, { heapUsed: 50 * 1024 * 1024, heapTotal: 1, external: 1, arrayBuffers: 1 });
    const r = readServerMetrics(text);
    expect(r).toMatchObject({ rssBytes: 200 * 1024 * 1024, heapUsedBytes: 50 * 1024 * 1024, rooms: 3, players: 40, clients: 41, overruns: 1, ticks: 1 });
    expect(r.tickP99).toBeCloseTo(0.002);
  });
  it("reads the V8 heap reserved and the memory outside it", () => {
    const mem = { heapUsed: 5, heapTotal: 6, external: 7, arrayBuffers: 8 };
    const r = readServerMetrics(renderMetrics(new TickStats(), { rooms: 0, players: 0 }, 0, { user: 0, system: 0 }, 1, mem));
    expect(r).toMatchObject({ heapUsedBytes: 5, heapTotalBytes: 6, externalBytes: 7, arrayBuffersBytes: 8 });
    expect(readServerMetrics(renderMetrics(new TickStats(), { rooms: 0, players: 0 }).replace(/^nodejs_external_memory_bytes .*$/m, "")).externalBytes).toBeNaN();
  });
  it("gives NaN for a heap or clients the server does not report", () => {
    const text = renderMetrics(new TickStats(), { rooms: 0, players: 0 }, 0, { user: 0, system: 0 }, 1, { heapUsed: 2, heapTotal: 1, external: 1, arrayBuffers: 1 }).replace(/^tickfire_heap_used_bytes .*$/m, "");
    const r = readServerMetrics(text);
    expect(r.heapUsedBytes).toBeNaN();
    expect(r.clients).toBeNaN();
  });
  it("throws on text without the tick summary", () => {
    expect(() => readServerMetrics("up 1\n")).toThrow(/no tickfire_tick_duration_seconds/);
  });
});

describe("soak server log lines", () => {
  it("tells errors and warnings from chatter; stack frames are not errors of their own", () => {
    expect(classifyLine("Error: boom")).toBe("error");
    expect(classifyLine("TypeError: x is undefined")).toBe("error");
    expect(classifyLine("Unhandled promise rejection")).toBe("error");
    expect(classifyLine("    at ArenaRoom.onMessage (file:///x.ts:1:2)")).toBe("other");
    expect(classifyLine("(node:123) MaxListenersExceededWarning: Possible EventEmitter memory leak")).toBe("warning");
    expect(classifyLine("Tickfire is running. Open http://127.0.0.1:1/ in two browser tabs to play.")).toBe("other");
    expect(classifyLine("")).toBe("other");
  });
  it("counts lines split across chunks, keeps distinct examples with counts", () => {
    const w = new LogWatch();
    w.feed("stdout", "Tickfire is running.\nMonitor: off\n");
    w.feed("stderr", "Error: bo");
    w.feed("stderr", "om\n    at f (x.ts:1:2)\nError: boom\nsomething odd\n(node:1) Warning: careful\n");
    w.feed("stderr", "RangeError: last words");
    expect(w.errors).toBe(2);
    w.flush();
    expect(w.errors).toBe(3);
    expect(w.warnings).toBe(1);
    expect(w.otherStderr).toBe(1);
    expect(w.examples()).toEqual([
      { line: "Error: boom", kind: "error", stream: "stderr", count: 2 },
      { line: "something odd", kind: "other", stream: "stderr", count: 1 },
      { line: "(node:1) Warning: careful", kind: "warning", stream: "stderr", count: 1 },
      { line: "RangeError: last words", kind: "error", stream: "stderr", count: 1 },
    ]);
  });
});
