import { describe, expect, it } from "vitest";
import { FadingMarks, bearing, edgePoint, inside } from "./bearing.ts";

describe("bearing and edge markers", () => {
  it("bearing is the screen angle from one point to another (y down)", () => {
    expect(bearing({ x: 0, y: 0 }, { x: 10, y: 0 })).toBeCloseTo(0);
    expect(bearing({ x: 0, y: 0 }, { x: 0, y: 10 })).toBeCloseTo(Math.PI / 2);
    expect(bearing({ x: 0, y: 0 }, { x: -10, y: 0 })).toBeCloseTo(Math.PI);
  });

  it("an edge marker sits on the inset box's border along the bearing", () => {
    const box = { x: 0, y: 0, w: 200, h: 100 };
    expect(edgePoint({ x: 100, y: 50 }, 0, box, 10)).toEqual({ x: 190, y: 50 });
    const up = edgePoint({ x: 100, y: 50 }, -Math.PI / 2, box, 10);
    expect(up.x).toBeCloseTo(100);
    expect(up.y).toBeCloseTo(10);
    const diag = edgePoint({ x: 100, y: 50 }, Math.PI / 4, box, 0);
    expect(diag.x).toBeCloseTo(150);
    expect(diag.y).toBeCloseTo(100);
    expect(inside(diag, box)).toBe(true);
    expect(inside({ x: 201, y: 0 }, box)).toBe(false);
  });

  it("fading marks fade over their life and drop out", () => {
    const marks = new FadingMarks(1000, 2);
    marks.push(1, 0);
    marks.push(2, 0);
    marks.push(3, 500);
    expect(marks.visible(500).map((m) => m.angle)).toEqual([2, 3]);
    expect(marks.visible(750)).toEqual([
      { angle: 2, alpha: 0.25 },
      { angle: 3, alpha: 0.75 },
    ]);
    expect(marks.visible(1000).map((m) => m.angle)).toEqual([3]);
  });
});
