/**
 * Turns cumulative counters (patches, bytes down and up, corrections) into per-second
 * rates over a sliding window, for the net graph. Pure: readings and times come in.
 */
import { NET_GRAPH_WINDOW_MS } from "../../shared/constants.ts";

export interface NetCounters {
  patches: number;
  /** bytes received, cumulative. */
  down: number;
  /** bytes sent, cumulative. */
  up: number;
  corrections: number;
}

export interface NetRates {
  patchesPerS: number;
  /** bytes / s. */
  downBps: number;
  upBps: number;
  correctionsPerS: number;
}

interface Reading {
  at: number;
  c: NetCounters;
}

export class NetStats {
  private readonly windowMs: number;
  /** Oldest first; the first is the newest reading at least windowMs old (the base). */
  private readonly readings: Reading[] = [];

  constructor(windowMs = NET_GRAPH_WINDOW_MS) {
    this.windowMs = windowMs;
  }

  /**
   * Adds a reading of the counters taken at `nowMs` and returns the rates from the base
   * reading to it: over one window once a window has passed, over what there is before
   * (all 0 on the very first reading).
   */
  sample(nowMs: number, counters: NetCounters): NetRates {
    const r = this.readings;
    r.push({ at: nowMs, c: { ...counters } });
    while (r.length > 2 && nowMs - r[1]!.at >= this.windowMs) r.shift();
    const base = r[0]!;
    const span = nowMs - base.at;
    const per = (k: keyof NetCounters) => (span > 0 ? (Math.max(0, counters[k] - base.c[k]) * 1000) / span : 0);
    return { patchesPerS: per("patches"), downBps: per("down"), upBps: per("up"), correctionsPerS: per("corrections") };
  }
}
