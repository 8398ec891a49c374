import { describe, expect, it } from "vitest";
import { quantile } from "./quantile.ts";

describe("quantile", () => {
  it("uses the nearest rank, as CorrectionLog does, whatever the order", () => {
    expect(quantile([], 0.5)).toBe(0);
    expect(quantile([5, 1, 3, 2, 4], 0.5)).toBe(3);
    expect(quantile([5, 1, 3, 2, 4], 0.99)).toBe(5);
    expect(quantile([5, 1, 3, 2, 4], 0)).toBe(1);
  });
  it("gives p50 and p99 of 1..100 as 50 and 99", () => {
    const xs = [...Array(100).keys()].map((i) => i + 1);
    expect(quantile(xs, 0.5)).toBe(50);
    expect(quantile(xs, 0.99)).toBe(99);
  });
  it("does not reorder its input", () => {
    const xs = [3, 1, 2];
    quantile(xs, 0.5);
    expect(xs).toEqual([3, 1, 2]);
  });
});
