/**
 * The bots against the real server process: 20 fight bots play short rounds until one
 * round has ended with kills and the next has begun; no bot errors, and every bot's copy of
 * the state agrees with the server on how many players there are. Then the CLI itself:
 * exit codes and --json output. Everything waits by polling, never by fixed sleeps.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBots, type BotOptions, type Summary } from "../bots/run.ts";
import { freePort } from "../devkit/ports.ts";
import { httpOk, stop } from "../devkit/process.ts";
import { until } from "../devkit/wait.ts";
import { run, runServer, type RunningProcess } from "./helpers/process.ts";

let server: RunningProcess;
let url: string;

beforeAll(async () => {
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  // 20 s rounds, first to 5 kills, 2 s of results: a round ends well inside the test.
  server = runServer(["--port", String(port), "--host", "127.0.0.1", "--round-seconds", "20", "--kill-limit", "5", "--results-seconds", "2"]);
  await until("the server answers /healthz", () => httpOk(`${url}/healthz`), 30_000).catch((e) => {
    throw new Error(`${(e as Error).message}\n--- server output ---\n${server.output()}`);
  });
});

afterAll(async () => {
  if (server) await stop(server);
});

async function health(): Promise<{ rooms: number; players: number }> {
  return (await fetch(`${url}/healthz`)).json() as Promise<{ rooms: number; players: number }>;
}

describe("bots against the real server", () => {
  it("20 fight bots finish a round with kills and start the next; no errors; views agree with the server", async () => {
    const options: BotOptions = {
      url,
      count: 20,
      room: { kind: "quick" },
      roomSize: 16,
      duration: 0,
      strategy: "fight",
      ramp: 20,
      seed: 1,
      json: true,
      threads: 1,
    };
    const bots = startBots(options);
    let summary: Summary;
    let serverPlayers: number;
    try {
      await until("all 20 bots joined", () => bots.stats.totals().connected === 20, 20_000);
      await until(
        "a round ended with kills and the next one began",
        () => bots.stats.rounds.ended >= 1 && bots.stats.rounds.started >= 1 && bots.stats.rounds.maxKills > 0,
        60_000,
      );
      serverPlayers = (await health()).players;
    } finally {
      summary = await bots.stop();
    }

    expect(summary.errors, JSON.stringify(summary.notes)).toBe(0);
    expect(summary.warnings, JSON.stringify(summary.notes)).toBe(0);
    expect(summary.bots).toMatchObject({ joined: 20, failed: 0, connectedAtEnd: 20, disconnected: 0 });
    expect(summary.rounds.ended).toBeGreaterThanOrEqual(1);
    expect(summary.rounds.started).toBeGreaterThanOrEqual(1);
    expect(summary.rounds.maxKills).toBeGreaterThan(0);
    expect(summary.game.kills).toBeGreaterThan(0);
    // Nobody else plays on this server: the server counts exactly our 20 bots, and every
    // bot sees exactly the bots of its own room.
    expect(serverPlayers).toBe(20);
    const rooms = summary.rooms.list;
    expect(rooms.reduce((n, r) => n + r.bots, 0)).toBe(serverPlayers);
    for (const r of rooms) expect(r.seen, r.roomId).toEqual({ min: r.bots, max: r.bots });
    // one input per step per bot at the advertised 30 Hz, never more
    expect(summary.inputs.perBotSecond).toBeGreaterThan(25);
    expect(summary.inputs.perBotSecond).toBeLessThanOrEqual(30.5);
    // the bots left cleanly: the server is empty again
    await until("the server sees every bot leave", async () => (await health()).players === 0, 10_000);
  });

  it("the CLI: --json prints one summary object; bad usage exits 2; an unreachable server exits 1", async () => {
    const cli = run(process.execPath, ["bots/cli.ts", "--url", url, "--count", "3", "--duration", "3", "--strategy", "chaos", "--json"]);
    let stdout = "";
    cli.child.stdout!.on("data", (d) => (stdout += d));
    const { code } = await cli.exited;
    expect(code, cli.output()).toBe(0);
    // stdout is the summary alone; progress went to stderr
    const summary = JSON.parse(stdout) as Summary;
    expect(summary).toMatchObject({ strategy: "chaos", ended: "duration", errors: 0, bots: { target: 3, joined: 3, failed: 0 } });
    expect(summary.inputs.total).toBeGreaterThan(0);
    expect(summary.bytes.down).toBeGreaterThan(0);
    expect(summary.bytes.up).toBeGreaterThan(0);

    const bad = run(process.execPath, ["bots/cli.ts", "--count", "0"]);
    expect((await bad.exited).code).toBe(2);
    expect(bad.output().trim().split("\n")).toHaveLength(1);

    const unknown = run(process.execPath, ["bots/cli.ts", "--frobnicate"]);
    expect((await unknown.exited).code).toBe(2);

    const nowhere = run(process.execPath, ["bots/cli.ts", "--url", `http://127.0.0.1:${await freePort()}`]);
    expect((await nowhere.exited).code).toBe(1);
    expect(nowhere.output()).toMatch(/cannot reach the game server/);
  });
});
