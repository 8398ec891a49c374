/**
 * Remote-player interpolation health: the delay adapted to the measured patch cadence and
 * jitter, and a count of rendered frames whose render time ran past the newest patch (an
 * underrun: the SDK then holds the last sample). Pure: the clock readings come in, so the
 * client and the bots compute both the same way.
 */
import {
  INTERP_ADAPT_EVERY_MS,
  INTERP_DELAY_MAX_MS,
  INTERP_DELAY_MIN_MS,
  INTERP_DELAY_MS,
  INTERP_JITTER_SPAN,
  INTERP_PATCH_SPAN,
  INTERP_STEP_DOWN_MS,
  INTERP_STEP_UP_MS,
} from "../../shared/constants.ts";

/** The delay that covers `patchMs` cadence with `jitterMs` of arrival jitter, ms. */
export function desiredDelay(patchMs: number, jitterMs: number): number {
  const want = patchMs * INTERP_PATCH_SPAN + jitterMs * INTERP_JITTER_SPAN;
  return Math.min(INTERP_DELAY_MAX_MS, Math.max(INTERP_DELAY_MIN_MS, Math.round(want)));
}

/** Moves the delay toward desiredDelay() in small steps: up quickly, down slowly. */
export class InterpDelay {
  delayMs = INTERP_DELAY_MS;
  private lastAdaptMs = -Infinity;

  /** Returns true when the delay changed. `patchMs` 0 = cadence not known yet. */
  adapt(nowMs: number, patchMs: number, jitterMs: number): boolean {
    if (patchMs <= 0 || nowMs - this.lastAdaptMs < INTERP_ADAPT_EVERY_MS) return false;
    this.lastAdaptMs = nowMs;
    const gap = desiredDelay(patchMs, jitterMs) - this.delayMs;
    const step = gap > 0 ? Math.min(gap, INTERP_STEP_UP_MS) : Math.max(gap, -INTERP_STEP_DOWN_MS);
    this.delayMs += step;
    return step !== 0;
  }
}

/**
 * The server time the SDK's lerp renders remote players at: serverNow minus the delay and
 * half the round trip (the same instant the server rewinds a shot to).
 */
export function renderTarget(serverNowMs: number, delayMs: number, smoothedRttMs: number): number {
  return serverNowMs - delayMs - smoothedRttMs / 2;
}

export class UnderrunCounter {
  frames = 0;
  underruns = 0;

  /** One rendered frame: did its render time pass the newest patch's server time? */
  frame(targetMs: number, newestPatchMs: number): boolean {
    if (newestPatchMs <= 0) return false; // no patch yet: nothing to count against
    this.frames++;
    const under = targetMs > newestPatchMs;
    if (under) this.underruns++;
    return under;
  }

  /** Share of counted frames that underran, 0..1. */
  get ratio(): number {
    return this.frames > 0 ? this.underruns / this.frames : 0;
  }
}
