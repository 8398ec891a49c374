import { describe, expect, it } from "vitest";
import { MAX_HP } from "../../shared/constants.ts";
import { HEARING_RANGE, LOW_HP_REPEAT_MS, LOW_HP_WARNING, MAX_PAN, REMOTE_SHOT_MAX_DELAY_MS, REMOTE_SHOT_STALE_MS } from "../../shared/client-constants.ts";
import { RECIPES, cueLength } from "./recipes.ts";
import { SOUND_KINDS, SelfWatch, cueForHit, cueForKill, cueForRound, cueForShot, masterGain, remoteShotDelay, spatial } from "./soundDesign.ts";

const ME = "me";
const here = { x: 1000, y: 1000 };

describe("spatial: gain and pan from the own tank", () => {
  it("full and centred on the listener, fading with distance, silent from the hearing range on", () => {
    expect(spatial(here, here)).toEqual({ gain: 1, pan: 0 });
    const near = spatial(here, { x: 1100, y: 1000 })!;
    const far = spatial(here, { x: 1700, y: 1000 })!;
    expect(near.gain).toBeGreaterThan(far.gain);
    expect(far.gain).toBeGreaterThan(0);
    expect(spatial(here, { x: 1000 + HEARING_RANGE, y: 1000 })).toBeNull();
    expect(spatial(here, { x: 1000, y: 1000 - HEARING_RANGE - 1 })).toBeNull();
    // half way: (1 - 0.5)^2
    expect(spatial(here, { x: 1000, y: 1000 + HEARING_RANGE / 2 })!.gain).toBeCloseTo(0.25);
  });

  it("pans by side, within ±MAX_PAN; straight above or below is centred", () => {
    expect(spatial(here, { x: 700, y: 1000 })!.pan).toBeLessThan(0);
    expect(spatial(here, { x: 1300, y: 1000 })!.pan).toBeGreaterThan(0);
    expect(spatial(here, { x: 1000, y: 700 })!.pan).toBe(0);
    for (let dx = -HEARING_RANGE + 1; dx < HEARING_RANGE; dx += 97) {
      expect(Math.abs(spatial(here, { x: 1000 + dx, y: 1000 })!.pan)).toBeLessThanOrEqual(MAX_PAN);
    }
  });

  it("nonsense positions are not heard", () => {
    expect(spatial(here, { x: Number.NaN, y: 0 })).toBeNull();
  });
});

describe("event to sound", () => {
  it("own shots are centred and full; others' are placed by distance, or not heard", () => {
    expect(cueForShot(ME, ME, null, { x: 0, y: 0 }, 0)).toEqual({ kind: "shot", gain: 1, pan: 0, delayMs: 0 });
    const other = cueForShot("bot", ME, here, { x: 1300, y: 1000 }, 80)!;
    expect(other).toMatchObject({ kind: "enemyShot", delayMs: 80 });
    expect(other.gain).toBeLessThan(1);
    expect(other.pan).toBeGreaterThan(0);
    expect(cueForShot("bot", ME, here, { x: 1000 + HEARING_RANGE + 5, y: 1000 }, 0)).toBeNull();
    // no own tank in the state (not yet, or between sessions): nothing to place it by
    expect(cueForShot("bot", ME, null, here, 0)).toBeNull();
  });

  it("a remote shot waits until it is drawn, capped; a stale one is dropped", () => {
    expect(remoteShotDelay(120)).toBe(120);
    expect(remoteShotDelay(-REMOTE_SHOT_STALE_MS + 1)).toBe(0);
    expect(remoteShotDelay(-REMOTE_SHOT_STALE_MS - 1)).toBeNull();
    expect(remoteShotDelay(10_000)).toBe(REMOTE_SHOT_MAX_DELAY_MS);
    expect(remoteShotDelay(Number.NaN)).toBeNull();
  });

  it("the server's hit: a confirm when you hit, a thud when you are hit, nothing for others' fights", () => {
    expect(cueForHit({ shooter: ME, target: "bot" }, ME)?.kind).toBe("hitDealt");
    expect(cueForHit({ shooter: "bot", target: ME }, ME)?.kind).toBe("hitTaken");
    expect(cueForHit({ shooter: "a", target: "b" }, ME)).toBeNull();
    // a shooter who has left ("") still hurts
    expect(cueForHit({ shooter: "", target: ME }, ME)?.kind).toBe("hitTaken");
  });

  it("kills: yours, your death; others' are silent", () => {
    expect(cueForKill({ killer: ME, victim: "bot" }, ME)?.kind).toBe("kill");
    expect(cueForKill({ killer: "bot", victim: ME }, ME)?.kind).toBe("death");
    expect(cueForKill({ killer: "a", victim: "b" }, ME)).toBeNull();
  });

  it("round start and end", () => {
    expect(cueForRound("playing").kind).toBe("roundStart");
    expect(cueForRound("results").kind).toBe("roundEnd");
  });
});

