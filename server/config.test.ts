import { describe, expect, it } from "vitest";
import { UsageError } from "../shared/cli.ts";
import { BOT_SKILL, FILL_TO } from "../shared/constants.ts";
import { parseConfig } from "./config.ts";

describe("server config", () => {
  it("defaults, env and flags (flags win)", () => {
    expect(parseConfig([], {})).toMatchObject({ port: 2567, host: "0.0.0.0", tickHz: 30, maxPlayers: 16 });
    expect(parseConfig([], { PORT: "3000", HOST: "127.0.0.1", KILL_LIMIT: "5" })).toMatchObject({ port: 3000, host: "127.0.0.1", killLimit: 5 });
    expect(parseConfig(["--port", "4000", "--round-seconds=30"], { PORT: "3000" })).toMatchObject({ port: 4000, roundSeconds: 30 });
    expect(parseConfig(["--help"], {})).toBe("help");
  });

  it("bad values are UsageErrors that name the setting", () => {
    expect(() => parseConfig(["--port", "http"], {})).toThrow(/--port must be a whole number/);
    expect(() => parseConfig([], { PORT: "70000" })).toThrow(/PORT must be a whole number from 0 to 65535/);
    expect(() => parseConfig(["--tick-hz", "1"], {})).toThrow(UsageError);
    expect(() => parseConfig(["--bogus"], {})).toThrow(UsageError);
    expect(() => parseConfig([], { REDIS_URL: "localhost:6379" })).toThrow(/REDIS_URL must/);
    expect(() => parseConfig(["--public-address", "ws://x:1"], {})).toThrow(/--public-address/);
  });

  it("server bots: fill level and skill, from constants by default, off with 0", () => {
    expect(parseConfig([], {})).toMatchObject({ fillTo: FILL_TO, botSkill: BOT_SKILL });
    expect(parseConfig(["--fill-to", "0", "--bot-skill", "hard"], {})).toMatchObject({ fillTo: 0, botSkill: "hard" });
    expect(parseConfig([], { FILL_TO: "10", BOT_SKILL: "easy" })).toMatchObject({ fillTo: 10, botSkill: "easy" });
    expect(() => parseConfig(["--fill-to", "-1"], {})).toThrow(/--fill-to/);
    expect(() => parseConfig([], { BOT_SKILL: "godlike" })).toThrow(/BOT_SKILL/);
  });

  it("cluster settings: a redis URL and a public address", () => {
    expect(parseConfig(["--redis-url", "redis://127.0.0.1:7000"], { PUBLIC_ADDRESS: "127.0.0.1:8080/p1" })).toMatchObject({
      redisUrl: "redis://127.0.0.1:7000",
      publicAddress: "127.0.0.1:8080/p1",
    });
    expect(parseConfig([], {})).not.toHaveProperty("redisUrl");
  });
});
