/**
 * Tick timing for the server's own health: how long each fixed step takes, and how many
 * steps start more than one tick late (overruns). Times are passed in, so it is testable.
 */

/** ms. The quantiles cover the steps that ended in this recent window: long enough to be
 *  steady, short enough that start-up (JIT warm-up) drops out of it within seconds. */
const WINDOW_MS = 5000;
/** steps. Ring capacity: 5 s of 30 Hz steps for about 200 rooms; older samples are lost. */
const CAPACITY = 32768;

export class TickStats {
  ticks = 0;
  overruns = 0;
  /** s, cumulative. */
  busySeconds = 0;
  private readonly recent: Float64Array;
  /** s each step started after it was due: what a late timer costs, not what the step costs. */
  private readonly late: Float64Array;
  private readonly endedAt: Float64Array;
  private readonly capacity: number;
  private filled = 0;
  private next = 0;

  /** `capacity`: steps kept. The process-wide set needs CAPACITY; one room's own far fewer. */
  constructor(capacity = CAPACITY) {
    this.capacity = capacity;
    this.recent = new Float64Array(capacity);
    this.late = new Float64Array(capacity);
    this.endedAt = new Float64Array(capacity);
  }

  /** A step that should have started at `scheduledMs` ran from `startMs` to `endMs`. */
  record(scheduledMs: number, startMs: number, endMs: number, stepMs: number): void {
    this.ticks++;
    if (startMs - scheduledMs > stepMs) this.overruns++;
    const seconds = (endMs - startMs) / 1000;
    this.busySeconds += seconds;
    this.recent[this.next] = seconds;
    this.late[this.next] = Math.max(0, startMs - scheduledMs) / 1000;
    this.endedAt[this.next] = endMs;
    this.next = (this.next + 1) % this.capacity;
    this.filled = Math.min(this.capacity, this.filled + 1);
  }

  /** Quantiles of step duration (s) over the steps that ended in the last WINDOW_MS before
   *  `nowMs`; 0 when none did. */
  quantiles(qs: readonly number[], nowMs: number): number[] {
    return this.windowQuantiles(this.recent, qs, nowMs);
  }

  /** Quantiles of how late steps started (s), over the same window as quantiles(). */
  lateness(qs: readonly number[], nowMs: number): number[] {
    return this.windowQuantiles(this.late, qs, nowMs);
  }

  private windowQuantiles(samples: Float64Array, qs: readonly number[], nowMs: number): number[] {
    const inWindow: number[] = [];
    for (let i = 0; i < this.filled; i++) if (nowMs - this.endedAt[i]! <= WINDOW_MS) inWindow.push(samples[i]!);
    if (inWindow.length === 0) return qs.map(() => 0);
    const sorted = inWindow.sort((a, b) => a - b);
    return qs.map((q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0);
  }
}

/**
 * When each step of one room was due. Colyseus' accumulator runs due steps back to back,
 * so a step's due time is anchor + n × step; after a hitch it drops the backlog, and so
 * do we (re-anchor) rather than count every later step as late forever.
 */
export class StepSchedule {
  private anchorMs = -1;
  private n = 0;
  private readonly stepMs: number;
  /** steps. Colyseus drops its backlog after this many catch-up steps. */
  private static readonly MAX_BACKLOG = 5;

  constructor(stepMs: number) {
    this.stepMs = stepMs;
  }

  /** The due time of the step starting now. */
  due(nowMs: number): number {
    if (this.anchorMs < 0 || nowMs - (this.anchorMs + this.n * this.stepMs) > StepSchedule.MAX_BACKLOG * this.stepMs) {
      this.anchorMs = nowMs;
      this.n = 0;
    }
    return this.anchorMs + this.n++ * this.stepMs;
  }
}

/** One process-wide set: every room records into it, /metrics reads it. */
export const tickStats = new TickStats();
