/**
 * The net graph's numbers (F3), gathered for the Hud: the link (RTT, jitter), what
 * arrives and leaves (patches/s, bytes/s), remote interpolation, own-player prediction,
 * and the server's step times from the room's `stats` message. SDK-free: GameSession
 * reads the SDK and passes the readings in.
 */
import type { ServerStatsOut } from "../../shared/messages.ts";
import type { CorrectionLog } from "./corrections.ts";
import type { UnderrunCounter } from "./interp.ts";
import { NetStats } from "./netStats.ts";
import { wire, type WireCounters } from "./wireMeter.ts";

export interface NetGraphData {
  /** ms, the SDK's smoothed round trip. */
  rttMs: number;
  /** ms, the SDK's patch arrival jitter (RFC 3550 mean deviation). */
  jitterMs: number;
  patchesPerS: number;
  /** bytes / s of WebSocket payload, received and sent. */
  downBps: number;
  upBps: number;
  /** ms, the adapted delay remote players are drawn behind. */
  interpDelayMs: number;
  /** frames whose render time ran past the newest patch, since joining. */
  underruns: number;
  /** underruns among counted frames, %. */
  underrunPct: number;
  correctionsPerS: number;
  /** world units, sizes of the kept prediction corrections (respawn teleports excluded). */
  correctionP50: number;
  correctionP99: number;
  /** The room's step times from its last `stats` message; null until the first arrives. */
  serverTick: ServerStatsOut | null;
}

/** What GameSession reads from the SDK and its own counters at each refresh. */
export interface NetReadings {
  rttMs: number;
  jitterMs: number;
  interpDelayMs: number;
  underruns: UnderrunCounter;
  corrections: CorrectionLog;
}

export class NetGraphFeed {
  /** State patches received (and the full states, on join and reconnect). */
  patches = 0;
  serverTick: ServerStatsOut | null = null;
  private readonly rates: NetStats;
  private readonly bytes: WireCounters;

  constructor(bytes: WireCounters = wire, windowMs?: number) {
    this.bytes = bytes;
    this.rates = new NetStats(windowMs);
  }

  read(nowMs: number, r: NetReadings): NetGraphData {
    const rates = this.rates.sample(nowMs, {
      patches: this.patches,
      down: this.bytes.down,
      up: this.bytes.up,
      corrections: r.corrections.corrections,
    });
    return {
      rttMs: r.rttMs,
      jitterMs: r.jitterMs,
      ...rates,
      interpDelayMs: r.interpDelayMs,
      underruns: r.underruns.underruns,
      underrunPct: r.underruns.ratio * 100,
      correctionP50: r.corrections.quantile(0.5),
      correctionP99: r.corrections.quantile(0.99),
      serverTick: this.serverTick,
    };
  }
}
