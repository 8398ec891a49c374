import { describe, expect, it } from "vitest";
import { SampledLog } from "./sampled-log.ts";

describe("SampledLog", () => {
  it("prints each kind once per window and says how many it held back", () => {
    const out: string[] = [];
    const log = new SampledLog((l) => out.push(l), 10_000);
    for (let i = 0; i < 1000; i++) log.note("bad-frame", "dropped a bad frame", i);
    log.note("other", "something else", 500);
    log.note("bad-frame", "dropped a bad frame", 10_500);
    expect(out).toEqual(["dropped a bad frame", "something else", "dropped a bad frame (and 999 more like it in the last 11 s)"]);
    expect(log.suppressed).toBe(999);
  });

  it("keeps its memory bounded whatever kinds a client invents", () => {
    const out: string[] = [];
    const log = new SampledLog((l) => out.push(l), 10_000);
    for (let i = 0; i < 10_000; i++) log.note(`kind-${i}`, `line ${i}`, 0);
    expect(out.length).toBeLessThanOrEqual(65);
  });
});
