import { describe, expect, it } from "vitest";
import { RESPAWN_SECONDS } from "../../shared/constants.ts";
import { DeathWatch, deathLines } from "./deathWatch.ts";

const ME = "me";
const hit = (shooter: string, target: string, damage: number, hp: number) => ({ shooter, target, damage, hp });
const kill = (killer: string, victim: string, killerName: string) => ({ killer, victim, killerName, victimName: victim });

describe("DeathWatch", () => {
  it("the killing hit names the shooter and its damage at once; the kill line adds the name", () => {
    const w = new DeathWatch(ME);
    w.onHit(hit("bob", ME, 20, 40), 100);
    expect(w.death).toBeNull();
    w.onHit(hit("bob", ME, 20, 0), 1000);
    expect(w.death).toMatchObject({ killerId: "bob", killerName: "", damage: 20, at: 1000, respawnAt: 1000 + RESPAWN_SECONDS * 1000 });
    w.onKill(kill("bob", ME, "Bob"), 1100);
    expect(w.death).toMatchObject({ killerId: "bob", killerName: "Bob", damage: 20, at: 1000 });
  });

  it("ignores hits and kills of others, and hits we deal", () => {
    const w = new DeathWatch(ME);
    w.onHit(hit("bob", "ann", 20, 0), 0);
    w.onHit(hit(ME, "bob", 20, 0), 0);
    w.onKill(kill("bob", "ann", "Bob"), 0);
    expect(w.death).toBeNull();
  });

  it("a kill line alone (no hit seen) still explains the death, without a damage figure", () => {
    const w = new DeathWatch(ME);
    w.onKill(kill("bob", ME, "Bob"), 500);
    expect(w.death).toMatchObject({ killerId: "bob", killerName: "Bob", damage: null, at: 500 });
  });

  it("counts down to the respawn and ends once the state has shown us dead and then alive", () => {
    const w = new DeathWatch(ME);
    w.onHit(hit("bob", ME, 20, 0), 0);
    // the hit message can arrive before the patch that shows hp 0: not a respawn
    w.update(20, 10);
    expect(w.death).not.toBeNull();
    expect(w.respawnInMs(500)).toBe(RESPAWN_SECONDS * 1000 - 500);
    w.update(0, 20);
    expect(w.respawnInMs(RESPAWN_SECONDS * 1000 + 50)).toBe(0);
    w.update(100, 1000);
    expect(w.death).toBeNull();
    expect(w.respawnInMs(0)).toBeNull();
  });

  it("a death the state never showed (no frame caught it) still ends once the respawn is due", () => {
    const w = new DeathWatch(ME);
    w.onHit(hit("bob", ME, 20, 0), 0);
    w.update(100, 1000);
    expect(w.death).not.toBeNull();
    w.update(100, RESPAWN_SECONDS * 1000);
    expect(w.death).toBeNull();
  });

  it("the death panel reads killer, killing hit and countdown", () => {
    const w = new DeathWatch(ME);
    w.onHit(hit("bob", ME, 20, 0), 0);
    expect(deathLines(w.death!, "Bob", 1340)).toEqual(["ELIMINATED BY Bob", "killing hit: 20 damage", "respawn in 1.4 s"]);
    expect(deathLines(w.death!, "", 0)).toEqual(["ELIMINATED BY someone who left", "killing hit: 20 damage", "respawning…"]);
  });
});
