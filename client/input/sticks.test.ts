import { describe, expect, it } from "vitest";
import { TOUCH_AIM_SENSITIVITY_MAX, TOUCH_AIM_SENSITIVITY_MIN } from "../../shared/client-constants.ts";
import type { Command } from "../../shared/sim/index.ts";
import { clampSensitivity, deflection, eightWay, TwinSticks, type StickTuning } from "./sticks.ts";

const TUNING: StickTuning = { radius: 100, deadZone: 0.2, fireThreshold: 0.5 };
const W = 800;
const cmd = (): Command => ({ moveX: 0, moveY: 0, aim: 1, fire: false });

describe("deflection", () => {
  it("is the drag's direction and its length over the radius, capped at 1", () => {
    const d = deflection(100, 100, 130, 140, 100);
    expect(d.dirX).toBeCloseTo(0.6);
    expect(d.dirY).toBeCloseTo(0.8);
    expect(d.amount).toBeCloseTo(0.5);
    expect(deflection(0, 0, 500, 0, 100).amount).toBe(1);
  });
  it("scales with the gain, and reads zero on the base", () => {
    expect(deflection(0, 0, 25, 0, 100, 2).amount).toBeCloseTo(0.5);
    expect(deflection(0, 0, 25, 0, 100, 0.5).amount).toBeCloseTo(0.125);
    expect(deflection(5, 5, 5, 5, 100)).toEqual({ dirX: 0, dirY: 0, amount: 0 });
  });
});

describe("eightWay", () => {
  it("snaps a direction to the nearest of the 8 the sim moves in", () => {
    expect(eightWay(1, 0)).toEqual({ moveX: 1, moveY: 0 });
    expect(eightWay(Math.cos(0.3), Math.sin(0.3))).toEqual({ moveX: 1, moveY: 0 }); // 17° is still right
    expect(eightWay(Math.cos(0.5), Math.sin(0.5))).toEqual({ moveX: 1, moveY: 1 }); // 29° is down-right (y down)
    expect(eightWay(0, -1)).toEqual({ moveX: 0, moveY: -1 });
    expect(eightWay(-1, 0.1)).toEqual({ moveX: -1, moveY: 0 });
    expect(eightWay(-0.7, -0.7)).toEqual({ moveX: -1, moveY: -1 });
    expect(eightWay(0, 0)).toEqual({ moveX: 0, moveY: 0 });
  });
});

describe("clampSensitivity", () => {
  it("keeps a sensitivity in its range and falls back to 1 for nonsense", () => {
    expect(clampSensitivity(1.5)).toBe(1.5);
    expect(clampSensitivity(9)).toBe(TOUCH_AIM_SENSITIVITY_MAX);
    expect(clampSensitivity(0)).toBe(TOUCH_AIM_SENSITIVITY_MIN);
    expect(clampSensitivity(NaN)).toBe(1);
    expect(clampSensitivity(Infinity)).toBe(1);
  });
});

describe("TwinSticks", () => {
  it("gives the left half's thumb to the move stick and the right half's to the aim stick", () => {
    const s = new TwinSticks(TUNING);
    s.press(1, 100, 300, W);
    s.press(2, 700, 300, W);
    expect(s.move.touchId).toBe(1);
    expect(s.aim.touchId).toBe(2);
    // a third thumb, or a second on a half already held, changes nothing
    s.press(3, 150, 250, W);
    expect(s.move.touchId).toBe(1);
    expect([s.move.baseX, s.move.baseY]).toEqual([100, 300]);
  });

  it("moves in the dragged direction past the dead zone only", () => {
    const s = new TwinSticks(TUNING);
    s.press(1, 100, 300, W);
    s.drag(1, 115, 300); // 0.15 of the radius: inside the dead zone
    expect(s.apply(cmd())).toMatchObject({ moveX: 0, moveY: 0, fire: false });
    s.drag(1, 100 + 40, 300 - 40); // up-right, 0.57
    expect(s.apply(cmd())).toMatchObject({ moveX: 1, moveY: -1 });
    s.release(1);
    expect(s.apply(cmd())).toMatchObject({ moveX: 0, moveY: 0 });
    expect(s.move.active).toBe(false);
  });

  it("aims along the drag, fires past the threshold, and keeps the aim when let go", () => {
    const s = new TwinSticks(TUNING);
    s.press(7, 600, 200, W);
    let c = s.apply(cmd());
    expect(c.aim).toBe(1); // no drag yet: the previous aim stays
    s.drag(7, 600, 240); // straight down, 0.4: aims, does not fire
    c = s.apply(c);
    expect(c.aim).toBeCloseTo(Math.PI / 2);
    expect(c.fire).toBe(false);
    s.drag(7, 540, 200); // left, 0.6: aims and fires
    c = s.apply(c);
    expect(c.aim).toBeCloseTo(Math.PI);
    expect(c.fire).toBe(true);
    expect(s.firing).toBe(true);
    s.release(7);
    c = s.apply(c);
    expect(c.aim).toBeCloseTo(Math.PI);
    expect(c.fire).toBe(false);
  });

  it("aims in [0, 2π) like the mouse does", () => {
    const s = new TwinSticks(TUNING);
    s.press(2, 600, 200, W);
    s.drag(2, 650, 150); // up-right: -45° on screen
    expect(s.apply(cmd()).aim).toBeCloseTo((7 * Math.PI) / 4);
  });

  it("both sticks at once: moves and fires in different directions", () => {
    const s = new TwinSticks(TUNING);
    s.press(1, 100, 300, W);
    s.press(2, 700, 300, W);
    s.drag(1, 100, 380);
    s.drag(2, 780, 300);
    expect(s.apply(cmd())).toEqual({ moveX: 0, moveY: 1, aim: 0, fire: true });
    s.releaseAll();
    expect(s.anyActive).toBe(false);
  });

  it("sensitivity shortens or lengthens the drag that fires; the lowest still fires at full radius", () => {
    const s = new TwinSticks(TUNING);
    s.press(2, 600, 200, W);
    s.drag(2, 630, 200); // 0.3 of the radius
    expect(s.apply(cmd()).fire).toBe(false);
    s.setAimSensitivity(2);
    expect(s.aimSensitivity).toBe(2);
    expect(s.apply(cmd()).fire).toBe(true);
    s.setAimSensitivity(0.5);
    s.drag(2, 690, 200); // 0.9 of the radius x 0.5: under the threshold
    expect(s.apply(cmd()).fire).toBe(false);
    s.drag(2, 700, 200);
    expect(s.apply(cmd()).fire).toBe(true);
    s.setAimSensitivity(-3);
    expect(s.aimSensitivity).toBe(TOUCH_AIM_SENSITIVITY_MIN);
  });

  it("moves ignore the aim sensitivity", () => {
    const s = new TwinSticks(TUNING);
    s.setAimSensitivity(0.5);
    s.press(1, 100, 300, W);
    s.drag(1, 125, 300); // 0.25: past the dead zone whatever the aim sensitivity
    expect(s.apply(cmd()).moveX).toBe(1);
  });

  it("ignores drags and releases of touches it does not hold", () => {
    const s = new TwinSticks(TUNING);
    s.press(1, 100, 300, W);
    s.drag(9, 400, 400);
    s.release(9);
    expect(s.move.active).toBe(true);
    expect([s.move.x, s.move.y]).toEqual([100, 300]);
  });
});
