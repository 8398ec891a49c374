/**
 * The `stats` message (ServerStatsOut): one room's own step times, for its clients' net
 * graph. Behind a load balancer a client cannot pick which process's /metrics it reads, so
 * each room tells its own clients how long its steps take.
 */
import { SERVER_STATS_EVERY_MS } from "../../shared/constants.ts";
import type { ServerStatsOut } from "../../shared/messages.ts";
import { StepSchedule, TickStats, tickStats } from "./tick-stats.ts";

/** steps. A room's own ring: the 5 s quantile window at the highest tick rate a host may
 *  set (120 Hz, server/config.ts) is 600 steps; 1024 leaves room for catch-up steps, at
 *  1/32 of the memory of the process-wide ring, which holds every room's steps. */
export const ROOM_TICK_CAPACITY = 1024;

/** ms to 0.01: finer than a timer can tell apart, and short on the wire. */
const round2 = (seconds: number) => Math.round(seconds * 100_000) / 100;

/** Pure: the room's TickStats and the time come in. */
export function serverStats(stats: TickStats, nowMs: number): ServerStatsOut {
  const [p50 = 0, p99 = 0, max = 0] = stats.quantiles([0.5, 0.99, 1], nowMs);
  return { tickP50Ms: round2(p50), tickP99Ms: round2(p99), tickMaxMs: round2(max) };
}

/** One room's step times: into its own ring and the process-wide one (/metrics), and out to its clients. */
export class RoomStepTimes {
  private readonly own = new TickStats(ROOM_TICK_CAPACITY);
  private readonly schedule: StepSchedule;

  /** Sends `send` the room's figures every SERVER_STATS_EVERY_MS on the room's clock (cleared with the room). */
  constructor(tickHz: number, clock: { setInterval(tick: () => void, ms: number): unknown }, send: (stats: ServerStatsOut) => void) {
    this.schedule = new StepSchedule(1000 / tickHz);
    clock.setInterval(() => send(serverStats(this.own, performance.now())), SERVER_STATS_EVERY_MS);
  }

  /** Call as a step begins; hand the result to end() as it ends. */
  begin(): { due: number; start: number } {
    const start = performance.now();
    return { due: this.schedule.due(start), start };
  }

  /** A fixed step of `stepMs` that began at `begun` has ended now. */
  end(begun: { due: number; start: number }, stepMs: number): void {
    const end = performance.now();
    tickStats.record(begun.due, begun.start, end, stepMs);
    this.own.record(begun.due, begun.start, end, stepMs);
  }
}
