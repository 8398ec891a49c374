/**
 * The two shapes of per-client limit, on rate-limiter-flexible's in-memory store (one
 * process's view: in a cluster each process counts its own share).
 *
 * - RequestRate: at most `points` requests per window; past it, refused until the window
 *   ends.
 * - FailureBound: at most `points` failures per window, then blocked for `blockSeconds`.
 *   An attempt counts as a failure from the moment it starts and is refunded if it
 *   succeeds, so a burst of attempts sent in parallel (before any has failed) is bounded
 *   as well as a slow series.
 */
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

export type Verdict = { ok: true } | { ok: false; retryAfterSeconds: number };

function refused(e: unknown): Verdict {
  // The limiter rejects with a RateLimiterRes when over; anything else is a real error.
  if (!(e instanceof RateLimiterRes)) throw e;
  return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(e.msBeforeNext / 1000)) };
}

export class RequestRate {
  private readonly limiter: RateLimiterMemory;
  constructor(points: number, windowSeconds: number) {
    this.limiter = new RateLimiterMemory({ points, duration: windowSeconds });
  }
  async take(key: string): Promise<Verdict> {
    try {
      await this.limiter.consume(key);
      return { ok: true };
    } catch (e) {
      return refused(e);
    }
  }
}

export class FailureBound {
  private readonly limiter: RateLimiterMemory;
  constructor(points: number, windowSeconds: number, blockSeconds: number) {
    this.limiter = new RateLimiterMemory({ points, duration: windowSeconds, blockDuration: blockSeconds });
  }
  /** Call before an attempt: refused while the key is blocked. */
  async begin(key: string): Promise<Verdict> {
    try {
      await this.limiter.consume(key);
      return { ok: true };
    } catch (e) {
      return refused(e);
    }
  }
  /** The attempt begun for this key succeeded: it does not count. */
  async succeeded(key: string): Promise<void> {
    // If the window ran out meanwhile, a refund would open the next one below zero.
    const now = await this.limiter.get(key);
    if (now && now.consumedPoints > 0) await this.limiter.reward(key);
  }
}
