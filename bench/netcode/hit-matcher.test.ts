/** Matching screen hits to the server's hit messages, and naming why the rest were missed. */
import { describe, expect, it } from "vitest";
import { DEFAULT_MATCH, addCounts, emptyCounts, hitWindow, matchHits, matchSpawns, type MatchOptions, type ServerSpawn, type ShotRecord } from "./hit-matcher.ts";

const ON: MatchOptions = { ...DEFAULT_MATCH, maxRewindMs: 250 };
const OFF: MatchOptions = { ...DEFAULT_MATCH, maxRewindMs: 0 };

/** A shot fired at `firedAt` that the screen showed hitting `target` 200 ms later (100 ms RTT). */
function shot(shotId: number, firedAt: number, target: string | null, extra: Partial<ShotRecord> = {}): ShotRecord {
  return { shotId, firedAt, x0: 100, y0: 100, angle: 0.5, rttMs: 100, claimedLagMs: 200, screenTarget: target, screenAt: firedAt + 200, margin: 10, ...extra };
}
/** The server fired each shot: its projectile appeared in the state 120 ms after the click. */
const spawned = (shots: ShotRecord[]): ServerSpawn[] => shots.map((s) => ({ at: s.firedAt + 120, x0: s.x0, y0: s.y0, angle: s.angle }));

describe("hitWindow", () => {
  it("runs from a little before the screen hit to screen time + RTT + the late margin", () => {
    expect(hitWindow(shot(1, 1000, "b"), ON)).toEqual({ from: 1200 - DEFAULT_MATCH.earlyMs, to: 1200 + 100 + DEFAULT_MATCH.lateMs });
    // never before the click
    expect(hitWindow(shot(1, 1000, "b", { screenAt: 1010 }), ON).from).toBe(1000);
  });
});

describe("matchHits", () => {
  it("counts a screen hit whose hit message arrives in its window, early or late", () => {
    const shots = [shot(1, 0, "b"), shot(2, 1000, "b")];
    const c = matchHits(shots, [{ at: 310, id: "b" }, { at: 1100, id: "b" }], [], spawned(shots), ON);
    expect(c).toMatchObject({ fired: 2, spawned: 2, screenHits: 2, counted: 2, serverOnly: 0, serverHits: 2 });
  });

  it("pairs each hit message with one shot only", () => {
    const shots = [shot(1, 0, "b"), shot(2, 250, "b")];
    const c = matchHits(shots, [{ at: 320, id: "b" }], [], spawned(shots), ON);
    expect(c.counted).toBe(1);
    expect(c.missed.mismatch).toBe(1);
  });

  it("gives an early message to the shot whose window ends first, so the later one keeps its own", () => {
    const shots = [shot(1, 0, "b"), shot(2, 250, "b")];
    const c = matchHits(shots, [{ at: 330, id: "b" }, { at: 560, id: "b" }], [], spawned(shots), ON);
    expect(c.counted).toBe(2);
  });

  it("does not count a message for another target, or one that came too late", () => {
    const shots = [shot(1, 0, "b")];
    const c = matchHits(shots, [{ at: 300, id: "c" }, { at: 5000, id: "b" }], [], spawned(shots), ON);
    expect(c.counted).toBe(0);
    expect(c.serverOnly).toBe(2);
    expect(c.missed.hitOther).toBe(1);
  });

  it("leaves shots that missed on screen out of the denominator", () => {
    const shots = [shot(1, 0, null), shot(2, 300, "b")];
    const c = matchHits(shots, [{ at: 600, id: "b" }], [], spawned(shots), ON);
    expect(c).toMatchObject({ fired: 2, screenHits: 1, counted: 1 });
  });

  it("names the cause of each miss, most specific first", () => {
    const died = shot(1, 0, "dead");
    const phantom = shot(2, 1000, "b");
    const late = shot(3, 2000, "b", { claimedLagMs: 320 });
    const plain = shot(4, 3000, "b");
    const spawns = spawned([died, late, plain]);
    const on = matchHits([died, phantom, late, plain], [], [{ at: 250, id: "dead" }], spawns, ON);
    expect(on.missed).toEqual({ shooterDied: 0, phantom: 1, otherOrigin: 0, overkill: 0, targetDied: 1, hitOther: 0, noCompensation: 0, beyondBound: 1, mismatch: 1 });
    const off = matchHits([died, phantom, late, plain], [], [{ at: 250, id: "dead" }], spawns, OFF);
    expect(off.missed).toEqual({ shooterDied: 0, phantom: 1, otherOrigin: 0, overkill: 0, targetDied: 1, hitOther: 0, noCompensation: 2, beyondBound: 0, mismatch: 0 });
    // the shooter's own death explains a shot the server never fired
    const own = matchHits([died, phantom, late, plain], [], [{ at: 250, id: "dead" }, { at: 1100, id: "me" }], spawns, { ...ON, selfId: "me" });
    expect(own.missed).toMatchObject({ shooterDied: 1, phantom: 0 });
    // the target died to this shooter's own earlier shot: overkill, not someone else's kill
    const mine = matchHits([died], [], [{ at: 250, id: "dead", by: "me" }], spawns, { ...ON, selfId: "me" });
    expect(mine.missed).toMatchObject({ overkill: 1, targetDied: 0 });
    // a projectile that left from somewhere else: the screen's flight was not the server's
    const moved = matchHits([plain], [], [], [{ at: 3120, x0: 400, y0: 100, angle: 0.5 }], ON);
    expect(moved).toMatchObject({ otherOrigins: 1, originErrorMax: 300 });
    expect(moved.missed.otherOrigin).toBe(1);
  });

  it("says what the screen showed for hit messages no screen hit explains", () => {
    const other = shot(1, 0, "c"); // screen: hit c; server: hit b
    const near = shot(2, 2000, null, { nearestId: "b", nearestGap: 1.5 }); // screen: passed 1.5 u from b
    const nothing = shot(3, 4000, null, { nearestId: "c", nearestGap: 3 });
    const far = shot(4, 6000, null, { nearestId: "b", nearestGap: 40 }); // passed b, but far off
    const shots = [other, near, nothing, far];
    const c = matchHits(shots, [{ at: 300, id: "b" }, { at: 2300, id: "b" }, { at: 4300, id: "b" }, { at: 6300, id: "b" }], [], spawned(shots), ON);
    expect(c).toMatchObject({ serverOnly: 4, serverOnlyScreenOther: 1, serverOnlyNearMiss: 1, nearMissGaps: [1.5] });
    expect(c.missed.hitOther).toBe(1);
  });

  it("counts grazes and how many of them the server took", () => {
    const shots = [shot(1, 0, "b", { margin: 1 }), shot(2, 1000, "b", { margin: 2 }), shot(3, 2000, "b", { margin: 15 })];
    const c = matchHits(shots, [{ at: 300, id: "b" }, { at: 2300, id: "b" }], [], spawned(shots), ON);
    expect(c).toMatchObject({ grazes: 2, grazesCounted: 1, counted: 2 });
  });

  it("counts only what happened inside the window, but still pairs a shot fired before it", () => {
    const before = shot(1, 0, "b");
    const inside = shot(2, 1000, "b");
    const shots = [before, inside];
    const c = matchHits(shots, [{ at: 300, id: "b" }, { at: 1300, id: "b" }], [], spawned(shots), { ...ON, window: { from: 250, to: 2000 } });
    // the message at 300 is shot 1's, so it is neither counted for shot 2 nor server-only
    expect(c).toMatchObject({ fired: 1, screenHits: 1, counted: 1, serverOnly: 0, serverHits: 2 });
  });
});

