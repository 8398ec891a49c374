/**
 * `node bench/netcode/probe-run.ts --url <http://127.0.0.1:port> [options]`: runs a room of probes
 * (bench/netcode/probe.ts) from one shared 60 Hz frame loop, the way one browser frame drives its
 * page, measures for a window, and prints one line `NETCODE_PROBES <json>` (ProbeRunResult)
 * on stdout. Progress lines ("probes: ...") go to stdout too, so the netcode bench, which
 * starts this as a child process on its own core, can follow the phases; usable by hand
 * against any server as well.
 */
import { Client } from "@colyseus/sdk";
import { MAX_REWIND_MS } from "../../shared/constants.ts";
import { UsageError, commandLine, defineCli } from "../../shared/cli.ts";
import { quantile } from "../../devkit/quantile.ts";
import { mergeStats, emptyStats, summarizeStats, type NetcodeFigures } from "./probe-stats.ts";
import { Probe } from "./probe.ts";
import { botSeed } from "../../shared/brains/strategies.ts";

export const RESULT_PREFIX = "NETCODE_PROBES ";
/** ms: one frame at 60 Hz, a common display rate. */
const FRAME_MS = 1000 / 60;
/** ms a single join may take before the run gives up on that probe. */
const JOIN_TIMEOUT_MS = 10_000;
/** ms between two join requests: spreads the handshakes a little. */
const JOIN_SPACING_MS = 20;
const LEAVE_TIMEOUT_MS = 2000;

type Phase = "joining" | "settling" | "measuring" | "draining" | "done";

export interface ProbeRunResult {
  figures: NetcodeFigures;
  joined: number;
  /** ms between consecutive frames of the shared loop during the window. */
  frameGapP99Ms: number;
  frameGapMaxMs: number;
  /** share of one core the probe process used during the window, %. */
  cpuPct: number;
  errors: string[];
}

const PROBE_CLI = defineCli({
  command: "node bench/netcode/probe-run.ts",
  operands: "(--url is required)",
  options: {
    url: { kind: "string", arg: "<url>", parse: parseLoopbackUrl, help: "the server (or the lab in front of it): http://127.0.0.1:<port>" },
    count: { kind: "int", min: 1, max: 64, default: 16, help: "probes in the room" },
    seconds: { kind: "number", arg: "<s>", min: 1, max: 600, default: 25, help: "measurement window" },
    settle: { kind: "number", arg: "<s>", min: 0, max: 60, default: 4, help: "play before the window opens" },
    drain: { kind: "number", arg: "<s>", min: 1, max: 10, default: 1.5, help: "play after it closes, so shots in flight get their verdict" },
    seed: { kind: "int", min: 0, max: 2 ** 31, default: 1, help: "strategy seed" },
    maxRewindMs: { kind: "int", min: 0, max: 1000, default: MAX_REWIND_MS, help: "the server's lag-compensation bound, to name why a hit was missed" },
  },
});

function parseLoopbackUrl(raw: string, source: string): string {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(raw)) throw new UsageError(`${source} must be http://127.0.0.1:<port>, got "${raw}"`);
  return raw;
}

function parse(argv: readonly string[]) {
  const parsed = PROBE_CLI.parse(argv);
  if (parsed === "help") return "help" as const;
  const { url, ...v } = parsed.values;
  if (url === undefined) throw new UsageError("--url is required");
  return { url, ...v };
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms)));
  return Promise.race([p, t]).finally(() => clearTimeout(timer));
}

