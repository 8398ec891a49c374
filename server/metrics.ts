/**
 * GET /metrics in the Prometheus text format: tick health from inside the rooms, and the
 * process' CPU and memory, so a host or the bench can watch the server as deployed.
 */
import { tickStats, type TickStats } from "./game/tick-stats.ts";

export interface LoadCounts {
  rooms: number;
  players: number;
  /** connected clients in every room of this process (arena and lobby). */
  clients?: number;
  /** refused or corrected input since start, by reason. */
  drops?: Record<string, number>;
  /** TCP bytes received and sent since start (HTTP and WebSocket). */
  bytes?: { in: number; out: number };
}

/** process.memoryUsage() fields beside RSS: where memory that is not live JS objects sits. */
export type MemoryGauges = Pick<NodeJS.MemoryUsage, "heapUsed" | "heapTotal" | "external" | "arrayBuffers">;

export function renderMetrics(
  stats: TickStats,
  load: LoadCounts,
  nowMs = performance.now(),
  usage = process.cpuUsage(),
  rssBytes = process.memoryUsage.rss(),
  heapUsedBytes?: number,
  mem: MemoryGauges = process.memoryUsage(),
): string {
  const [p50, p99, max] = stats.quantiles([0.5, 0.99, 1], nowMs);
  const [late50, late99, lateMax] = stats.lateness([0.5, 0.99, 1], nowMs);
  const lines = [
    "# HELP tickfire_tick_duration_seconds Time one fixed simulation step took, over the steps of the last 5 s.",
    "# TYPE tickfire_tick_duration_seconds summary",
    `tickfire_tick_duration_seconds{quantile="0.5"} ${p50}`,
    `tickfire_tick_duration_seconds{quantile="0.99"} ${p99}`,
    `tickfire_tick_duration_seconds{quantile="1"} ${max}`,
    `tickfire_tick_duration_seconds_sum ${stats.busySeconds}`,
    `tickfire_tick_duration_seconds_count ${stats.ticks}`,
    "# HELP tickfire_tick_lateness_seconds How long after its due time a step started, over the steps of the last 5 s.",
    "# TYPE tickfire_tick_lateness_seconds summary",
    `tickfire_tick_lateness_seconds{quantile="0.5"} ${late50}`,
    `tickfire_tick_lateness_seconds{quantile="0.99"} ${late99}`,
    `tickfire_tick_lateness_seconds{quantile="1"} ${lateMax}`,
    "# HELP tickfire_ticks_total Fixed steps run, all rooms.",
    "# TYPE tickfire_ticks_total counter",
    `tickfire_ticks_total ${stats.ticks}`,
    "# HELP tickfire_tick_overruns_total Steps that started more than one tick late.",
    "# TYPE tickfire_tick_overruns_total counter",
    `tickfire_tick_overruns_total ${stats.overruns}`,
    "# HELP tickfire_rooms Arena rooms on this process.",
    "# TYPE tickfire_rooms gauge",
    `tickfire_rooms ${load.rooms}`,
    "# HELP tickfire_players Players in arena rooms on this process.",
    "# TYPE tickfire_players gauge",
    `tickfire_players ${load.players}`,
    "# HELP process_cpu_seconds_total User and system CPU time spent, seconds.",
    "# TYPE process_cpu_seconds_total counter",
    `process_cpu_seconds_total ${(usage.user + usage.system) / 1e6}`,
    "# HELP process_resident_memory_bytes Resident memory size, bytes.",
    "# TYPE process_resident_memory_bytes gauge",
    `process_resident_memory_bytes ${rssBytes}`,
    "# HELP tickfire_heap_used_bytes V8 heap in use (live objects and garbage not yet collected), bytes.",
    "# TYPE tickfire_heap_used_bytes gauge",
    `tickfire_heap_used_bytes ${heapUsedBytes ?? mem.heapUsed}`,
    "# HELP process_heap_total_bytes V8 heap reserved (used and free), bytes.",
    "# TYPE process_heap_total_bytes gauge",
    `process_heap_total_bytes ${mem.heapTotal}`,
    "# HELP nodejs_external_memory_bytes Memory of C++ objects bound to JS objects (ArrayBuffers included), bytes.",
    "# TYPE nodejs_external_memory_bytes gauge",
    `nodejs_external_memory_bytes ${mem.external}`,
    "# HELP nodejs_array_buffers_bytes Memory of ArrayBuffers and Buffers (part of external), bytes.",
    "# TYPE nodejs_array_buffers_bytes gauge",
    `nodejs_array_buffers_bytes ${mem.arrayBuffers}`,
  ];
  if (load.clients !== undefined) {
    lines.push("# HELP tickfire_clients Connected clients in every room of this process.", "# TYPE tickfire_clients gauge", `tickfire_clients ${load.clients}`);
  }
  if (load.drops) {
    lines.push("# HELP tickfire_dropped_inputs_total Input refused or corrected (dropped, clamped, rate-limited), by reason.", "# TYPE tickfire_dropped_inputs_total counter");
    for (const [reason, n] of Object.entries(load.drops).sort()) lines.push(`tickfire_dropped_inputs_total{reason="${reason}"} ${n}`);
    lines.push("# HELP tickfire_chat_rate_limited_total Chat messages refused by the per-player rate limit.", "# TYPE tickfire_chat_rate_limited_total counter", `tickfire_chat_rate_limited_total ${load.drops.chatRateLimited ?? 0}`);
  }
  if (load.bytes) {
    lines.push(
      "# HELP tickfire_bytes_received_total TCP bytes received (HTTP and WebSocket).",
      "# TYPE tickfire_bytes_received_total counter",
      `tickfire_bytes_received_total ${load.bytes.in}`,
      "# HELP tickfire_bytes_sent_total TCP bytes sent (HTTP and WebSocket).",
      "# TYPE tickfire_bytes_sent_total counter",
      `tickfire_bytes_sent_total ${load.bytes.out}`,
    );
  }
  return lines.join("\n") + "\n";
}

export { tickStats };
