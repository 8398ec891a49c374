import { describe, expect, it } from "vitest";
import { poll, until } from "./wait.ts";

describe("until", () => {
  it("resolves with the first truthy value", async () => {
    let n = 0;
    await expect(until("n to reach 3", () => ++n >= 3 && n, 1000, 1)).resolves.toBe(3);
  });
  it("names what it waited for when the deadline passes", async () => {
    await expect(until("a miracle", () => false, 30, 5)).rejects.toThrow("timed out after 30 ms waiting for a miracle");
  });
  it("fails at once when the check throws", async () => {
    const started = performance.now();
    await expect(until("x", () => { throw new Error("boom"); }, 5000)).rejects.toThrow("boom");
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe("poll", () => {
  it("treats a throwing check as not yet, and gives null at the deadline", async () => {
    let n = 0;
    await expect(poll(() => { if (++n < 3) throw new Error("not listening"); return "up"; }, 1000, 1)).resolves.toBe("up");
    await expect(poll(() => null, 30, 5)).resolves.toBeNull();
  });
});
