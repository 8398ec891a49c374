/** The rendered-view hit detector: shots flown frame by frame against drawn positions. */
import { describe, expect, it } from "vitest";
import { PLAYER_WEAPON, WEAPONS } from "../../shared/constants.ts";
import type { ArenaMap } from "../../shared/maps/types.ts";
import { HIT_REACH, RenderedShots, type ShotOutcome } from "./rendered-hits.ts";

const { muzzle, range, speed } = WEAPONS[PLAYER_WEAPON];

/** An open 2000 × 2000 field with one wall: x 600..640, y 0..2000. */
const MAP: ArenaMap = { name: "test", width: 2000, height: 2000, walls: [{ x: 600, y: 0, w: 40, h: 2000 }], spawns: [{ x: 100, y: 100 }] };
const FRAME_MS = 1000 / 60;

/** Runs frames from t=0 until every shot ended (at most `frames`); `where` draws targets per frame. */
function fly(shots: RenderedShots, where: (t: number) => { id: string; x: number; y: number }[], frames = 120): ShotOutcome[] {
  const out: ShotOutcome[] = [];
  for (let i = 0; i < frames && shots.inFlight > 0; i++) out.push(...shots.frame(i * FRAME_MS, where(i * FRAME_MS)));
  return out;
}

describe("RenderedShots", () => {
  it("hits a target standing on the line, in the frame the shot reaches it", () => {
    const shots = new RenderedShots(MAP);
    shots.fire(1, 0, 100, 300, 0);
    const [end] = fly(shots, () => [{ id: "t", x: 300, y: 300 }]);
    expect(end!.targetId).toBe("t");
    // it reaches x = 300 - HIT_REACH, i.e. (200 - 22 - 24) / 900 s after the click
    const due = ((200 - HIT_REACH - muzzle) / speed) * 1000;
    expect(end!.endedAt).toBeGreaterThanOrEqual(due);
    expect(end!.endedAt).toBeLessThan(due + FRAME_MS);
    expect(end!.margin).toBeCloseTo(HIT_REACH);
    expect(shots.inFlight).toBe(0);
  });

  it("takes the first target along the flight when two are crossed in one frame", () => {
    const shots = new RenderedShots(MAP);
    shots.fire(1, 0, 100, 300, 0);
    // drawn only from the third frame on: both lie inside that frame's segment
    const [end] = fly(shots, (t) => (t < 2 * FRAME_MS ? [] : [{ id: "far", x: 170, y: 300 }, { id: "near", x: 150, y: 300 }]));
    expect(end!.targetId).toBe("near");
  });

  it("misses a target that the rendered frames moved off the line before the shot arrived", () => {
    const shots = new RenderedShots(MAP);
    shots.fire(1, 0, 100, 300, 0);
    const [end] = fly(shots, (t) => [{ id: "t", x: 500, y: t < 100 ? 300 : 360 }]);
    expect(end!.targetId).toBeNull();
  });

  it("hits it when the same move happens after the shot passed", () => {
    const shots = new RenderedShots(MAP);
    shots.fire(1, 0, 100, 300, 0);
    const [end] = fly(shots, (t) => [{ id: "t", x: 500, y: t < 600 ? 300 : 360 }]);
    expect(end!.targetId).toBe("t");
  });

  it("remembers which drawn target a missed shot passed closest to, and by how much", () => {
    const shots = new RenderedShots(MAP);
    shots.fire(1, 0, 100, 300, 0);
    const [end] = fly(shots, () => [{ id: "far", x: 400, y: 300 + HIT_REACH + 40 }, { id: "close", x: 300, y: 300 + HIT_REACH + 2 }]);
    expect(end).toMatchObject({ targetId: null, nearestId: "close" });
    expect(end!.nearestGap).toBeCloseTo(2);
  });

  it("stops at a wall: a target behind it is not hit", () => {
    const shots = new RenderedShots(MAP);
    shots.fire(1, 0, 100, 300, 0);
    const [end] = fly(shots, () => [{ id: "behind", x: 700, y: 300 }]);
    expect(end!.targetId).toBeNull();
    expect(end!.margin).toBe(0);
  });

  it("ends at its range in the open", () => {
    const shots = new RenderedShots(MAP);
    shots.fire(1, 0, 700, 300, 0);
    const [end] = fly(shots, () => [{ id: "beyond", x: 700 + range + 30, y: 300 }]);
    expect(end!.targetId).toBeNull();
    expect(end!.endedAt).toBeGreaterThanOrEqual(((range - muzzle) / speed) * 1000 - FRAME_MS);
  });

  it("reports a graze as a small margin", () => {
    const shots = new RenderedShots(MAP);
    shots.fire(1, 0, 100, 300, 0);
    const [end] = fly(shots, () => [{ id: "t", x: 400, y: 300 + HIT_REACH - 1 }]);
    expect(end!.targetId).toBe("t");
    expect(end!.margin).toBeCloseTo(1);
  });

  it("refuses a shot whose muzzle is inside a wall, as the sim does", () => {
    const shots = new RenderedShots(MAP);
    expect(shots.fire(1, 0, 590, 300, 0)).toBe(false);
    expect(shots.inFlight).toBe(0);
  });

  it("hits a target touching the muzzle in the fire frame", () => {
    const shots = new RenderedShots(MAP);
    shots.fire(7, 50, 100, 300, Math.PI / 2);
    const ended = shots.frame(50, [{ id: "close", x: 100, y: 300 + muzzle + 5 }]);
    expect(ended).toHaveLength(1);
    expect(ended[0]).toMatchObject({ shotId: 7, firedAt: 50, endedAt: 50, targetId: "close" });
    expect(ended[0]!.margin).toBeCloseTo(HIT_REACH);
  });
});
