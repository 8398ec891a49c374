/**
 * What server bots cost, and how soon they give a lone player a fight. Two measurements on
 * real server processes (server/index.ts), clients in this process (bots/bot.ts):
 *
 * - cpu: one 16-seat room played for the same window two ways: 1 headless SDK bot and 15
 *   server bots (--fill-to 16), against 16 headless SDK bots (--fill-to 0). The figure is
 *   the server process's CPU time over the window, from /proc (its own /metrics beside it).
 *   The two run alternately, --rounds times each, so a neighbour's load skews both alike.
 * - first kill: one headless SDK fight bot alone on a fresh server with fill on at its
 *   defaults (--fill-to, --bot-skill): seconds from its join to its first kill, per seed.
 *
 * Writes bench/results/bot-fill.json and bench/results/bot-fill.md.  Run: npm run bench:bot-fill
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Bot, newCounters, type BotSink } from "../bots/bot.ts";
import { Client } from "@colyseus/sdk";
import { BOT_SKILL, BOT_SKILLS, BOT_SKILL_LEVELS, FILL_TO, MAX_PLAYERS } from "../shared/constants.ts";
import { botSeed } from "../shared/brains/strategies.ts";
import { commandLine, defineCli } from "../shared/cli.ts";
import { freePort } from "../devkit/ports.ts";
import { startNode, stop, type Proc } from "../devkit/process.ts";
import { sleep, until } from "../devkit/wait.ts";
import { SERVER_NODE_FLAGS } from "../server/node-flags.ts";
import { cpuSeconds } from "./lib/proc.ts";
import { tickMetrics, type TickMetrics } from "./lib/prom.ts";

const RESULTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "results");

const CLI = defineCli({
  command: "npm run bench:bot-fill --",
  about: "Server CPU of server bots against headless SDK bots, and a lone player's time to a first kill.",
  options: {
    hold: { kind: "number", arg: "<s>", min: 1, default: 20, help: "measuring window of each CPU run" },
    rounds: { kind: "int", min: 1, max: 10, default: 2, help: "CPU runs of each kind, alternated" },
    seeds: { kind: "int", min: 0, max: 20, default: 5, help: "first-kill runs (0 = skip), one fresh server each" },
    killTimeout: { kind: "number", arg: "<s>", min: 5, default: 120, help: "give up on a first kill after this long" },
    skill: { kind: "enum", values: BOT_SKILL_LEVELS, default: BOT_SKILL, help: "--bot-skill of the first-kill servers" },
  },
});

const parsedOptions = commandLine("bench:bot-fill", CLI, () => {
  const parsed = CLI.parse(process.argv.slice(2), process.env);
  return parsed === "help" ? "help" : parsed.values;
}, console);
if (typeof parsedOptions === "number") process.exit(parsedOptions);
const options = parsedOptions;

/** A bot sink that only counts. */
function quietSink(): BotSink {
  return { counters: newCounters(), note: () => {}, round: () => {} };
}

async function scrape(port: number): Promise<TickMetrics> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(3000) });
  if (!res.ok) throw new Error(`GET /metrics: HTTP ${res.status}`);
  return tickMetrics(await res.text());
}

async function startServer(extra: string[]): Promise<{ server: Proc; port: number; url: string }> {
  const port = await freePort();
  // Long rounds: no results screen inside a window.
  const args = [...SERVER_NODE_FLAGS, "server/index.ts", "--port", String(port), "--host", "127.0.0.1", "--round-seconds", "3600", "--kill-limit", "1000", ...extra];
  const server = startNode("server", args, { core: 0, stdin: true });
  await until("the server to serve /metrics", () => scrape(port).then(() => true, () => false), 30_000, 200);
  return { server, port, url: `http://127.0.0.1:${port}` };
}

interface CpuRun {
  kind: "server bots" | "SDK bots";
  sdkBots: number;
  serverBots: number;
  seconds: number;
  /** share of one core, from /proc. */
  cpu: number;
  /** the same from the server's own process_cpu_seconds_total. */
  cpuSelf: number;
  tickP50Ms: number;
  tickP99Ms: number;
}

async function cpuRun(kind: CpuRun["kind"]): Promise<CpuRun> {
  const sdkBots = kind === "server bots" ? 1 : MAX_PLAYERS;
  const { server, port, url } = await startServer(["--max-players", String(MAX_PLAYERS), "--fill-to", kind === "server bots" ? String(MAX_PLAYERS) : "0"]);
  const client = new Client(url);
  const bots = Array.from({ length: sdkBots }, (_, i) => new Bot(i, "fight", botSeed(1, i), quietSink()));
  try {
    for (const bot of bots) await bot.join(client, { kind: "quick" }, url);
    const first = bots[0]!;
    await until("16 players in the room", () => first.seenPlayers() === MAX_PLAYERS, 15_000);
    const serverBots = [...first.room!.state.players.values()].filter((p) => p.bot).length;
    await sleep(3000); // settle: joins, paths planned, everyone fighting
    const a = { wall: performance.now(), cpu: cpuSeconds(server.pid), self: (await scrape(port)).cpuSeconds };
    await sleep(options.hold * 1000);
    const z = { wall: performance.now(), cpu: cpuSeconds(server.pid), metrics: await scrape(port) };
    const seconds = (z.wall - a.wall) / 1000;
    if (first.seenPlayers() !== MAX_PLAYERS) throw new Error(`${kind}: ${first.seenPlayers()} players at the window's end`);
    return {
      kind,
      sdkBots,
      serverBots,
      seconds,
      cpu: (z.cpu - a.cpu) / seconds,
      cpuSelf: (z.metrics.cpuSeconds - a.self) / seconds,
      tickP50Ms: z.metrics.p50 * 1000,
      tickP99Ms: z.metrics.p99 * 1000,
    };
  } finally {
    await Promise.all(bots.map((b) => b.stop()));
    await stop(server);
  }
}

