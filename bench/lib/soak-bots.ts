/**
 * The soak's players, in this process (bots/run.ts: worker threads, real SDK clients):
 * a steady group of fight bots that play by quick play for the whole run, and a small
 * churn group of chaos bots that join, play CHURN_CYCLE_SECONDS, leave, and start over,
 * so seats and rooms are created and freed all along (where leaks usually hide).
 */
import { defaultThreads } from "../../bots/options.ts";
import { startBots, type BotOptions, type BotRun, type Summary } from "../../bots/run.ts";
import { sleep } from "../../devkit/wait.ts";

/** Bot counters that the soak counts as errors, plus who is connected. */
export interface FleetTotals {
  target: number;
  connected: number;
  joined: number;
  /** join failures, room errors, strategy exceptions (a failed join is one of these). */
  errors: number;
  /** connections lost (the bot then reconnects). */
  drops: number;
  /** bots that left their room without being asked to. */
  disconnects: number;
  /** lines the SDK or the schema decoder printed with console.warn / console.error. */
  warnings: number;
  churnCycles: number;
  /** distinct bot notes (errors, drops) with counts. */
  notes: Map<string, number>;
}

export interface FleetConfig {
  url: string;
  bots: number;
  churn: number;
  cycleSeconds: number;
  /** joins per second, all groups together. */
  ramp: number;
  seed: number;
}

/** ms. Bound on stopping a group (startBots' own bound on the leaves is 10 s). */
const STOP_BOUND_MS = 20_000;

const zero = (): Omit<FleetTotals, "target" | "connected" | "notes" | "churnCycles"> => ({ joined: 0, errors: 0, drops: 0, disconnects: 0, warnings: 0 });

function fromSummary(s: Summary) {
  return { joined: s.bots.joined, errors: s.errors, drops: s.drops, disconnects: s.bots.disconnected, warnings: s.warnings };
}

function botOptions(c: FleetConfig, count: number, strategy: BotOptions["strategy"], duration: number, seed: number): BotOptions {
  const ramp = Math.max(1, (c.ramp * count) / c.bots);
  return { url: c.url, count, room: { kind: "quick" }, roomSize: 16, duration, strategy, ramp, seed, json: false, threads: defaultThreads(count) };
}

export class BotFleet {
  private readonly c: FleetConfig;
  private readonly steady: BotRun | null;
  private churnRun: BotRun | null = null;
  private churnLoop: Promise<void> = Promise.resolve();
  private stopping = false;
  /** totals of the churn cycles that ended. */
  private readonly past = zero();
  private readonly pastNotes = new Map<string, number>();
  private cycles = 0;

  constructor(c: FleetConfig) {
    this.c = c;
    const steadyCount = c.bots - c.churn;
    this.steady = steadyCount > 0 ? startBots(botOptions(c, steadyCount, "fight", 0, c.seed)) : null;
    if (c.churn > 0) this.churnLoop = this.runChurn();
  }

  private async runChurn(): Promise<void> {
    while (!this.stopping) {
      const run = startBots(botOptions(this.c, this.c.churn, "chaos", this.c.cycleSeconds, this.c.seed + 1000 + this.cycles));
      this.churnRun = run;
      if (this.stopping) void run.stop();
      const s = await run.done;
      this.churnRun = null;
      this.cycles++;
      const add = fromSummary(s);
      for (const k of Object.keys(add) as (keyof typeof add)[]) this.past[k] += add[k];
      for (const n of s.notes) this.pastNotes.set(n.message, (this.pastNotes.get(n.message) ?? 0) + n.count);
      // a cycle that ended because every bot was gone (server away) must not spin
      if (s.ended === "all bots gone" && !this.stopping) await sleep(this.c.cycleSeconds * 1000);
    }
  }

  totals(): FleetTotals {
    const out: FleetTotals = { target: this.c.bots, connected: 0, ...zero(), churnCycles: this.cycles, notes: new Map(this.pastNotes) };
    for (const k of Object.keys(this.past) as (keyof typeof this.past)[]) out[k] += this.past[k];
    for (const run of [this.steady, this.churnRun]) {
      if (!run) continue;
      const t = run.stats.totals();
      out.connected += t.connected;
      out.joined += t.joined;
      out.errors += t.errors;
      out.drops += t.drops;
      out.disconnects += t.disconnects;
      out.warnings += t.warnings;
      for (const [m, n] of run.stats.notes) out.notes.set(m, (out.notes.get(m) ?? 0) + n);
    }
    return out;
  }

  /** Every bot leaves its room; bounded. Returns the final totals. */
  async stop(): Promise<FleetTotals> {
    this.stopping = true;
    const stops = [this.steady?.stop(), this.churnRun?.stop()].filter((p) => p !== undefined);
    await Promise.race([Promise.all([...stops, this.churnLoop]), sleep(STOP_BOUND_MS)]);
    return this.totals();
  }
}
