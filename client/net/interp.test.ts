import { describe, expect, it } from "vitest";
import { INTERP_DELAY_MAX_MS, INTERP_DELAY_MIN_MS, INTERP_DELAY_MS } from "../../shared/constants.ts";
import { CorrectionLog } from "./corrections.ts";
import { InterpDelay, UnderrunCounter, desiredDelay, renderTarget } from "./interp.ts";

describe("interpolation delay", () => {
  it("covers two patch intervals plus three jitters, within bounds", () => {
    expect(desiredDelay(1000 / 30, 0)).toBe(67);
    expect(desiredDelay(1000 / 15, 10)).toBe(163);
    expect(desiredDelay(5, 0)).toBe(INTERP_DELAY_MIN_MS);
    expect(desiredDelay(100, 100)).toBe(INTERP_DELAY_MAX_MS);
  });

  it("adapts in small steps, faster up than down, and waits for a known cadence", () => {
    const d = new InterpDelay();
    expect(d.adapt(0, 0, 0)).toBe(false); // cadence unknown
    expect(d.delayMs).toBe(INTERP_DELAY_MS);
    d.adapt(0, 1000 / 30, 0); // wants 67: moves down 2
    expect(d.delayMs).toBe(INTERP_DELAY_MS - 2);
    expect(d.adapt(100, 1000 / 30, 0)).toBe(false); // too soon
    let t = 0;
    for (let i = 0; i < 40; i++) d.adapt((t += 250), 1000 / 30, 0);
    expect(d.delayMs).toBe(67);
    for (let i = 0; i < 3; i++) d.adapt((t += 250), 1000 / 30, 30); // wants 157: up 10 a time
    expect(d.delayMs).toBe(97);
  });

  it("renders at serverNow minus the delay and half the round trip", () => {
    expect(renderTarget(10_000, 100, 60)).toBe(9_870);
  });

  it("counts a frame as an underrun when its render time passes the newest patch", () => {
    const u = new UnderrunCounter();
    expect(u.frame(9_000, 0)).toBe(false); // no patch yet: not counted
    expect(u.frames).toBe(0);
    expect(u.frame(9_000, 9_020)).toBe(false);
    expect(u.frame(9_030, 9_020)).toBe(true);
    expect(u.frames).toBe(2);
    expect(u.underruns).toBe(1);
    expect(u.ratio).toBe(0.5);
  });
});

describe("correction log", () => {
  it("counts mispredictions, keeps respawn jumps apart, and reports sizes and rate", () => {
    const log = new CorrectionLog(100);
    log.record(0, 0); // agreed
    log.record(100, 0.5);
    log.record(200, 2);
    log.record(300, 400); // a respawn
    expect(log.reconciles).toBe(4);
    expect(log.corrections).toBe(2);
    expect(log.teleports).toBe(1);
    expect(log.quantile(0.5)).toBe(0.5);
    expect(log.quantile(0.99)).toBe(2);
    expect(log.rate(1000)).toBe(2);
    expect(log.rate(1150)).toBe(1);
  });
});
