import { describe, expect, it } from "vitest";
import { UsageError } from "../shared/cli.ts";
import { parseSdkBotArgs, type BotOptions } from "./options.ts";
import { planSlots } from "./run.ts";
import { Aggregator } from "./stats.ts";
import type { WorkerReport } from "./worker.ts";

describe("bots command line", () => {
  it("has a default for every flag", () => {
    expect(parseSdkBotArgs([])).toMatchObject({
      url: "http://localhost:2567",
      count: 8,
      room: { kind: "quick" },
      roomSize: 16,
      duration: 0,
      strategy: "fight",
      ramp: 10,
      seed: 1,
      json: false,
      threads: 1,
    });
  });

  it("reads every flag", () => {
    const o = parseSdkBotArgs(["--url", "http://h:1/", "--count", "300", "--room", "k7mxq", "--duration", "2.5", "--strategy", "chaos", "--ramp", "50", "--seed", "9", "--json", "--threads", "2", "--room-size", "8"]);
    expect(o).toMatchObject({ url: "http://h:1", count: 300, room: { kind: "code", code: "K7MXQ" }, duration: 2.5, strategy: "chaos", ramp: 50, seed: 9, json: true, threads: 2, roomSize: 8 });
    expect(parseSdkBotArgs(["--room", "spread"])).toMatchObject({ room: { kind: "spread" } });
    expect(parseSdkBotArgs(["--help"])).toBe("help");
  });

  it.each([
    [["--count", "0"], /--count/],
    [["--count", "-3"], /--count/],
    [["--count", "many"], /--count/],
    [["--strategy", "dance"], /--strategy/],
    [["--room", "lobby"], /--room/],
    [["--url", "ws://x"], /--url/],
    [["--ramp", "0"], /--ramp/],
    [["--frobnicate"], /unknown option --frobnicate/],
    [["extra"], /unexpected argument extra/],
  ])("rejects %j with one clear line", (argv, message) => {
    expect(() => parseSdkBotArgs(argv)).toThrow(UsageError);
    expect(() => parseSdkBotArgs(argv)).toThrow(message);
  });
});

describe("splitting bots over threads", () => {
  const base = parseSdkBotArgs([]) as BotOptions;
  it("keeps the seats of a spread room on one thread", () => {
    const plan = planSlots({ ...base, count: 40, room: { kind: "spread" }, roomSize: 16, threads: 2 });
    const groupThread = new Map<number, number>();
    plan.forEach((slots, t) =>
      slots.forEach((s) => {
        if (s.join.kind !== "spread") throw new Error("not spread");
        expect(groupThread.get(s.join.group) ?? t).toBe(t);
        groupThread.set(s.join.group, t);
      }),
    );
    expect(plan.flat().map((s) => s.index).sort((a, b) => a - b)).toEqual([...Array(40).keys()]);
    expect(groupThread.size).toBe(3);
  });

  it("never starts more threads than bots", () => {
    expect(planSlots({ ...base, count: 2, threads: 8 })).toHaveLength(2);
  });
});

describe("merging reports", () => {
  function report(over: Partial<WorkerReport>): WorkerReport {
    const zero = { bots: 0, joining: 0, connected: 0, dropped: 0, failed: 0, gone: 0, joined: 0, botSeconds: 0, inputs: 0, patches: 0, shots: 0, kills: 0, deaths: 0, hits: 0, errors: 0, warnings: 0, drops: 0, reconnects: 0, rehomes: 0, disconnects: 0, bytesDown: 0, bytesUp: 0 };
    return { ...zero, final: false, rtts: [], acks: [], rooms: {}, notes: {}, rounds: [], ...over };
  }

  it("counts a round once per room, however many threads heard it", () => {
    const agg = new Aggregator();
    const ended = { roomId: "A", round: 1, phase: "results" as const, topKills: 5 };
    agg.add(0, report({ rounds: [ended] }));
    agg.add(1, report({ rounds: [ended, { roomId: "B", round: 1, phase: "results", topKills: 3 }, { roomId: "A", round: 2, phase: "playing", topKills: 0 }] }));
    expect(agg.rounds).toEqual({ ended: 2, started: 1, maxKills: 5 });
  });

  it("sums the latest cumulative report of each thread", () => {
    const agg = new Aggregator();
    agg.add(0, report({ inputs: 10, rooms: { A: 2 } }));
    agg.add(0, report({ inputs: 30, rooms: { A: 3 } }));
    agg.add(1, report({ inputs: 5, rooms: { A: 1, B: 4 } }));
    expect(agg.totals().inputs).toBe(35);
    expect(agg.rooms()).toEqual({ A: 4, B: 4 });
  });
});
