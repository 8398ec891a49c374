import { describe, expect, it } from "vitest";
import { PLAYER_WEAPON, WEAPONS } from "../../shared/constants.ts";
import type { ArenaMap } from "../../shared/maps/types.ts";
import { distanceAt, makeFlight } from "./flight.ts";
import { ShotTracker, type EndedShot, type LiveShot } from "./shots.ts";

const MAP: ArenaMap = { name: "t", width: 4000, height: 4000, walls: [{ x: 1400, y: 0, w: 40, h: 4000 }], spawns: [] };
/** Where a shot is at its birth instant: at the muzzle. */
const { muzzle: FIRST, speed: SPEED } = WEAPONS[PLAYER_WEAPON];

function run(t: ShotTracker, own: number, other: number) {
  const live: LiveShot[] = [];
  const ended: EndedShot[] = [];
  t.update(own, other, live, ended);
  return { live, ended };
}

describe("ShotTracker", () => {
  it("draws own shots on the server present and others' on the delayed clock", () => {
    const t = new ShotTracker();
    t.add("1", "me", true, 0, makeFlight(MAP, 1000, 1000, 0, 0));
    t.add("2", "them", false, 0, makeFlight(MAP, 1000, 2000, 0, 0));
    const { live } = run(t, 100, 0);
    const mine = live.find((s) => s.id === "1");
    const theirs = live.find((s) => s.id === "2");
    expect(mine?.x).toBeCloseTo(1000 + FIRST + SPEED * 0.1, 6);
    expect(theirs?.x).toBeCloseTo(1000 + FIRST, 6);
  });

  it("ends a shot at the wall with a wall spark, exactly once", () => {
    const t = new ShotTracker();
    t.add("1", "a", false, 0, makeFlight(MAP, 1000, 1000, 0, 0));
    const first = run(t, 10_000, 10_000);
    expect(first.live).toHaveLength(0);
    expect(first.ended).toEqual([{ id: "1", owner: "a", x: 1400, y: 1000, kind: "wall" }]);
    expect(run(t, 20_000, 20_000).ended).toHaveLength(0);
    expect(t.size).toBe(0);
  });

  it("keeps a removed shot flying until the distance it had when the server removed it", () => {
    const t = new ShotTracker();
    const f = makeFlight(MAP, 1000, 1000, 0, 0);
    t.add("1", "a", false, 0, f);
    t.remove("1", 200); // hit someone in the step stamped 200 ms
    const endDist = distanceAt(f, 200);
    // Drawn 100 ms in the past: still in flight, not cut short.
    const mid = run(t, 250, 150);
    expect(mid.live).toHaveLength(1);
    expect(mid.ended).toHaveLength(0);
    const done = run(t, 300, 201);
    expect(done.live).toHaveLength(0);
    expect(done.ended[0]?.kind).toBe("hit");
    expect(done.ended[0]?.x).toBeCloseTo(1000 + endDist, 6);
  });

  it("ignores removals of unknown shots and a second removal", () => {
    const t = new ShotTracker();
    t.remove("nope", 10);
    t.add("1", "a", false, 0, makeFlight(MAP, 1000, 1000, 0, 0));
    t.remove("1", 100);
    t.remove("1", 300);
    const { ended } = run(t, 1000, 1000);
    expect(ended[0]?.x).toBeCloseTo(1000 + distanceAt(makeFlight(MAP, 1000, 1000, 0, 0), 100), 6);
  });

  it("a predicted shot keeps its own flight when confirmed and ends where the server's did", () => {
    const t = new ShotTracker();
    // clicked at client time 0; the server fired it 60 ms later (the input's trip)
    t.add("p1", "me", true, 0, makeFlight(MAP, 1000, 1000, 0, 0), true);
    expect(run(t, 30, 0).live[0]?.x).toBeCloseTo(1000 + FIRST + SPEED * 0.03, 6);
    expect(t.confirm("p1", "42", makeFlight(MAP, 1000, 1000, 0, 60))).toBe(true);
    const { live } = run(t, 90, 0);
    expect(live.map((s) => s.id)).toEqual(["42"]);
    // still on the click's timeline: no jump back by the 60 ms lead
    expect(live[0]!.x).toBeCloseTo(1000 + FIRST + SPEED * 0.09, 6);
    // the server removed it (a hit) at server time 160: 100 ms into ITS flight
    t.remove("42", 160);
    const end = run(t, 400, 0).ended[0]!;
    expect(end.kind).toBe("hit");
    expect(end.x).toBeCloseTo(1000 + FIRST + SPEED * 0.1, 6);
    expect(t.size).toBe(0);
  });

  it("drops a predicted shot the server never fired; confirming a finished one says so", () => {
    const t = new ShotTracker();
    t.add("p1", "me", true, 0, makeFlight(MAP, 1000, 1000, 0, 0), true);
    t.drop("p1");
    expect(t.size).toBe(0);
    expect(t.confirm("p1", "7", makeFlight(MAP, 1000, 1000, 0, 0))).toBe(false);
  });

  it("a confirmed shot fired from elsewhere than predicted takes the server's line", () => {
    const t = new ShotTracker();
    t.add("p1", "me", true, 0, makeFlight(MAP, 500, 1000, 0, 0), true); // stale origin
    t.confirm("p1", "9", makeFlight(MAP, 1000, 1000, 0, 50));
    const s = run(t, 100, 0).live[0]!;
    expect(s.x).toBeCloseTo(1000 + FIRST + SPEED * 0.1, 6); // server origin, click timeline
  });
});
