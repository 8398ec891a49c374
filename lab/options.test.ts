import { describe, expect, it } from "vitest";
import { UsageError } from "../shared/cli.ts";
import { parseSdkBotArgs } from "../bots/options.ts";
import { parseLabArgs } from "./options.ts";

describe("npm run lab flags", () => {
  it("has a default for every flag", () => {
    expect(parseLabArgs([])).toEqual({
      targetUrl: "http://127.0.0.1:2567",
      target: { host: "127.0.0.1", port: 2567 },
      host: "127.0.0.1",
      port: 2570,
      latencyMs: 100,
      jitterMs: 20,
      bandwidthBytesPerSec: 0,
      seed: 1,
    });
    expect(parseLabArgs(["--help"])).toBe("help");
  });

  it("reads every flag", () => {
    const o = parseLabArgs(["--target", "http://[::1]:8080/", "--port", "0", "--host", "0.0.0.0", "--latency", "150.5", "--jitter", "0", "--bandwidth", "50000", "--seed", "9"]);
    expect(o).toMatchObject({ target: { host: "::1", port: 8080 }, port: 0, host: "0.0.0.0", latencyMs: 150.5, jitterMs: 0, bandwidthBytesPerSec: 50000, seed: 9 });
    expect(parseLabArgs(["--target", "http://example.test"])).toMatchObject({ target: { host: "example.test", port: 80 } });
  });

  it.each([
    [["--latency", "-5"], /--latency must be a number of milliseconds ≥ 0, got "-5"/],
    [["--jitter", "lots"], /--jitter/],
    [["--bandwidth", "1.5"], /--bandwidth must be a whole number ≥ 0/],
    [["--port", "70000"], /--port/],
    [["--target", "not a url"], /--target must be a URL/],
    [["--target", "https://example.test"], /http:\/\//],
    [["--latency"], /--latency needs a value/],
    [["--frobnicate"], /unknown option --frobnicate/],
    [["extra"], /unexpected argument extra/],
  ])("rejects %j with one clear line", (argv, message) => {
    expect(() => parseLabArgs(argv)).toThrow(UsageError);
    expect(() => parseLabArgs(argv)).toThrow(message);
  });
});

describe("the lab flags of npm run bots", () => {
  it("leave the lab off by default", () => {
    expect(parseSdkBotArgs([])).toMatchObject({ lab: null });
  });

  it("turn it on with any of latency, jitter or bandwidth", () => {
    expect(parseSdkBotArgs(["--latency", "100", "--jitter", "20"])).toMatchObject({ lab: { latencyMs: 100, jitterMs: 20, bandwidthBytesPerSec: 0 } });
    expect(parseSdkBotArgs(["--bandwidth", "8000"])).toMatchObject({ lab: { latencyMs: 0, jitterMs: 0, bandwidthBytesPerSec: 8000 } });
  });

  it.each([
    [["--latency", "x"], /--latency/],
    [["--bandwidth", "-1"], /--bandwidth/],
    [["--latency", "50", "--url", "https://game.example"], /need an http:\/\/ --url/],
  ])("rejects %j", (argv, message) => {
    expect(() => parseSdkBotArgs(argv)).toThrow(UsageError);
    expect(() => parseSdkBotArgs(argv)).toThrow(message);
  });
});
