/**
 * What the soak reads from the server: its /metrics text (memory, tick, load) and its
 * log lines (errors and warnings). Pure parsing and counting only.
 */
import { metric, parsePrometheus, tickMetrics } from "./prom.ts";

export interface ServerReading {
  rssBytes: number;
  /** NaN when the server has no tickfire_heap_used_bytes. */
  heapUsedBytes: number;
  /** V8 heap reserved, memory outside it (external, of which ArrayBuffers); NaN when absent. */
  heapTotalBytes: number;
  externalBytes: number;
  arrayBuffersBytes: number;
  /** s, over the server's last ~5 s of steps. */
  tickP50: number;
  tickP99: number;
  tickMax: number;
  /** cumulative. */
  ticks: number;
  overruns: number;
  rooms: number;
  players: number;
  /** NaN when the server does not report it. */
  clients: number;
}

export function readServerMetrics(text: string): ServerReading {
  const t = tickMetrics(text);
  const s = parsePrometheus(text);
  return {
    rssBytes: t.rssBytes,
    heapUsedBytes: metric(s, "tickfire_heap_used_bytes") ?? NaN,
    heapTotalBytes: metric(s, "process_heap_total_bytes") ?? NaN,
    externalBytes: metric(s, "nodejs_external_memory_bytes") ?? NaN,
    arrayBuffersBytes: metric(s, "nodejs_array_buffers_bytes") ?? NaN,
    tickP50: t.p50,
    tickP99: t.p99,
    tickMax: t.max,
    ticks: t.count,
    overruns: t.overruns,
    rooms: t.rooms,
    players: t.players,
    clients: metric(s, "tickfire_clients") ?? NaN,
  };
}

/** A log line that reports a failure. Stack frames ("    at f (file:1:2)") are part of
 *  the line above them, not errors of their own. */
const ERROR_LINE = /error|exception|fatal|uncaught|unhandled|EADDRINUSE|ECONNRESET|EPIPE/i;
const WARNING_LINE = /warn/i;
const STACK_FRAME = /^\s+at\s/;

export type LineKind = "error" | "warning" | "other";

export function classifyLine(line: string): LineKind {
  if (line.trim() === "" || STACK_FRAME.test(line)) return "other";
  if (ERROR_LINE.test(line)) return "error";
  if (WARNING_LINE.test(line)) return "warning";
  return "other";
}

/** Distinct lines kept as examples for the report. */
const MAX_KEPT = 20;
/** characters of one kept line. */
const MAX_LINE = 300;

/**
 * Counts the server's error and warning lines on both streams, from chunks as they
 * arrive; keeps the first distinct ones (with counts) as examples.
 */
export class LogWatch {
  errors = 0;
  warnings = 0;
  /** lines on stderr that are neither (a server that is well writes nothing there). */
  otherStderr = 0;
  readonly kept = new Map<string, { kind: LineKind; stream: string; count: number }>();
  private readonly partial: Record<string, string> = {};

  feed(stream: "stdout" | "stderr", chunk: string): void {
    const text = (this.partial[stream] ?? "") + chunk;
    const lines = text.split("\n");
    this.partial[stream] = lines.pop()!;
    for (const line of lines) this.line(stream, line.replace(/\r$/, ""));
  }

  /** Counts a last line that had no newline (the process is gone). */
  flush(): void {
    for (const [stream, rest] of Object.entries(this.partial)) if (rest) this.line(stream, rest);
    for (const k of Object.keys(this.partial)) this.partial[k] = "";
  }

  private line(stream: string, line: string): void {
    // blank lines and stack frames belong to the line above them
    if (line.trim() === "" || STACK_FRAME.test(line)) return;
    const kind = classifyLine(line);
    if (kind === "error") this.errors++;
    else if (kind === "warning") this.warnings++;
    else if (stream === "stderr") this.otherStderr++;
    else return; // stdout chatter
    const key = line.slice(0, MAX_LINE);
    const seen = this.kept.get(key);
    if (seen) seen.count++;
    else if (this.kept.size < MAX_KEPT) this.kept.set(key, { kind, stream, count: 1 });
  }

  examples(): { line: string; kind: LineKind; stream: string; count: number }[] {
    return [...this.kept].map(([line, v]) => ({ line, ...v }));
  }
}
