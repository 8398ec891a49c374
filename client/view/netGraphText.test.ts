import { describe, expect, it } from "vitest";
import type { NetGraphData } from "../net/net.ts";
import { UNKNOWN, netGraphLines, sparkHeights } from "./netGraphText.ts";

const data: NetGraphData = {
  rttMs: 41.6,
  jitterMs: 3.14,
  patchesPerS: 30,
  downBps: 3945.4,
  upBps: 1210,
  interpDelayMs: 67,
  underruns: 12,
  underrunPct: 0.4321,
  correctionsPerS: 0.5,
  correctionP50: 0.125,
  correctionP99: 1.5,
  serverTick: { tickP50Ms: 0.21, tickP99Ms: 0.8, tickMaxMs: 1.2 },
};

describe("net graph text", () => {
  it("shows every figure with its unit", () => {
    expect(netGraphLines(data)).toEqual([
      "rtt        42 ms   jitter 3.1 ms",
      "patches   30.0/s",
      "down       3,945 B/s   up 1,210 B/s",
      "interp     67 ms   underruns 12 (0.4%)",
      "correct    0.5/s   p50 0.13  p99 1.50 u",
      "server   tick p50 0.21  p99 0.80  max 1.20 ms",
    ]);
  });

  it("shows a dash for the server's step times until the first stats message", () => {
    expect(netGraphLines({ ...data, serverTick: null }).at(-1)).toBe(`server   tick ${UNKNOWN}`);
  });

  it("scales the sparkline to its largest value, or to the floor when all are small", () => {
    expect(sparkHeights([50, 100, 25], 20, 40)).toEqual([10, 20, 5]);
    expect(sparkHeights([2, 4], 20, 40)).toEqual([1, 2]);
    expect(sparkHeights([], 20, 40)).toEqual([]);
  });
});
