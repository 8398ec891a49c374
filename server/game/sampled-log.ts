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
  private readonly kinds = new Map<string, { printedAt: number; held: number }>();
  private readonly write: (line: string) => void;
  private readonly everyMs: number;

  constructor(write: (line: string) => void, everyMs = SAMPLED_LOG_EVERY_MS) {
    this.write = write;
    this.everyMs = everyMs;
  }

  note(kind: string, line: string, nowMs = performance.now()): void {
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

/** The process's sampler for lines clients can cause. */
export const sampledLog = new SampledLog((line) => console.error(line));

/** characters of a sampled Colyseus line printed (a stack trace is kept, a huge one cut). */
const LINE_CHARS = 2000;

function text(args: unknown[]): string {
  const all = args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a))).join(" ");
  return all.length > LINE_CHARS ? `${all.slice(0, LINE_CHARS)}…` : all;
}

function kindOf(level: string, args: unknown[]): string {
  const first = text(args).split("\n", 1)[0] ?? "";
  return `${level} ${first.slice(0, KIND_CHARS)}`;
}

/**
 * Colyseus' logger (defineServer's `logger`): errors and warnings are sampled by their
 * first line, so a client sending undecodable messages costs one stack trace per 10 s,
 * not one per frame; everything else passes through.
 */
export const colyseusLogger = {
  debug: (...args: unknown[]) => console.debug(...args),
  info: (...args: unknown[]) => console.info(...args),
  trace: (...args: unknown[]) => console.trace(...args),
  warn: (...args: unknown[]) => sampledLog.note(kindOf("warn", args), text(args)),
  error: (...args: unknown[]) => sampledLog.note(kindOf("error", args), text(args)),
};