describe("SelfWatch: respawn and the low-health beat", () => {
  it("beats at once when health drops to the line, every LOW_HP_REPEAT_MS while it stays, not when dead", () => {
    const w = new SelfWatch();
    expect(w.frame(0, MAX_HP, true)).toEqual([]);
    expect(w.frame(10, LOW_HP_WARNING + 1, true)).toEqual([]);
    expect(w.frame(20, LOW_HP_WARNING, true).map((c) => c.kind)).toEqual(["lowHp"]);
    expect(w.frame(20 + LOW_HP_REPEAT_MS - 1, LOW_HP_WARNING, true)).toEqual([]);
    expect(w.frame(20 + LOW_HP_REPEAT_MS, LOW_HP_WARNING, true).map((c) => c.kind)).toEqual(["lowHp"]);
    expect(w.frame(3000, 0, true)).toEqual([]);
  });

  it("a respawn sounds once, and back at full health stops the beat", () => {
    const w = new SelfWatch();
    w.frame(0, 20, true);
    w.frame(100, 0, true);
    expect(w.frame(200, 0, true)).toEqual([]);
    expect(w.frame(2100, MAX_HP, true).map((c) => c.kind)).toEqual(["respawn"]);
    expect(w.frame(2200, MAX_HP, true)).toEqual([]);
  });

  it("no beat between rounds, and no respawn sound on first sight of the player", () => {
    const w = new SelfWatch();
    expect(w.frame(0, 10, false)).toEqual([]);
    expect(w.frame(10, null, true)).toEqual([]);
    expect(w.frame(20, MAX_HP, true)).toEqual([]);
  });
});

describe("master gain and recipes", () => {
  it("mute silences whatever the volume; the volume is clamped", () => {
    expect(masterGain({ volume: 0.7, muted: true })).toBe(0);
    expect(masterGain({ volume: 0.7, muted: false })).toBe(0.7);
    expect(masterGain({ volume: 3, muted: false })).toBe(1);
  });

  it("every kind has a short, audible recipe with safe gains", () => {
    for (const kind of SOUND_KINDS) {
      const voices = RECIPES[kind];
      expect(voices.length, kind).toBeGreaterThan(0);
      expect(cueLength(voices), kind).toBeLessThan(1.2);
      // the low-health beat repeats: it must be over before the next one
      if (kind === "lowHp") expect(cueLength(voices) * 1000).toBeLessThan(LOW_HP_REPEAT_MS);
      for (const v of voices) {
        expect(v.gain).toBeGreaterThan(0);
        expect(v.gain).toBeLessThanOrEqual(1);
        expect(v.attack).toBeGreaterThan(0); // a zero attack clicks
        for (const f of [v.freq, v.endFreq]) {
          expect(f).toBeGreaterThanOrEqual(40);
          expect(f).toBeLessThanOrEqual(12_000);
        }
      }
    }
  });
});