describe("matchSpawns", () => {
  it("prefers the click whose origin agrees when a bot held its aim over several clicks", () => {
    // click 1 never fired on the server; click 2, same aim, did
    const shots = [shot(1, 0, null, { x0: 500, y0: 500 }), shot(2, 250, null, { x0: 100, y0: 100 })];
    const { originError, unpredicted } = matchSpawns(shots, [{ at: 380, x0: 100, y0: 100, angle: 0.5 }], ON);
    expect([...originError]).toEqual([[2, 0]]);
    expect(unpredicted).toBe(0);
  });

  it("pairs projectiles with clicks by order, time and aim, and measures the origin error", () => {
    const shots = [shot(1, 0, null), shot(2, 250, null, { angle: 2 })];
    const spawns: ServerSpawn[] = [
      { at: 130, x0: 103, y0: 104, angle: 0.5 },
      { at: 380, x0: 100, y0: 100, angle: 2.00005 },
      { at: 900, x0: 100, y0: 100, angle: 3 }, // no click aimed there
    ];
    const { originError, unpredicted } = matchSpawns(shots, spawns, ON);
    expect(originError.get(1)).toBeCloseTo(5);
    expect(originError.get(2)).toBe(0);
    expect(unpredicted).toBe(1);
  });
});

describe("addCounts", () => {
  it("sums every counter and keeps the worst origin error", () => {
    const a = { ...emptyCounts(), fired: 2, originErrorMax: 3, missed: { ...emptyCounts().missed, mismatch: 1 } };
    const b = { ...emptyCounts(), fired: 5, originErrorMax: 1, missed: { ...emptyCounts().missed, mismatch: 2, phantom: 1 } };
    const s = addCounts(a, b);
    expect(s.fired).toBe(7);
    expect(s.originErrorMax).toBe(3);
    expect(s.missed.mismatch).toBe(3);
    expect(s.missed.phantom).toBe(1);
  });
});
