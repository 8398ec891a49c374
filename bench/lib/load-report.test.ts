import { describe, expect, it } from "vitest";
import { FAST_3G } from "./first-load.ts";
import { median, renderLoadMarkdown, type LoadReport } from "./load-report.ts";

const visit = (bytes: number, firstFrameMs: number) => ({ bytes, firstFrameMs, scriptsLoadedMs: firstFrameMs / 2, requests: 5 });

function report(fastBytes: number[]): LoadReport {
  return {
    date: "2026-12-02T00:00:00Z",
    node: "24",
    chromium: "150",
    cores: 2,
    loadAverage: [1.5, 2],
    budgetBytes: 450_000,
    goalBytes: 350_000,
    profiles: [
      { profile: null, first: [visit(300_000, 900)], repeat: visit(1000, 800), resources: [{ url: "http://h/assets/a-12345678.js", status: 200, encoding: "br", cacheControl: "immutable", vary: "Accept-Encoding", bytes: 300_000, fromCache: false }], acceptEncoding: "br" },
      { profile: FAST_3G, first: fastBytes.map((b, i) => visit(b, 4000 + i * 1000)), repeat: visit(1000, 1500), resources: [], acceptEncoding: "br" },
    ],
    dist: [{ file: "index.html", bytes: 900, gzip: 500, brotli: 300 }],
  };
}

describe("first-load report", () => {
  it("takes the median of odd and even counts", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it("judges the budget and the goal on the Fast 3G median", () => {
    const under = renderLoadMarkdown(report([320_000, 330_000, 310_000]));
    expect(under).toContain("| first visit ≤ 450.0 kB | 320.0 kB | met |");
    expect(under).toContain("| first visit ≤ 350.0 kB once Phaser is trimmed | 320.0 kB | met |");
    expect(under).toContain("562.5 ms latency, 180000 B/s down, 84375 B/s up");
    expect(under).toContain("5000 ms (4000 ms–6000 ms)");
    const over = renderLoadMarkdown(report([400_000, 400_000, 500_000]));
    expect(over).toContain("| first visit ≤ 450.0 kB | 400.0 kB | met |");
    expect(over).toContain("| first visit ≤ 350.0 kB once Phaser is trimmed | 400.0 kB | **missed** |");
  });
});
