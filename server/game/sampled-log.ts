import { format } from "node:util";

/**
 * Log lines that a client can trigger at will (a malformed frame, an undecodable message)
 * must not let one client flood the host's disk or drown real errors. Each kind of line
 * is printed the first time, then at most once per SAMPLED_LOG_EVERY_MS with a count of
 * how many were held back; the count of held-back lines is in /metrics.
 */

/** ms. At most one line of each kind this often. */
export const SAMPLED_LOG_EVERY_MS = 10_000;
/** kinds tracked at once; past it, new kinds share one bucket, so memory stays bounded. */
const MAX_KINDS = 64;
/** characters of a line's first line used as its kind, and printed at most. */
const KIND_CHARS = 160;

export class SampledLog {
  /** lines held back since start. */
  suppressed = 0;
  /** lines noted since start, printed or held (a caller can tell whether a call logged). */
  noted = 0;
  private readonly kinds = new Map<string, { printedAt: number; held: number }>();
  private readonly write: (line: string) => void;
  private readonly everyMs: number;

  constructor(write: (line: string) => void, everyMs = SAMPLED_LOG_EVERY_MS) {
    this.write = write;
    this.everyMs = everyMs;
  }

  note(kind: string, line: string, nowMs = performance.now()): void {
    this.noted++;
    const key = this.kinds.has(kind) || this.kinds.size < MAX_KINDS ? kind : "(other)";
    const seen = this.kinds.get(key);
    if (seen && nowMs - seen.printedAt < this.everyMs) {
      seen.held++;
      this.suppressed++;
      return;
    }
    const held = seen?.held ?? 0;
    this.kinds.set(key, { printedAt: nowMs, held: 0 });
    this.write(held > 0 ? `${line} (and ${held} more like it in the last ${Math.round((nowMs - seen!.printedAt) / 1000)} s)` : line);
  }
}

/** The process's sampler for lines clients can cause; it writes to the real stderr. */
export const sampledLog = new SampledLog((line) => process.stderr.write(line + "\n"));

/** characters of a sampled line printed (a stack trace is kept, a huge one cut). */
const LINE_CHARS = 2000;

function text(args: unknown[]): string {
  const all = format(...args);
  return all.length > LINE_CHARS ? `${all.slice(0, LINE_CHARS)}…` : all;
}

function kindOf(level: string, line: string): string {
  return `${level} ${(line.split("\n", 1)[0] ?? "").slice(0, KIND_CHARS)}`;
}

const sampling = new Set<SampledLog>();

/**
 * Routes console.warn and console.error through the sampler, for the whole process. Our
 * dependencies write there directly when a client's bytes do not decode (@colyseus/schema
 * warns per bad frame, Colyseus logs a stack per undecodable message), so this is the one
 * place every such line passes. Each kind still prints once per SAMPLED_LOG_EVERY_MS.
 */
export function sampleConsoleErrors(log: SampledLog = sampledLog): void {
  if (sampling.has(log)) return;
  sampling.add(log);
  for (const level of ["warn", "error"] as const) {
    console[level] = (...args: unknown[]) => {
      const line = text(args);
      log.note(kindOf(level, line), line);
    };
  }
}
