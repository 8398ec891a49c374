import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FloodMeter, type FloodLimits } from "./flood-meter.ts";

const LIMITS: FloodLimits = { framesPerSecond: 10, inputsPerSecond: 6, strikesToClose: 3, strikeWindowMs: 10_000, malformedToClose: 5 };

describe("FloodMeter", () => {
  it("passes up to the frame and input budgets of each second, then drops", () => {
    const m = new FloodMeter(LIMITS);
    for (let i = 0; i < 6; i++) expect(m.frame(0, 1)).toBe("pass");
    expect(m.frame(1, 1)).toBe("drop"); // seventh input in the second
    for (let i = 0; i < 3; i++) expect(m.frame(2, 0)).toBe("pass"); // frames 8..10 (the dropped one counted as a frame)
    expect(m.frame(3, 0)).toBe("drop");
    expect(m.frame(1000, 1)).toBe("pass"); // a new second
    expect(m.droppedFrames).toBe(2);
    expect(m.droppedInputs).toBe(1);
  });

  it("closes a client over budget in three seconds of ten, not one that strays once in a while", () => {
    const once = new FloodMeter(LIMITS);
    for (let s = 0; s < 60; s += 11) {
      for (let i = 0; i < 12; i++) once.frame(s * 1000 + i, 0);
    }
    expect(once.frame(70_000, 0)).toBe("pass");

    const persistent = new FloodMeter(LIMITS);
    const verdicts: string[] = [];
    for (let s = 0; s < 3; s++) for (let i = 0; i < 12; i++) verdicts.push(persistent.frame(s * 1000 + i, 0));
    expect(verdicts.at(-1)).toBe("close");
    // the third second has two frames over: both are refused with "close"
    expect(verdicts.filter((v) => v === "close")).toHaveLength(2);
  });

  it("closes after the bound of malformed frames", () => {
    const m = new FloodMeter(LIMITS);
    const verdicts = Array.from({ length: 5 }, () => m.malformedFrame());
    expect(verdicts).toEqual(["drop", "drop", "drop", "drop", "close"]);
  });

  it("never passes more inputs in a second than the budget", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 8 })), { maxLength: 300 }), (frames) => {
        const m = new FloodMeter(LIMITS);
        let passedInputs = 0;
        let passedFrames = 0;
        for (const [t, n] of [...frames].sort((a, b) => a[0] - b[0])) {
          if (m.frame(t, n) === "pass") {
            passedInputs += n;
            passedFrames++;
          }
        }
        expect(passedInputs).toBeLessThanOrEqual(LIMITS.inputsPerSecond);
        expect(passedFrames).toBeLessThanOrEqual(LIMITS.framesPerSecond);
      }),
    );
  });
});
