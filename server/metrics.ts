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
  /** HTTP requests and connections the front gate refused since start, by reason (server/http/refusals.ts). */
  refused?: Record<string, number>;
  /** things a client or a bug caused that the process survived, since start. */
  incidents?: { roomErrors: number; slowConsumerCloses: number; logLinesSuppressed: number };
}

/** process.memoryUsage() fields beside RSS: where memory that is not live JS objects sits. */
export type MemoryGauges = Pick<NodeJS.MemoryUsage, "heapUsed" | "heapTotal" | "external" | "arrayBuffers">;

/** One metric's HELP and TYPE lines, then its sample lines. */
function metric(name: string, type: "gauge" | "counter" | "summary", help: string, ...samples: string[]): string[] {
  return [`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...samples];
}

export function renderMetrics(
  stats: TickStats,
  load: LoadCounts,
  nowMs = performance.now(),
  usage = process.cpuUsage(),
  rssBytes = process.memoryUsage.rss(),
  mem: MemoryGauges = process.memoryUsage(),
): string {
  const [p50, p99, max] = stats.quantiles([0.5, 0.99, 1], nowMs);
  const [late50, late99, lateMax] = stats.lateness([0.5, 0.99, 1], nowMs);
  const quantiles = (name: string, q50: number, q99: number, q1: number) => [`${name}{quantile="0.5"} ${q50}`, `${name}{quantile="0.99"} ${q99}`, `${name}{quantile="1"} ${q1}`];
  const lines = [
    ...metric(
      "tickfire_tick_duration_seconds",
      "summary",
      "Time one fixed simulation step took, over the steps of the last 5 s.",
      ...quantiles("tickfire_tick_duration_seconds", p50, p99, max),
      `tickfire_tick_duration_seconds_sum ${stats.busySeconds}`,
      `tickfire_tick_duration_seconds_count ${stats.ticks}`,
    ),
    ...metric("tickfire_tick_lateness_seconds", "summary", "How long after its due time a step started, over the steps of the last 5 s.", ...quantiles("tickfire_tick_lateness_seconds", late50, late99, lateMax)),
    ...metric("tickfire_ticks_total", "counter", "Fixed steps run, all rooms.", `tickfire_ticks_total ${stats.ticks}`),
    ...metric("tickfire_tick_overruns_total", "counter", "Steps that started more than one tick late.", `tickfire_tick_overruns_total ${stats.overruns}`),
    ...metric("tickfire_rooms", "gauge", "Arena rooms on this process.", `tickfire_rooms ${load.rooms}`),
    ...metric("tickfire_players", "gauge", "Players in arena rooms on this process.", `tickfire_players ${load.players}`),
    ...metric("process_cpu_seconds_total", "counter", "User and system CPU time spent, seconds.", `process_cpu_seconds_total ${(usage.user + usage.system) / 1e6}`),
    ...metric("process_resident_memory_bytes", "gauge", "Resident memory size, bytes.", `process_resident_memory_bytes ${rssBytes}`),
    ...metric("tickfire_heap_used_bytes", "gauge", "V8 heap in use (live objects and garbage not yet collected), bytes.", `tickfire_heap_used_bytes ${mem.heapUsed}`),
    ...metric("process_heap_total_bytes", "gauge", "V8 heap reserved (used and free), bytes.", `process_heap_total_bytes ${mem.heapTotal}`),
    ...metric("nodejs_external_memory_bytes", "gauge", "Memory of C++ objects bound to JS objects (ArrayBuffers included), bytes.", `nodejs_external_memory_bytes ${mem.external}`),
    ...metric("nodejs_array_buffers_bytes", "gauge", "Memory of ArrayBuffers and Buffers (part of external), bytes.", `nodejs_array_buffers_bytes ${mem.arrayBuffers}`),
  ];
  if (load.clients !== undefined) {
    lines.push(...metric("tickfire_clients", "gauge", "Connected clients in every room of this process.", `tickfire_clients ${load.clients}`));
  }
  if (load.drops) {
    const byReason = Object.entries(load.drops)
      .sort()
      .map(([reason, n]) => `tickfire_dropped_inputs_total{reason="${reason}"} ${n}`);
    lines.push(
      ...metric("tickfire_dropped_inputs_total", "counter", "Input refused or corrected (dropped, clamped, rate-limited), by reason.", ...byReason),
      ...metric("tickfire_chat_rate_limited_total", "counter", "Chat messages refused by the per-player rate limit.", `tickfire_chat_rate_limited_total ${load.drops.chatRateLimited ?? 0}`),
    );
  }
  if (load.bytes) {
    lines.push(
      ...metric("tickfire_bytes_received_total", "counter", "TCP bytes received (HTTP and WebSocket).", `tickfire_bytes_received_total ${load.bytes.in}`),
      ...metric("tickfire_bytes_sent_total", "counter", "TCP bytes sent (HTTP and WebSocket).", `tickfire_bytes_sent_total ${load.bytes.out}`),
    );
  }
  if (load.incidents) {
    const i = load.incidents;
    lines.push(
      ...metric("tickfire_room_errors_total", "counter", "Rooms closed after an error in their own code (the process went on).", `tickfire_room_errors_total ${i.roomErrors}`),
      ...metric("tickfire_slow_consumer_closes_total", "counter", "Sockets closed because their unsent backlog passed the bound.", `tickfire_slow_consumer_closes_total ${i.slowConsumerCloses}`),
      ...metric("tickfire_log_lines_suppressed_total", "counter", "Client-triggered log lines held back by sampling.", `tickfire_log_lines_suppressed_total ${i.logLinesSuppressed}`),
    );
  }
  if (load.refused) {
    const byReason = Object.entries(load.refused).map(([reason, n]) => `tickfire_http_refused_total{reason="${reason}"} ${n}`);
    lines.push(...metric("tickfire_http_refused_total", "counter", "HTTP requests and connections refused by the HTTP limits, by reason.", ...byReason));
  }
  return lines.join("\n") + "\n";
}

export { tickStats };
