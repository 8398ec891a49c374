/**
 * `npm run soak -- --minutes M --bots B [--sample-seconds S]`: a long run against one real
 * server process to catch leaks and slow decay. Starts the server (as the bench does:
 * devkit/process.ts) on a free 127.0.0.1 port with the caps lifted, lets B bots play by
 * quick play (bench/lib/soak-bots.ts), and every S seconds records the server's RSS, V8
 * heap, tick p99, rooms, clients and the errors so far. Growth is measured after the
 * warm-up. Writes bench/results/soak.{md,json} and prints the summary. Every wait is
 * bounded. Exit codes: 0 the run finished (goal met or not), 1 the server could not be
 * started or crashed, 2 bad usage.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import path from "node:path";
import { freePort } from "../devkit/ports.ts";
import { hasTaskset, startNode, stop, type Exit } from "../devkit/process.ts";
import { poll, sleep } from "../devkit/wait.ts";
import { BotFleet, type FleetTotals } from "./lib/soak-bots.ts";
import { LogWatch, readServerMetrics, type ServerReading } from "./lib/soak-metrics.ts";
import { commandLine } from "../shared/cli.ts";
import { CHURN_CYCLE_SECONDS, SOAK_CLI, parseSoakArgs, sampleTimes, warmupSeconds } from "./lib/soak-options.ts";
import { errorTotal, renderSoakMarkdown, summarize, summaryLines, type ErrorCounts, type SoakRun, type SoakSample } from "./lib/soak-report.ts";
import { SERVER_NODE_FLAGS } from "../server/node-flags.ts";

const RESULTS = path.resolve(import.meta.dirname, "results");
/** joins per second during the ramp. */
const RAMP = 32;
/** s between /metrics reads: the server's tick summary covers its last ~5 s. */
const CHUNK_SECONDS = 5;
/** ms. Bounds: server start, one /metrics read, the server's stop. */
const START_MS = 20_000;
const SCRAPE_MS = 3000;
const SERVER_STOP_MS = 10_000;

const log = (line: string) => process.stderr.write(`soak: ${line}\n`);
/** An exit as the report shows it: the code, or the signal's name. */
const exitCode = (e: Exit): number | string => e.code ?? e.signal ?? "unknown";

async function scrape(port: number): Promise<ServerReading> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(SCRAPE_MS) });
  if (!res.ok) throw new Error(`GET /metrics: HTTP ${res.status}`);
  return readServerMetrics(await res.text());
}

/** Server on core 0, this process (and its bot worker threads) on the others. */
function pin(cpus: number): boolean {
  if (!hasTaskset() || cpus < 2) return false;
  const r = spawnSync("taskset", ["-a", "-p", "-c", `1-${cpus - 1}`, String(process.pid)], { stdio: "ignore", timeout: 5000 });
  return r.status === 0;
}

function serverArgs(port: number): string[] {
  // game settings stay the shipped defaults (3-minute rounds: rounds end and start over
  // during the soak); only the per-process caps are lifted above any --bots, and server bots
  // are off (the soak's bots are the players, counted exactly)
  return [...SERVER_NODE_FLAGS, "server/index.ts", "--port", String(port), "--host", "127.0.0.1", "--max-clients", "100000", "--max-rooms", "10000", "--fill-to", "0"];
}

function botErrorCounts(t: FleetTotals): Pick<ErrorCounts, "botErrors" | "botDrops" | "botDisconnects" | "botWarnings"> {
  return { botErrors: t.errors, botDrops: t.drops, botDisconnects: t.disconnects, botWarnings: t.warnings };
}

