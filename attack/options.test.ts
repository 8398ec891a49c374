import { describe, expect, it } from "vitest";
import { UsageError } from "../shared/cli.ts";
import { DEFAULT_URL, attackCli, isLoopbackHost, parseAttackArgs } from "./options.ts";
import { ATTACK_NAMES, formatTable, type AttackReport } from "./run.ts";
import { encodeNumber, encodeString, handshakeTickRate, joinToken, randomFrame, prng, RANDOM_FRAME_SKIPPED_CODES } from "./wire.ts";

const NAMES = ["hang-frame", "slow-reader", "big-body"];

describe("npm run attack: where it may aim", () => {
  it.each(["127.0.0.1", "127.1.2.3", "127.255.255.254", "localhost", "LOCALHOST", "[::1]", "::1", "[::ffff:7f00:1]"])("%s is this machine", (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  it.each(["example.com", "10.0.0.1", "128.0.0.1", "0.0.0.0", "[::]", "[::2]", "localhost.example.com", "127.0.0.1.example.com", "[::ffff:a00:1]", "[fe80::1]"])("%s is not", (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });

  it.each([
    "http://example.com:2567",
    "http://10.0.0.5:2567",
    "https://game.example.com",
    "http://0.0.0.0:2567",
    "http://127.0.0.1.nip.io:2567",
    "http://[::]:2567",
  ])("refuses %s without --i-own-this-server, naming the flag", (url) => {
    let error: unknown;
    try {
      parseAttackArgs(["--url", url], NAMES);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toContain("--i-own-this-server");
    expect((error as Error).message).toContain("refusing to attack");
  });

  it("aims at another machine only with --i-own-this-server", () => {
    expect(parseAttackArgs(["--url", "http://example.com:2567", "--i-own-this-server"], NAMES)).toEqual({ url: "http://example.com:2567", only: null, json: false, loopback: false });
  });

  it("sends localhost's traffic to 127.0.0.1 itself, whatever a resolver says", () => {
    expect(parseAttackArgs(["--url", "http://localhost:2567"], NAMES)).toMatchObject({ url: "http://127.0.0.1:2567", loopback: true });
  });

  it("reads IPv4 numbers the way URL does: 2130706433 is 127.0.0.1, 0x7f.1 too", () => {
    expect(parseAttackArgs(["--url", "http://2130706433:2567"], NAMES)).toMatchObject({ url: "http://127.0.0.1:2567" });
    expect(parseAttackArgs(["--url", "http://0x7f.1:9"], NAMES)).toMatchObject({ url: "http://127.0.0.1:9" });
    expect(() => parseAttackArgs(["--url", "http://0x0a.1:9"], NAMES)).toThrow(/refusing to attack/);
  });
});

describe("npm run attack: arguments", () => {
  it("defaults to every attack against the local default port", () => {
    expect(parseAttackArgs([], NAMES)).toEqual({ url: DEFAULT_URL, only: null, json: false, loopback: true });
  });

  it("reads --only (in its order) and --json", () => {
    expect(parseAttackArgs(["--only", "big-body, hang-frame", "--json", "--url", "http://127.0.0.1:9999"], NAMES)).toEqual({
      url: "http://127.0.0.1:9999",
      only: ["big-body", "hang-frame"],
      json: true,
      loopback: true,
    });
    expect(parseAttackArgs(["--help"], NAMES)).toBe("help");
  });

  it.each([
    [["--only", "nope"], /no attack named nope/],
    [["--only", ","], /at least one/],
    [["--url", "ws://127.0.0.1:2567"], /http:\/\/ or https:\/\//],
    [["--url", "not a url"], /must be a URL/],
    [["--url", "http://127.0.0.1:2567/matchmake"], /scheme, host and port/],
    [["--frobnicate"], /unknown option --frobnicate/],
    [["extra"], /unexpected argument extra/],
  ])("rejects %j with one clear line", (argv, message) => {
    expect(() => parseAttackArgs(argv as string[], NAMES)).toThrow(UsageError);
    expect(() => parseAttackArgs(argv as string[], NAMES)).toThrow(message);
  });

  it("--help names every attack and the safety flag", () => {
    const text = attackCli(ATTACK_NAMES).help;
    for (const name of ATTACK_NAMES) expect(text).toContain(name);
    expect(text).toContain("--i-own-this-server");
    expect(new Set(ATTACK_NAMES).size).toBe(ATTACK_NAMES.length);
  });
});

describe("attack wire bytes", () => {
  it("encodes numbers and strings as @colyseus/schema decodes them", () => {
    expect(encodeNumber(5)).toEqual([5]);
    expect(encodeNumber(-1)).toEqual([0xff]);
    expect(encodeNumber(200)).toEqual([0xcc, 200]);
    expect(encodeNumber(0x1234)).toEqual([0xcd, 0x34, 0x12]);
    expect(encodeNumber(0xffffffff)).toEqual([0xce, 0xff, 0xff, 0xff, 0xff]);
    expect(encodeString("ab")).toEqual([0xa2, 0x61, 0x62]);
    expect(encodeString("x".repeat(40)).slice(0, 2)).toEqual([0xd9, 40]);
    expect(encodeString("x".repeat(300)).slice(0, 3)).toEqual([0xda, 300 & 0xff, 300 >> 8]);
  });

  it("reads the token and the tick rate from a JOIN_ROOM handshake", () => {
    // [10][len "tok"][len "schema"][reflection length 2][2 bytes][tag 2][len 3][flags FIXED_TIMESTEP|PATCH_RATE][30][33]
    const frame = Uint8Array.from([10, 3, ...Buffer.from("tok"), 6, ...Buffer.from("schema"), 2, 0xaa, 0xbb, 2, 3, 0b110, 30, 33]);
    expect(joinToken(frame)).toBe("tok");
    expect(handshakeTickRate(frame)).toBe(30);
    expect(handshakeTickRate(Uint8Array.from([10, 0, 0, 0]))).toBeNull();
  });

  it("random frames never carry a skipped protocol code and replay from their seed", () => {
    const a = prng(7);
    const frames = Array.from({ length: 2000 }, () => randomFrame(a));
    for (const f of frames) expect((f[0]! & 0x1f) in RANDOM_FRAME_SKIPPED_CODES).toBe(false);
    const b = prng(7);
    expect(randomFrame(b)).toEqual(frames[0]);
  });
});

describe("the results table", () => {
  it("has one row per attack with the health after it and the verdict", () => {
    const report: AttackReport = {
      name: "big-body",
      expect: "413",
      outcome: { sent: "2 x 64 MB | bodies", closedWith: "413 / 413", pass: true, problems: [], measured: {} },
      health: { healthzMs: 3.4, healthzStatus: 200, patchesPerSecond: 29.96, rssMb: 151.2, problems: [] },
      verdict: "PASS",
      problems: [],
      ms: 100,
    };
    const table = formatTable([report, { ...report, name: "hang-frame", verdict: "FAIL", health: { ...report.health, healthzMs: null, healthzStatus: 0, patchesPerSecond: null, rssMb: null } }]);
    const lines = table.split("\n");
    expect(lines[0]).toBe("| attack | what was sent | healthz ms | fresh player patches/s | RSS MB | attacker closed with | verdict |");
    expect(lines[2]).toBe("| big-body | 2 x 64 MB \\| bodies | 3 | 30.0 | 151 | 413 / 413 | PASS |");
    expect(lines[3]).toBe("| hang-frame | 2 x 64 MB \\| bodies | none | no join | n/a | 413 / 413 | FAIL |");
  });
});