export async function runProbes(o: Exclude<ReturnType<typeof parse>, "help">, log: (line: string) => void): Promise<ProbeRunResult> {
  const client = new Client(o.url);
  const probes: Probe[] = [];
  const errors: string[] = [];
  const gaps: number[] = [];
  let cpuAtStart = process.cpuUsage();
  let windowStartedAt = 0;
  let cpuPct = 0;
  // phases: joining -> settling -> measuring -> draining -> done
  // an object, so TypeScript does not narrow it across the loop's callbacks
  const run = { phase: "joining" as Phase, endsAt: Infinity };
  const budgetMs = (o.settle + o.seconds + o.drain) * 1000 + 2 * JOIN_TIMEOUT_MS + o.count * JOIN_SPACING_MS;
  const maxFrames = Math.ceil(budgetMs / FRAME_MS) + 60;

  const loop = new Promise<void>((resolve) => {
    let frames = 0;
    let next = performance.now();
    let last = next;
    const tick = () => {
      const now = performance.now();
      if (run.phase === "measuring") gaps.push(now - last);
      last = now;
      for (const p of probes) {
        try {
          p.frame(now);
        } catch (e) {
          if (errors.length < 20) errors.push(`${p.name}: frame failed: ${(e as Error).message}`);
        }
      }
      if (now >= run.endsAt) {
        if (run.phase === "settling") {
          run.phase = "measuring";
          run.endsAt = now + o.seconds * 1000;
          windowStartedAt = now;
          cpuAtStart = process.cpuUsage();
          for (const p of probes) p.beginWindow(now);
          log(`probes: measuring for ${o.seconds} s`);
        } else if (run.phase === "measuring") {
          run.phase = "draining";
          run.endsAt = now + o.drain * 1000;
          const cpu = process.cpuUsage(cpuAtStart);
          cpuPct = ((cpu.user + cpu.system) / 1000 / (now - windowStartedAt)) * 100;
          for (const p of probes) p.endWindow(now);
        } else if (run.phase === "draining") run.phase = "done";
      }
      if (run.phase === "done" || ++frames >= maxFrames) {
        resolve();
        return;
      }
      // Like a display: a missed frame is skipped, never bunched up afterwards.
      next += FRAME_MS;
      if (next <= now) next = now + FRAME_MS;
      setTimeout(tick, next - now);
    };
    setTimeout(tick, 0);
  });

  // The first probe opens the room by quick play; the others join it by id, together
  // (one after another would take 16 handshakes of 3 to 4 round trips at 200 ms).
  const join = async (p: Probe, roomId: string | null) => {
    try {
      const id = await withTimeout(p.join(client, roomId), JOIN_TIMEOUT_MS, `${p.name} join`);
      probes.push(p);
      return id;
    } catch (e) {
      errors.push(`${p.name}: ${(e as Error).message}`);
      return null;
    }
  };
  const roomId = await join(new Probe(1, botSeed(o.seed, 0)), null);
  if (roomId) {
    const rest: Promise<unknown>[] = [];
    for (let i = 1; i < o.count; i++) {
      rest.push(join(new Probe(i + 1, botSeed(o.seed, i)), roomId));
      await new Promise((r) => setTimeout(r, JOIN_SPACING_MS));
    }
    await Promise.all(rest);
  }
  log(`probes: ${probes.length} of ${o.count} joined; settling ${o.settle} s`);
  run.phase = "settling" as Phase;
  run.endsAt = performance.now() + o.settle * 1000;
  await loop;
  if (run.phase !== "done") errors.push(`frame loop stopped early in phase ${run.phase}`);

  let merged = emptyStats();
  for (const p of probes) merged = mergeStats(merged, p.finish(o.maxRewindMs));
  await Promise.all(probes.map((p) => p.leave(LEAVE_TIMEOUT_MS)));
  const r2 = (v: number) => Math.round(v * 100) / 100;
  return {
    figures: summarizeStats(merged),
    joined: probes.length,
    frameGapP99Ms: r2(quantile(gaps, 0.99)),
    frameGapMaxMs: r2(gaps.length ? Math.max(...gaps) : 0),
    cpuPct: r2(cpuPct),
    errors,
  };
}

async function main(argv: string[]): Promise<number> {
  const o = commandLine("probe-run", PROBE_CLI, () => parse(argv), console);
  if (typeof o === "number") return o;
  const result = await runProbes(o, (line) => console.log(line));
  console.log(RESULT_PREFIX + JSON.stringify(result));
  return result.joined > 0 ? 0 : 1;
}

if (import.meta.main) process.exit(await main(process.argv.slice(2)));
