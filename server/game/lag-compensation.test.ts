import { describe, expect, it } from "vitest";
import { viewLagMs } from "./lag-compensation.ts";

describe("viewLagMs", () => {
  it("is now minus the stamped render time", () => {
    expect(viewLagMs(10_000, 9_850, 250)).toBe(150);
  });
  it("clamps a claim older than the bound to the bound", () => {
    expect(viewLagMs(10_000, 9_000, 250)).toBe(250);
  });
  it("never rewinds into the future", () => {
    expect(viewLagMs(10_000, 10_040, 250)).toBe(0);
  });
  it("is 0 for an unstamped input or with compensation off", () => {
    expect(viewLagMs(10_000, 0, 250)).toBe(0);
    expect(viewLagMs(10_000, 9_850, 0)).toBe(0);
  });
});
