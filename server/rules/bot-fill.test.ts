import { describe, expect, it } from "vitest";
import { BOT_NAMES, BOT_SKILLS, BOT_SKILL_LEVELS, FILL_TO, MAX_PLAYERS } from "../../shared/constants.ts";
import { botName, botToDismiss, botsWanted, fightSkill } from "./bot-fill.ts";

describe("how many bots a room wants", () => {
  it("tops a room with humans up to the fill level", () => {
    expect(botsWanted(1, 6, 16)).toBe(5);
    expect(botsWanted(2, 6, 16)).toBe(4);
    expect(botsWanted(5, 6, 16)).toBe(1);
  });

  it("wants none at or past the fill level, with fill off, or with no human at all", () => {
    expect(botsWanted(6, 6, 16)).toBe(0);
    expect(botsWanted(16, 6, 16)).toBe(0);
    expect(botsWanted(1, 0, 16)).toBe(0);
    expect(botsWanted(0, 6, 16)).toBe(0);
  });

  it("never seats more than the room holds, whatever the fill level", () => {
    expect(botsWanted(1, 30, 4)).toBe(3);
    for (let humans = 1; humans <= 4; humans++) expect(humans + botsWanted(humans, 30, 4)).toBe(4);
  });

  it("leaves a seat free for the next human in every room below the default cap", () => {
    // With the defaults, humans plus bots never fill the room while a human could still come.
    for (let humans = 1; humans < MAX_PLAYERS; humans++) expect(humans + botsWanted(humans, FILL_TO, MAX_PLAYERS)).toBeLessThan(MAX_PLAYERS);
  });
});

describe("which bot goes home", () => {
  it("the one with the fewest kills", () => {
    expect(botToDismiss([{ id: "a", kills: 3, order: 0 }, { id: "b", kills: 1, order: 1 }, { id: "c", kills: 2, order: 2 }])).toBe("b");
  });

  it("the newest of those with as few kills", () => {
    expect(botToDismiss([{ id: "a", kills: 0, order: 0 }, { id: "b", kills: 0, order: 4 }, { id: "c", kills: 0, order: 2 }])).toBe("b");
  });

  it("none when there is no bot", () => {
    expect(botToDismiss([])).toBeNull();
  });
});

describe("bot names", () => {
  it("takes the first free name of the list, looking past look-alikes", () => {
    expect(botName([])).toBe(BOT_NAMES[0]);
    expect(botName([BOT_NAMES[0]!.toUpperCase()])).toBe(BOT_NAMES[1]);
  });

  it("counts up once the list runs out", () => {
    expect(botName(["Ann"], ["Ann"])).toBe("Bot 2");
    expect(botName(["Ann", "Bot 2"], ["Ann"])).toBe("Bot 3");
  });
});

describe("skill levels", () => {
  it("aim better and react faster from easy to hard", () => {
    const [easy, normal, hard] = BOT_SKILL_LEVELS.map(fightSkill);
    expect(easy!.aimErrorRad).toBeGreaterThan(normal!.aimErrorRad);
    expect(normal!.aimErrorRad).toBeGreaterThan(hard!.aimErrorRad);
    expect(easy!.reactionSeconds).toBeGreaterThan(normal!.reactionSeconds);
    expect(normal!.reactionSeconds).toBeGreaterThan(hard!.reactionSeconds);
  });

  it("converts degrees to radians and keeps the reaction time", () => {
    expect(fightSkill("normal").aimErrorRad).toBeCloseTo((BOT_SKILLS.normal.aimErrorDeg * Math.PI) / 180, 12);
    expect(fightSkill("normal").reactionSeconds).toBe(BOT_SKILLS.normal.reactionSeconds);
  });

  it("stay human: every level misses a little and none reacts in under a tenth of a second", () => {
    for (const level of BOT_SKILL_LEVELS) {
      expect(BOT_SKILLS[level].aimErrorDeg).toBeGreaterThan(0);
      expect(BOT_SKILLS[level].reactionSeconds).toBeGreaterThanOrEqual(0.1);
    }
  });
});
