/**
 * `npm run bench [-- --quick]`: the load benchmark. For each step (players in 16-player
 * rooms, fight bots) and each side (the real Colyseus server as shipped; the same server
 * with `--ticks-per-patch 2`; the JSON baseline in bench/baseline), it starts the server
 * process on core 0 and the bots on core 1, ramps, holds, and measures a steady window.
 * Writes bench/results/bench.{md,svg,json} and prints one summary line. Full run < 10 min;
 * --quick < 90 s.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import path from "node:path";
import { TICK_HZ } from "../shared/constants.ts";
import { UsageError, commandLine, defineCli, toInteger } from "../shared/cli.ts";
import { hasTaskset } from "../devkit/process.ts";
import { renderMarkdown, summaryLine } from "./lib/report.ts";
import { runStep, type StepConfig } from "./lib/step.ts";
import { renderSvg } from "./lib/svg.ts";
import { SIDES, type BenchRun, type Sample } from "./lib/types.ts";

const RESULTS = path.resolve(import.meta.dirname, "results");

export const MODES = {
  full: { steps: [16, 64, 256, 512], holdSeconds: 15, settleSeconds: 3, ramp: 64 },
  quick: { steps: [16, 64], holdSeconds: 5, settleSeconds: 1.5, ramp: 64 },
} as const;

const BENCH_CLI = defineCli({
  command: "npm run bench --",
  options: {
    quick: { kind: "boolean", help: `steps ${MODES.quick.steps.join(" and ")} players, ${MODES.quick.holdSeconds} s windows (under 90 s)` },
    steps: { kind: "list", item: (raw, source) => toInteger(raw, source, 1, 2000), defaultText: MODES.full.steps.join(","), help: "players per step, comma-separated" },
    hold: { kind: "number", arg: "<s>", min: 1, max: 120, defaultText: `${MODES.full.holdSeconds}; ${MODES.quick.holdSeconds} with --quick`, help: "measurement window per step" },
  },
  notes: `Each step runs three sides in turn: Colyseus (a patch every tick), Colyseus with
--ticks-per-patch 2 (a patch every 2nd tick), and the JSON baseline.
Writes bench/results/bench.md, bench.svg and bench.json; prints one summary line.`,
});

export function parseBenchArgs(argv: readonly string[]) {
  const parsed = BENCH_CLI.parse(argv);
  if (parsed === "help") return "help" as const;
  const { quick, steps, hold } = parsed.values;
  const mode = quick ? "quick" : "full";
  const base = MODES[mode];
  if (steps?.length === 0) throw new UsageError("--steps needs at least one number of players");
  return { mode, steps: steps ?? [...base.steps], holdSeconds: hold ?? base.holdSeconds, settleSeconds: base.settleSeconds, ramp: base.ramp } as const;
}

async function main(argv: string[]): Promise<number> {
  const opts = commandLine("bench", BENCH_CLI, () => parseBenchArgs(argv), console);
  if (typeof opts === "number") return opts;
  const started = performance.now();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const warnings: string[] = [];
  const pinned = hasTaskset() && availableParallelism() >= 2;
  if (!hasTaskset()) warnings.push("taskset is missing (util-linux): server and bots were NOT pinned to separate cores and compete for CPU.");
  else if (availableParallelism() < 2) warnings.push("fewer than 2 cores: server and bots share one core.");
  for (const w of warnings) log(`bench: warning: ${w}`);

  const config: StepConfig = {
    ramp: opts.ramp,
    settleSeconds: opts.settleSeconds,
    holdSeconds: opts.holdSeconds,
    roomSize: 16,
    tickHz: TICK_HZ,
    seed: 1,
    pinned,
    log,
  };
  const run: BenchRun = {
    mode: opts.mode,
    startedAt: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    seconds: 0,
    // Other work on the machine skews every number: the per-step "other processes" column
    // says how much ran beside us; the load average is only context (it includes our last run).
    machine: { cpus: availableParallelism(), node: process.versions.node, pinned, loadAvg1AtStart: Math.round(loadavg()[0]! * 100) / 100 },
    steps: opts.steps,
    holdSeconds: opts.holdSeconds,
    results: [],
    samples: [],
    warnings,
  };

  // Ctrl-C: the steps' finally blocks stop their children; stop starting new steps.
  let interrupted = false;
  process.once("SIGINT", () => {
    interrupted = true;
    log("bench: interrupted; finishing the current step's cleanup");
  });

  // Steps interleave the sides, so all see the same machine conditions at each load.
  for (const n of opts.steps) {
    for (const side of SIDES) {
      if (interrupted) break;
      log(`bench: ${side} with ${n} players (ramp ${Math.ceil(n / opts.ramp)} s, window ${opts.holdSeconds} s)`);
      const t0 = performance.now();
      try {
        const out = await runStep(side, n, config);
        if (out.warning) {
          warnings.push(out.warning);
          log(`bench: warning: ${out.warning}`);
        }
        if (out.result) {
          run.results.push(out.result);
          const r = out.result;
          log(
            `  ${side} ${n}: ${r.players} players, tick p99 ${r.tick.p99Ms.toFixed(2)} ms, overruns ${r.tick.overruns}, late p99 ${r.tick.lateP99Ms.toFixed(2)} ms, ` +
              `server ${(r.serverCpu * 100).toFixed(1)}% core, bots ${(r.botsCpu * 100).toFixed(0)}%, ` +
              `down ${Math.round(r.downBps)} B/s/player (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
          );
          for (const note of r.notes) log(`  note: ${note}`);
        }
        if (out.sample && !run.samples.some((s: Sample) => s.side === side)) run.samples.push(out.sample);
      } catch (e) {
        const msg = `${side} ${n}: ${(e as Error).message}`;
        warnings.push(msg);
        log(`bench: step failed: ${msg}`);
      }
    }
  }
  run.seconds = Math.round((performance.now() - started) / 100) / 10;
  if (interrupted) warnings.push("interrupted before the last step");

  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(path.join(RESULTS, "bench.json"), JSON.stringify(run, null, 2) + "\n");
  writeFileSync(path.join(RESULTS, "bench.md"), renderMarkdown(run));
  writeFileSync(path.join(RESULTS, "bench.svg"), renderSvg(run));
  log(`bench: wrote bench/results/bench.md, bench.svg, bench.json in ${run.seconds} s`);
  console.log(summaryLine(run));
  return run.results.length > 0 ? 0 : 1;
}

if (import.meta.main) process.exit(await main(process.argv.slice(2)));
