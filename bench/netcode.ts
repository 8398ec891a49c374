/**
 * `npm run bench:netcode [-- --quick]`: how the game feels through the latency lab. For
 * each lab setting (0 ms, 100 ± 20 ms, 200 ± 40 ms round trip) and each lag-compensation
 * setting (the default bound, then off), it starts the server on core 0, the lab's proxy
 * in this process, and a room of probes (bench/netcode/probe-run.ts) on core 1, and measures own-
 * player corrections, remote interpolation underruns and hit registration as the client
 * renders them. Writes bench/results/netcode.{md,json} and prints one summary line.
 * Full run about 4 min; --quick under 90 s.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { MAX_REWIND_MS } from "../shared/constants.ts";
import { commandLine, defineCli } from "../shared/cli.ts";
import { startLatencyProxy } from "../lab/latency-proxy.ts";
import { RESULT_PREFIX, type ProbeRunResult } from "./netcode/probe-run.ts";
import { freePort } from "../devkit/ports.ts";
import { hasTaskset, startNode, stop, type Proc } from "../devkit/process.ts";
import { poll, sleep } from "../devkit/wait.ts";
import { tickMetrics, type TickMetrics } from "./lib/prom.ts";
import { netcodeSummaryLine, renderNetcodeMarkdown, labLabel, type NetcodeRun, type Scenario, type ServerWindow } from "./lib/netcode-report.ts";
import { SERVER_NODE_FLAGS } from "../server/node-flags.ts";

const RESULTS = path.resolve(import.meta.dirname, "results");

export const LABS = [
  { latencyMs: 0, jitterMs: 0 },
  { latencyMs: 100, jitterMs: 20 },
  { latencyMs: 200, jitterMs: 40 },
] as const;

export const MODES = {
  full: { seconds: 25, settle: 4, probes: 16 },
  quick: { seconds: 5, settle: 2.5, probes: 16 },
} as const;

/** s after the window for shots in flight to get their verdict (a flight lasts ≤ 1 s). */
const DRAIN_SECONDS = 1.5;
/** ms to wait for a server to say it is listening. */
const SERVER_START_MS = 15_000;
/** ms between /metrics scrapes during a window (the server summarises the last 5 s). */
const SCRAPE_EVERY_MS = 4000;
/** Server flags that keep a round from ending inside a window (results phases freeze play). */
// No server bots either: the probes measure each other, alone in their room.
const LONG_ROUND = ["--kill-limit", "1000", "--round-seconds", "3600", "--fill-to", "0"];

const NETCODE_CLI = defineCli({
  command: "npm run bench:netcode --",
  options: {
    quick: { kind: "boolean", help: `${MODES.quick.seconds} s windows (under 90 s in all)` },
    seconds: { kind: "number", arg: "<s>", min: 2, max: 300, defaultText: `${MODES.full.seconds}; ${MODES.quick.seconds} with --quick`, help: "measurement window per scenario" },
  },
  notes: `Runs 0 ms, 100 ± 20 ms and 200 ± 40 ms lab round trips, each with lag compensation
(--max-rewind-ms ${MAX_REWIND_MS}) and without (0), ${MODES.full.probes} probes in one room.
Writes bench/results/netcode.md and netcode.json; prints one summary line.`,
});

export function parseNetcodeArgs(argv: readonly string[]) {
  const parsed = NETCODE_CLI.parse(argv);
  if (parsed === "help") return "help" as const;
  const mode = parsed.values.quick ? "quick" : "full";
  const base = MODES[mode];
  return { mode, seconds: parsed.values.seconds ?? base.seconds, settle: base.settle, probes: base.probes } as const;
}

async function scrape(port: number): Promise<TickMetrics | null> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(2000) });
    return res.ok ? tickMetrics(await res.text()) : null;
  } catch {
    return null;
  }
}

