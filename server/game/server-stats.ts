/**
 * The `stats` message (ServerStatsOut): one room's own step times, for its clients' net
 * graph. Pure: the room's TickStats and the time come in.
 */
import type { ServerStatsOut } from "../../shared/messages.ts";
import type { TickStats } from "./tick-stats.ts";

/** steps. A room's own ring: the 5 s quantile window at the highest tick rate a host may
 *  set (120 Hz, server/config.ts) is 600 steps; 1024 leaves room for catch-up steps, at
 *  1/32 of the memory of the process-wide ring, which holds every room's steps. */
export const ROOM_TICK_CAPACITY = 1024;

/** ms to 0.01: finer than a timer can tell apart, and short on the wire. */
const round2 = (seconds: number) => Math.round(seconds * 100_000) / 100;

export function serverStats(stats: TickStats, nowMs: number): ServerStatsOut {
  const [p50 = 0, p99 = 0, max = 0] = stats.quantiles([0.5, 0.99, 1], nowMs);
  return { tickP50Ms: round2(p50), tickP99Ms: round2(p99), tickMaxMs: round2(max) };
}