async function main(argv: string[]): Promise<number> {
  const o = commandLine("soak", SOAK_CLI, () => parseSoakArgs(argv), console);
  if (typeof o === "number") return o;
  const startedWall = performance.now();
  const startedAt = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  // read before pinning: afterwards it counts only the cores this process may use
  const cpus = availableParallelism();
  const load1 = () => Math.round(loadavg()[0]! * 100) / 100;
  const loadAtStart = load1();
  const pinned = pin(cpus);
  const notes: string[] = [];
  if (!pinned) notes.push("server and bots were not pinned to separate cores (taskset missing or one core): they compete for CPU, which shows in the tick p99.");

  const port = await freePort();
  const args = serverArgs(port);
  const server = startNode("server", args, { core: pinned ? 0 : null, stdin: true });
  const logs = new LogWatch();
  server.child.stdout!.on("data", (c: string) => logs.feed("stdout", c));
  server.child.stderr!.on("data", (c: string) => logs.feed("stderr", c));
  // mutated from callbacks: kept in an object so checks are never narrowed away
  const st: { stoppingServer: boolean; crashed: { code: number | string; atSeconds: number } | null; interrupted: boolean } = { stoppingServer: false, crashed: null, interrupted: false };
  let t0 = NaN;
  const sinceRamp = () => (Number.isFinite(t0) ? (performance.now() - t0) / 1000 : 0);
  const serverGone = server.exited.then((e) => {
    if (!st.stoppingServer) st.crashed = { code: exitCode(e), atSeconds: sinceRamp() };
  });

  // Hard bound on the whole run: start, ramp, the minutes, stopping, and slack.
  const rampBoundMs = (o.bots / RAMP) * 2000 + 30_000;
  const watchdogMs = START_MS + rampBoundMs + o.minutes * 60_000 + CHUNK_SECONDS * 1000 + 90_000;
  const watchdog = setTimeout(() => {
    log(`the run took longer than its ${Math.round(watchdogMs / 1000)} s bound; killing the server and quitting`);
    server.child.kill("SIGKILL");
    process.exit(1);
  }, watchdogMs);
  watchdog.unref();

  const onSignal = () => {
    if (st.interrupted) {
      server.child.kill("SIGKILL");
      process.exit(130);
    }
    st.interrupted = true;
    st.stoppingServer = true; // Ctrl-C in a terminal reaches the server too: its exit is no crash
    log("interrupted: stopping the bots and writing the report (Ctrl-C again to quit at once)");
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  log(`server on 127.0.0.1:${port}${pinned ? " (core 0)" : ""}`);
  const up = await poll(async () => (st.crashed ? "exited" : await scrape(port)), START_MS, 200);
  if (up === null || up === "exited") {
    log(`the server did not serve /metrics within ${START_MS / 1000} s${st.crashed ? ` (it exited: ${st.crashed.code})` : ""}: ${server.stderrTail().trim().slice(-400) || "no output on stderr"}`);
    await stop(server, { signal: "SIGKILL", graceMs: 2000 });
    return 1;
  }

  const fleet = new BotFleet({ url: `http://127.0.0.1:${port}`, bots: o.bots, churn: o.churn, cycleSeconds: CHURN_CYCLE_SECONDS, ramp: RAMP, seed: o.seed });
  log(`${o.bots} bots joining by quick play (${o.bots - o.churn} fight, ${o.churn} churning chaos), ${RAMP}/s`);
  const rampStart = performance.now();
  const ramped = await poll(async () => (st.crashed || st.interrupted ? "stop" : (await scrape(port)).players >= o.bots && fleet.totals().connected >= o.bots ? "ok" : null), rampBoundMs, 500);
  const rampSeconds = (performance.now() - rampStart) / 1000;
  const atRamp = await scrape(port).catch(() => null);
  if (ramped !== "ok") notes.push(`the ramp did not reach ${o.bots} players in ${Math.round(rampSeconds)} s; measured with the ${atRamp?.players ?? "?"} who joined`);
  t0 = performance.now();
  const overrunsAt0 = atRamp?.overruns ?? 0;

  const warmup = warmupSeconds(o.minutes);
  const times = sampleTimes(o.minutes, o.sampleSeconds);
  log(`${o.minutes} min from now, samples every ${o.sampleSeconds} s (${times.length} in all), warm-up ${Math.round(warmup)} s`);
  const samples: SoakSample[] = [];
  let scrapeFailures = 0;
  let worstP99 = NaN;
  let heapFloor = NaN;
  const errorsNow = (t: FleetTotals): ErrorCounts => ({ ...botErrorCounts(t), serverErrorLines: logs.errors, scrapeFailures, serverExit: st.crashed ? 1 : 0 });

  let i = 0;
  while (i < times.length && !st.crashed && !st.interrupted) {
    const now = sinceRamp();
    const nextChunk = (Math.floor(now / CHUNK_SECONDS) + 1) * CHUNK_SECONDS;
    const wait = Math.max(0, Math.min(times[i]!, nextChunk) - now);
    await Promise.race([sleep(wait * 1000), serverGone]);
    if (st.crashed || st.interrupted) break;
    let reading: ServerReading | null = null;
    try {
      reading = await scrape(port);
      worstP99 = Number.isFinite(worstP99) ? Math.max(worstP99, reading.tickP99) : reading.tickP99;
      heapFloor = Number.isFinite(heapFloor) ? Math.min(heapFloor, reading.heapUsedBytes) : reading.heapUsedBytes;
    } catch (e) {
      if (st.crashed) break;
      scrapeFailures++;
      log(`GET /metrics failed: ${(e as Error).message}`);
    }
    const at = sinceRamp();
    if (at + 0.05 < times[i]!) continue;
    const t = times[i]!;
    while (i < times.length && times[i]! <= at + 0.05) i++; // a late reading stands for the samples it passed
    const bots = fleet.totals();
    const sample: SoakSample = {
      t,
      atSeconds: Math.round(at * 10) / 10,
      warmup: t < warmup,
      rssBytes: reading?.rssBytes ?? NaN,
      heapUsedBytes: reading?.heapUsedBytes ?? NaN,
      heapFloorBytes: heapFloor,
      heapTotalBytes: reading?.heapTotalBytes ?? NaN,
      externalBytes: reading?.externalBytes ?? NaN,
      arrayBuffersBytes: reading?.arrayBuffersBytes ?? NaN,
      tickP99Ms: worstP99 * 1000,
      overruns: reading ? reading.overruns - overrunsAt0 : (samples[samples.length - 1]?.overruns ?? 0),
      rooms: reading?.rooms ?? NaN,
      clients: reading ? (Number.isFinite(reading.clients) ? reading.clients : reading.players) : NaN,
      botsConnected: bots.connected,
      errorsSoFar: errorTotal(errorsNow(bots)),
    };
    samples.push(sample);
    worstP99 = NaN;
    heapFloor = NaN;
    const mb = (b: number) => (b / 1024 / 1024).toFixed(1);
    log(
      `${(t / 60).toFixed(2)} min${sample.warmup ? " (warm-up)" : ""}: RSS ${mb(sample.rssBytes)} MB, heap ${mb(sample.heapUsedBytes)} MB (floor ${mb(sample.heapFloorBytes)}, reserved ${mb(sample.heapTotalBytes ?? NaN)}), external ${mb(sample.externalBytes ?? NaN)} MB, ` +
        `tick p99 ${sample.tickP99Ms.toFixed(2)} ms, ${sample.clients} clients in ${sample.rooms} rooms, ${sample.botsConnected} bots connected, errors ${sample.errorsSoFar}`,
    );
  }

  log("stopping the bots");
  const finalBots = await fleet.stop();
  st.stoppingServer = !st.crashed;
  const shutdown = st.crashed ? null : exitCode(await stop(server, { graceMs: SERVER_STOP_MS }));
  if (shutdown !== null && shutdown !== 0) notes.push(`the server exited with ${shutdown} on SIGTERM (expected 0)`);
  logs.flush();
  clearTimeout(watchdog);
  if (st.crashed) log(`the server exited on its own (${st.crashed.code}): ${server.stderrTail().trim().slice(-400) || "no output on stderr"}`);

  const run: SoakRun = {
    startedAt,
    seconds: (performance.now() - startedWall) / 1000,
    options: o,
    warmupSeconds: warmup,
    machine: { cpus, node: process.versions.node, pinned, loadAvg1: { start: loadAtStart, end: load1() } },
    server: { args, crashed: st.crashed, shutdown },
    ramp: { seconds: rampSeconds, reached: ramped === "ok", players: atRamp?.players ?? 0 },
    samples,
    errors: errorsNow(finalBots),
    serverWarningLines: logs.warnings,
    serverLines: logs.examples(),
    botNotes: [...finalBots.notes].map(([message, count]) => ({ message, count })),
    churnCycles: finalBots.churnCycles,
    interrupted: st.interrupted,
    notes,
  };
  const summary = summarize(run);
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(path.join(RESULTS, "soak.json"), JSON.stringify({ ...run, summary }, jsonNumbers, 2) + "\n");
  writeFileSync(path.join(RESULTS, "soak.md"), renderSoakMarkdown(run, summary));
  log("wrote bench/results/soak.md and soak.json");
  console.log(summaryLines(run, summary).join("\n"));
  return st.crashed ? 1 : 0;
}

/** JSON has no NaN: write null; round long fractions. */
function jsonNumbers(_key: string, v: unknown): unknown {
  if (typeof v !== "number") return v;
  if (!Number.isFinite(v)) return null;
  return Number.isInteger(v) ? v : Math.round(v * 1000) / 1000;
}

// exit explicitly: fetch keep-alive sockets and worker handles would hold the process
if (import.meta.main) process.exit(await main(process.argv.slice(2)));
