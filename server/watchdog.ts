/**
 * A process whose event loop is stuck serves nobody, answers no health check and ignores
 * SIGTERM (its handler would run on the stuck loop). Two pieces notice it:
 *
 * - `LoopHeartbeat` (main thread): a timer stamps the time into shared memory; the
 *   longest gap between stamps in the last seconds makes /healthz answer 503 right after
 *   a stall, so a load balancer backs off.
 * - a watchdog worker thread reads the stamp on its own event loop; when it is older than
 *   the bound it writes one line to stderr and ends the whole process with SIGKILL (a
 *   non-zero exit), so a supervisor restarts it and the cluster's sweep removes its rooms.
 */
import { Worker } from "node:worker_threads";
import { HEALTH_STALL_MS, HEALTH_STALL_WINDOW_MS } from "../shared/constants.ts";

/** ms between heartbeat stamps: fine enough to measure a stall, cheap at 4 Hz. */
const BEAT_MS = 250;

/** Wall-clock-based ms that never jumps with the system clock; each thread computes the same. */
function monotonicNow(): number {
  return performance.timeOrigin + performance.now();
}

// The worker is plain JavaScript evaluated from a string: no file to resolve, no type
// stripping needed inside the worker, and nothing in it can block on the main loop.
const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { writeSync } = require("node:fs");
const stamp = new Float64Array(workerData.shared);
const boundMs = workerData.boundMs;
const now = () => performance.timeOrigin + performance.now();
setInterval(() => {
  const stuckMs = now() - stamp[0];
  if (stuckMs < boundMs) return;
  writeSync(2, "tickfire: watchdog: event loop stuck for " + (stuckMs / 1000).toFixed(1) + " s (bound " + boundMs / 1000 + " s); ending the process so it can be restarted\\n");
  process.kill(workerData.pid, "SIGKILL");
}, Math.min(1000, Math.max(50, boundMs / 10)));
`;

export class LoopHeartbeat {
  private readonly shared = new SharedArrayBuffer(8);
  private readonly stamp = new Float64Array(this.shared);
  private readonly gaps: { at: number; gapMs: number }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private watchdog: Worker | null = null;

  start(): this {
    if (this.timer) return this;
    this.stamp[0] = monotonicNow();
    this.timer = setInterval(() => this.beat(), BEAT_MS);
    this.timer.unref();
    return this;
  }

  private beat(): void {
    const now = monotonicNow();
    const gapMs = now - this.stamp[0];
    this.stamp[0] = now;
    if (gapMs >= HEALTH_STALL_MS) this.gaps.push({ at: now, gapMs });
    while (this.gaps.length > 0 && now - this.gaps[0]!.at > HEALTH_STALL_WINDOW_MS) this.gaps.shift();
  }

  /** The longest stall (ms) seen in the last HEALTH_STALL_WINDOW_MS, 0 when none passed HEALTH_STALL_MS. */
  recentStallMs(now = monotonicNow()): number {
    if (!this.timer) return 0;
    let worst = 0;
    for (const g of this.gaps) if (now - g.at <= HEALTH_STALL_WINDOW_MS) worst = Math.max(worst, g.gapMs);
    // A stall still going on is seen too (the timer has not run yet to record it).
    const current = now - this.stamp[0];
    return Math.max(worst, current >= HEALTH_STALL_MS ? current : 0);
  }

  /** Starts the watchdog thread: the process is SIGKILLed once the loop is stuck `seconds`. 0 = off. */
  armWatchdog(seconds: number): this {
    if (seconds <= 0 || this.watchdog) return this;
    this.watchdog = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { shared: this.shared, boundMs: seconds * 1000, pid: process.pid },
    });
    // The watchdog must never keep a finished process alive.
    this.watchdog.unref();
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    void this.watchdog?.terminate();
    this.watchdog = null;
  }
}

/** The process's one heartbeat, read by /healthz. */
export const loopHeartbeat = new LoopHeartbeat();

/**
 * TICKFIRE_TEST_HOOKS=1 only: SIGUSR2 blocks the event loop (for good, or for
 * TICKFIRE_TEST_BLOCK_MS), as a bug or an
 * attack would, so the tests can watch the watchdog and the cluster's supervisor act.
 * Never set in production; without the variable SIGUSR2 keeps Node's default.
 */
export function installTestHooks(env: NodeJS.ProcessEnv = process.env): void {
  if (env.TICKFIRE_TEST_HOOKS !== "1") return;
  // TICKFIRE_TEST_BLOCK_MS bounds the block, for tests of what a process says after a stall.
  const blockMs = Number(env.TICKFIRE_TEST_BLOCK_MS ?? Infinity);
  process.on("SIGUSR2", () => {
    console.error(`tickfire: test hook: SIGUSR2, blocking the event loop ${Number.isFinite(blockMs) ? `for ${blockMs} ms` : "until killed"}`);
    const until = performance.now() + blockMs;
    while (performance.now() < until) {
      // Deliberately spin: nothing else on this thread may run.
    }
  });
}
