/** Unit tests of the soak's flags and sampling plan. */
import { describe, expect, it } from "vitest";
import { UsageError } from "../../shared/cli.ts";
import { defaultChurn, parseSoakArgs, sampleTimes, warmupSeconds } from "./soak-options.ts";

describe("soak flags", () => {
  it("defaults to 30 minutes, 256 bots, a sample a minute, one bot in 16 churning", () => {
    expect(parseSoakArgs([])).toEqual({ minutes: 30, bots: 256, sampleSeconds: 60, churn: 16, seed: 1 });
  });
  it("takes fractional minutes and sample seconds", () => {
    expect(parseSoakArgs(["--minutes", "0.5", "--bots", "16", "--sample-seconds", "7.5", "--churn", "0"])).toMatchObject({ minutes: 0.5, bots: 16, sampleSeconds: 7.5, churn: 0 });
  });
  it("keeps the churn below the bot count", () => {
    expect(defaultChurn(8)).toBe(0);
    expect((parseSoakArgs(["--bots", "1"]) as { churn: number }).churn).toBe(0);
    expect(() => parseSoakArgs(["--bots", "16", "--churn", "16"])).toThrow(/--churn must be a whole number from 0 to 15/);
  });
  it.each([
    [["--minutes", "0"], /--minutes must be a number/],
    [["--minutes", "abc"], /--minutes .* got "abc"/],
    [["--minutes", ""], /--minutes/],
    [["--bots", "2.5"], /--bots must be a whole number/],
    [["--bots", "-3"], /^--bots must be a whole number from 1 to 4000, got "-3"$/],
    [["--bots", "-x"], /^--bots needs a value \(write --bots=<value> for one that starts with -\)$/],
    [["--bots=-3"], /--bots must be a whole number from 1 to 4000, got "-3"/],
    [["--minutes"], /^--minutes needs a value$/],
    [["--sample-seconds", "0"], /--sample-seconds/],
    [["--seed", "x"], /--seed/],
    [["--nope"], /unknown option --nope/],
    [["extra"], /unexpected argument extra/],
  ])("refuses %j with one line", (argv, message) => {
    let err: unknown;
    try {
      parseSoakArgs(argv);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(message);
    expect((err as Error).message).not.toContain("\n");
  });
  it("answers --help", () => {
    expect(parseSoakArgs(["--help"])).toBe("help");
  });
});

describe("soak sampling plan", () => {
  it("warms up for min(1, minutes / 5) minutes", () => {
    expect(warmupSeconds(30)).toBe(60);
    expect(warmupSeconds(1)).toBe(12);
    expect(warmupSeconds(0.5)).toBe(6);
  });
  it("samples at 0, every interval, at the end of the warm-up and at the end", () => {
    expect(sampleTimes(10, 60)).toEqual([0, 60, 120, 180, 240, 300, 360, 420, 480, 540, 600]);
    expect(sampleTimes(1, 10)).toEqual([0, 10, 12, 20, 30, 40, 50, 60]);
    expect(sampleTimes(0.5, 60)).toEqual([0, 6, 30]);
  });
  it("does not drift with fractional intervals", () => {
    const t = sampleTimes(1, 0.1 * 10 * 1.5);
    expect(t.slice(0, 4)).toEqual([0, 1.5, 3, 4.5]);
    expect(t[t.length - 1]).toBe(60);
    expect(new Set(t).size).toBe(t.length);
  });
});