interface KillRun {
  seed: number;
  /** s from join to the SDK bot's first kill; null = none within killTimeout. */
  firstKillSeconds: number | null;
  /** s from join to its first death (a bot got it first); null = none before the kill. */
  firstDeathSeconds: number | null;
  players: number;
}

async function firstKillRun(seed: number): Promise<KillRun> {
  const { server, url } = await startServer(["--bot-skill", options.skill, "--fill-to", String(FILL_TO)]);
  const sink = quietSink();
  const bot = new Bot(0, "fight", botSeed(seed, 0), sink);
  try {
    await bot.join(new Client(url), { kind: "quick" }, url);
    const t0 = performance.now();
    let firstDeathSeconds: number | null = null;
    const killed = await until(
      "a first kill",
      () => {
        const s = (performance.now() - t0) / 1000;
        if (firstDeathSeconds === null && sink.counters.deaths > 0) firstDeathSeconds = s;
        return sink.counters.kills > 0 ? s : null;
      },
      options.killTimeout * 1000,
      50,
    ).catch(() => null);
    return { seed, firstKillSeconds: killed, firstDeathSeconds, players: bot.seenPlayers() };
  } finally {
    await bot.stop();
    await stop(server);
  }
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

const cpuRuns: CpuRun[] = [];
for (let r = 0; r < options.rounds; r++) {
  for (const kind of ["server bots", "SDK bots"] as const) {
    console.error(`bot-fill: cpu ${kind}, run ${r + 1} of ${options.rounds} (${options.hold} s)`);
    cpuRuns.push(await cpuRun(kind));
  }
}
const killRuns: KillRun[] = [];
for (let seed = 1; seed <= options.seeds; seed++) {
  console.error(`bot-fill: first kill, seed ${seed}`);
  killRuns.push(await firstKillRun(seed));
}

const serverBotsCpu = mean(cpuRuns.filter((r) => r.kind === "server bots").map((r) => r.cpu));
const sdkBotsCpu = mean(cpuRuns.filter((r) => r.kind === "SDK bots").map((r) => r.cpu));
const kills = killRuns.map((r) => r.firstKillSeconds).filter((s): s is number => s !== null);
const result = {
  date: new Date().toISOString(),
  settings: { hold: options.hold, rounds: options.rounds, skill: options.skill, skillNumbers: BOT_SKILLS[options.skill], fillTo: FILL_TO },
  cpu: { serverBots: serverBotsCpu, sdkBots: sdkBotsCpu, ratio: serverBotsCpu / sdkBotsCpu, runs: cpuRuns },
  firstKill: { meanSeconds: kills.length ? mean(kills) : null, missed: killRuns.length - kills.length, runs: killRuns },
};

const md = [
  "# Server bots: cost and a lone player's first kill",
  "",
  `Run ${result.date} by \`npm run bench:bot-fill\` (bench/bot-fill.ts). Server on core 0 (taskset when present), clients in the bench process; the machine's other load is not subtracted.`,
  "",
  `## Server CPU, one ${MAX_PLAYERS}-seat room, ${options.hold} s windows`,
  "",
  "| run | SDK bots | server bots | server CPU (/proc) | its own /metrics | step p50 | step p99 |",
  "|---|---|---|---|---|---|---|",
  ...cpuRuns.map((r) => `| ${r.kind} | ${r.sdkBots} | ${r.serverBots} | ${pct(r.cpu)} | ${pct(r.cpuSelf)} | ${r.tickP50Ms.toFixed(2)} ms | ${r.tickP99Ms.toFixed(2)} ms |`),
  "",
  `Mean: 1 SDK bot + ${MAX_PLAYERS - 1} server bots ${pct(serverBotsCpu)} of a core; ${MAX_PLAYERS} SDK bots ${pct(sdkBotsCpu)}; ratio ${result.cpu.ratio.toFixed(2)}.`,
  "",
  `## First kill of a lone headless fight bot (fill to ${FILL_TO}, skill ${options.skill}: ${BOT_SKILLS[options.skill].aimErrorDeg}° aim error, ${BOT_SKILLS[options.skill].reactionSeconds} s reaction)`,
  "",
  "| seed | players seen | first kill | first death |",
  "|---|---|---|---|",
  ...killRuns.map((r) => `| ${r.seed} | ${r.players} | ${r.firstKillSeconds === null ? `none in ${options.killTimeout} s` : `${r.firstKillSeconds.toFixed(1)} s`} | ${r.firstDeathSeconds === null ? "-" : `${r.firstDeathSeconds.toFixed(1)} s`} |`),
  "",
  kills.length ? `Mean first kill ${mean(kills).toFixed(1)} s over ${kills.length} run(s)${result.firstKill.missed ? `; ${result.firstKill.missed} without a kill` : ""}.` : "No run got a kill.",
  "",
].join("\n");

mkdirSync(RESULTS, { recursive: true });
writeFileSync(path.join(RESULTS, "bot-fill.json"), JSON.stringify(result, null, 2) + "\n");
writeFileSync(path.join(RESULTS, "bot-fill.md"), md);
console.log(md);
process.exit(0);
