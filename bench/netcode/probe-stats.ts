/**
 * What a probe measures, as plain mergeable data: one ProbeStats per probe, summed over a
 * room by mergeStats, turned into the figures the netcode bench reports by summarizeStats.
 * Pure: no clocks, no sockets.
 */
import { quantile } from "../../devkit/quantile.ts";
import { addCounts, emptyCounts, type HitRegCounts } from "./hit-matcher.ts";

/** Why an underrun episode happened, judged when the patch that ended it arrived. */
export const UNDERRUN_CAUSES = ["serverGap", "lateArrival", "renderClock", "unended"] as const;
export type UnderrunCause = (typeof UNDERRUN_CAUSES)[number];

export interface ProbeStats {
  probes: number;
  /** own-player reconciles in the window. */
  reconciles: number;
  /** world units, x/y corrections that moved the prediction while alive (teleports excluded). */
  corrections: number[];
  /** the same while the own player was dead on the server (hp 0 in the state). */
  deadCorrections: number[];
  /** corrections at or past the teleport distance, or in the reconcile that brought the
   *  player back to life (respawns): not mispredictions. */
  teleports: number;
  /** reconciles that moved x/y by nothing but whose SDK magnitude (max over x, y, hp) was
   *  at least 1: what GameSession's log would show as a correction from an hp change. */
  hpOnly: number;
  /** rendered frames counted by the client's UnderrunCounter, and those that underran. */
  frames: number;
  underruns: number;
  /** consecutive underrunning frames form one episode; episodes by cause. */
  episodes: Record<UnderrunCause, number>;
  /** ms, every counted frame: newest patch's server time minus the render target. */
  headroomMs: number[];
  /** ms, once a second per probe: the SDK's smoothed RTT, the adapted interp delay, jitter. */
  rttMs: number[];
  delayMs: number[];
  jitterMs: number[];
  hits: HitRegCounts;
}

export function emptyStats(): ProbeStats {
  return {
    probes: 0,
    reconciles: 0,
    corrections: [],
    deadCorrections: [],
    teleports: 0,
    hpOnly: 0,
    frames: 0,
    underruns: 0,
    episodes: { serverGap: 0, lateArrival: 0, renderClock: 0, unended: 0 },
    headroomMs: [],
    rttMs: [],
    delayMs: [],
    jitterMs: [],
    hits: emptyCounts(),
  };
}

export function mergeStats(a: ProbeStats, b: ProbeStats): ProbeStats {
  const episodes = { ...a.episodes };
  for (const c of UNDERRUN_CAUSES) episodes[c] += b.episodes[c];
  return {
    probes: a.probes + b.probes,
    reconciles: a.reconciles + b.reconciles,
    corrections: a.corrections.concat(b.corrections),
    deadCorrections: a.deadCorrections.concat(b.deadCorrections),
    teleports: a.teleports + b.teleports,
    hpOnly: a.hpOnly + b.hpOnly,
    frames: a.frames + b.frames,
    underruns: a.underruns + b.underruns,
    episodes,
    headroomMs: a.headroomMs.concat(b.headroomMs),
    rttMs: a.rttMs.concat(b.rttMs),
    delayMs: a.delayMs.concat(b.delayMs),
    jitterMs: a.jitterMs.concat(b.jitterMs),
    hits: addCounts(a.hits, b.hits),
  };
}

/** Quantile of `values` plus `zeros` extra zeros, without building the zeros. */
export function quantileWithZeros(values: readonly number[], zeros: number, q: number): number {
  const n = values.length + zeros;
  if (n === 0) return 0;
  const rank = Math.min(n, Math.max(1, Math.ceil(q * n)));
  if (rank <= zeros) return 0;
  return [...values].sort((x, y) => x - y)[rank - zeros - 1]!;
}

const round = (v: number, digits = 3) => Math.round(v * 10 ** digits) / 10 ** digits;

/** The figures the report shows, computed from a room's merged stats. */
export interface NetcodeFigures {
  probes: number;
  rttMsP50: number;
  delayMsP50: number;
  jitterMsP50: number;
  corrections: {
    reconciles: number;
    /** corrections counted (alive and dead; teleports excluded). */
    count: number;
    /** quantiles over the corrections themselves, as CorrectionLog.quantile defines them. */
    p50: number;
    p99: number;
    max: number;
    /** p99 over every reconcile (most move nothing). */
    p99AllReconciles: number;
    alive: { count: number; p99: number; max: number };
    dead: { count: number; p99: number; max: number };
    teleports: number;
    hpOnly: number;
  };
  underruns: { frames: number; underruns: number; pct: number; episodes: Record<UnderrunCause, number> };
  hits: Omit<HitRegCounts, "nearMissGaps"> & { sharePct: number | null; nearMissGapP50: number; nearMissGapMax: number };
  /** ms between the newest patch's server time and the render target, over every frame:
   *  how far the client was from an underrun (negative = an underrun). */
  headroomMs: { p1: number; p50: number; min: number };
}

export function summarizeStats(s: ProbeStats): NetcodeFigures {
  const all = s.corrections.concat(s.deadCorrections);
  const part = (v: number[]) => ({ count: v.length, p99: round(quantile(v, 0.99)), max: round(v.length ? Math.max(...v) : 0) });
  return {
    probes: s.probes,
    rttMsP50: round(quantile(s.rttMs, 0.5), 1),
    delayMsP50: round(quantile(s.delayMs, 0.5), 1),
    jitterMsP50: round(quantile(s.jitterMs, 0.5), 1),
    corrections: {
      reconciles: s.reconciles,
      count: all.length,
      p50: round(quantile(all, 0.5)),
      p99: round(quantile(all, 0.99)),
      max: round(all.length ? Math.max(...all) : 0),
      p99AllReconciles: round(quantileWithZeros(all, Math.max(0, s.reconciles - all.length), 0.99)),
      alive: part(s.corrections),
      dead: part(s.deadCorrections),
      teleports: s.teleports,
      hpOnly: s.hpOnly,
    },
    underruns: { frames: s.frames, underruns: s.underruns, pct: round(s.frames > 0 ? (100 * s.underruns) / s.frames : 0, 2), episodes: s.episodes },
    hits: hitFigures(s.hits),
    headroomMs: { p1: round(quantile(s.headroomMs, 0.01), 1), p50: round(quantile(s.headroomMs, 0.5), 1), min: round(s.headroomMs.reduce((m, v) => Math.min(m, v), s.headroomMs.length ? Infinity : 0), 1) },
  };
}

function hitFigures(h: HitRegCounts): NetcodeFigures["hits"] {
  const { nearMissGaps, ...rest } = h;
  const finite = nearMissGaps.filter((g) => Number.isFinite(g));
  return {
    ...rest,
    sharePct: h.screenHits > 0 ? round((100 * h.counted) / h.screenHits, 1) : null,
    nearMissGapP50: round(quantile(finite, 0.5), 1),
    nearMissGapMax: round(finite.length ? Math.max(...finite) : 0, 1),
  };
}