/** Scrapes the server through the window: overrun delta and the worst lateness seen. */
function watchServer(port: number): { stop: () => Promise<ServerWindow | null> } {
  const seen: TickMetrics[] = [];
  let running = true;
  const loop = (async () => {
    for (let i = 0; running && i < 1000; i++) {
      const m = await scrape(port);
      if (m) seen.push(m);
      for (let waited = 0; running && waited < SCRAPE_EVERY_MS; waited += 250) await sleep(250);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      const last = await scrape(port);
      if (last) seen.push(last);
      if (seen.length < 2) return null;
      const a = seen[0]!;
      const z = seen[seen.length - 1]!;
      return {
        overruns: z.overruns - a.overruns,
        ticks: z.count - a.count,
        lateP99Ms: Math.max(...seen.slice(1).map((m) => m.lateP99 * 1000)),
        lateMaxMs: Math.max(...seen.slice(1).map((m) => m.lateMax * 1000)),
      };
    },
  };
}

async function runScenario(lab: (typeof LABS)[number], maxRewindMs: number, o: Exclude<ReturnType<typeof parseNetcodeArgs>, "help">, pinned: boolean, seed: number): Promise<Scenario> {
  const scenario: Scenario = { ...lab, maxRewindMs, probe: null, server: null, notes: [] };
  const port = await freePort();
  const children: Proc[] = [];
  let proxy: Awaited<ReturnType<typeof startLatencyProxy>> | null = null;
  try {
    const server = startNode("server", [...SERVER_NODE_FLAGS, "server/index.ts", "--port", String(port), "--host", "127.0.0.1", "--max-rewind-ms", String(maxRewindMs), ...LONG_ROUND], { core: pinned ? 0 : null, stdin: true });
    children.push(server);
    const up = await server.nextLine((l) => l.startsWith("Tickfire is running"), SERVER_START_MS);
    if (!up) {
      scenario.notes.push(`server did not start: ${server.stderrTail().slice(-300)}`);
      return scenario;
    }
    // The proxy runs here: this process only waits on its children, so its timers are prompt.
    proxy = await startLatencyProxy({ target: { host: "127.0.0.1", port }, latencyMs: lab.latencyMs, jitterMs: lab.jitterMs, seed });
    const probes = startNode("probes", [
      "bench/netcode/probe-run.ts",
      "--url",
      proxy.url,
      "--count",
      String(o.probes),
      "--seconds",
      String(o.seconds),
      "--settle",
      String(o.settle),
      "--drain",
      String(DRAIN_SECONDS),
      "--seed",
      String(seed),
      "--max-rewind-ms",
      String(maxRewindMs),
    ], { core: pinned ? 1 : null, stdin: true });
    children.push(probes);
    const budget = (o.settle + o.seconds + DRAIN_SECONDS) * 1000 + 30_000;
    const measuring = await probes.nextLine((l) => l.startsWith("probes: measuring"), budget);
    const watch = measuring ? watchServer(port) : null;
    const line = (await probes.nextLine((l) => l.startsWith(RESULT_PREFIX), budget)) ?? probes.lines.find((l) => l.startsWith(RESULT_PREFIX));
    scenario.server = (await watch?.stop()) ?? null;
    if (!line) {
      scenario.notes.push(`probes gave no result: ${probes.stderrTail().slice(-300)}`);
      return scenario;
    }
    scenario.probe = JSON.parse(line.slice(RESULT_PREFIX.length)) as ProbeRunResult;
    await poll(() => probes.child.exitCode !== null, 5000, 100);
    return scenario;
  } finally {
    for (const c of children.reverse()) await stop(c, { graceMs: 5000 });
    await proxy?.close();
  }
}

async function main(argv: string[]): Promise<number> {
  const o = commandLine("bench:netcode", NETCODE_CLI, () => parseNetcodeArgs(argv), console);
  if (typeof o === "number") return o;
  const started = performance.now();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const pinned = hasTaskset() && availableParallelism() >= 2;
  const run: NetcodeRun = {
    mode: o.mode,
    startedAt: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    seconds: 0,
    machine: { cpus: availableParallelism(), node: process.versions.node, pinned },
    probes: o.probes,
    windowSeconds: o.seconds,
    scenarios: [],
    warnings: pinned ? [] : ["server and probes were NOT pinned to separate cores (taskset missing or one core)"],
  };
  let interrupted = false;
  process.once("SIGINT", () => {
    interrupted = true;
    log("bench:netcode: interrupted; finishing the current scenario's cleanup");
  });
  let seed = 1;
  // Compensation on and off back to back at each latency, so both see the same machine.
  for (const lab of LABS) {
    for (const rewind of [MAX_REWIND_MS, 0]) {
      if (interrupted) break;
      log(`bench:netcode: ${labLabel(lab)}, compensation ${rewind > 0 ? `on (${rewind} ms)` : "off"}`);
      const t0 = performance.now();
      const s = await runScenario(lab, rewind, o, pinned, seed++).catch((e: Error) => ({ ...lab, maxRewindMs: rewind, probe: null, server: null, notes: [e.message] }) as Scenario);
      run.scenarios.push(s);
      const f = s.probe?.figures;
      log(
        f
          ? `  corrections p99 ${f.corrections.p99} u (${f.corrections.count}), underruns ${f.underruns.pct}%, hits counted ${f.hits.sharePct ?? "n/a"}% (${f.hits.counted}/${f.hits.screenHits}) (${((performance.now() - t0) / 1000).toFixed(1)} s)`
          : `  no result: ${s.notes.join("; ")}`,
      );
    }
  }
  run.seconds = Math.round((performance.now() - started) / 100) / 10;
  if (interrupted) run.warnings.push("interrupted before the last scenario");
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(path.join(RESULTS, "netcode.json"), JSON.stringify(run, null, 2) + "\n");
  writeFileSync(path.join(RESULTS, "netcode.md"), renderNetcodeMarkdown(run));
  log(`bench:netcode: wrote bench/results/netcode.md and netcode.json in ${run.seconds} s`);
  console.log(netcodeSummaryLine(run));
  return run.scenarios.some((s) => s.probe) ? 0 : 1;
}

if (import.meta.main) process.exit(await main(process.argv.slice(2)));
