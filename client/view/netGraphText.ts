/** Pure formatting for the net graph (F3): its text lines and its RTT sparkline. */
import type { NetGraphData } from "../net/net.ts";

/** Shown where a number is not known yet (the server's step times before its first `stats`). */
export const UNKNOWN = "—";

/** Whole number with thousands commas, independent of the browser's locale. */
function grouped(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

const ms = (n: number, digits = 0) => `${n.toFixed(digits)} ms`;

/** Fixed-width lines for a monospace font, label column first. */
export function netGraphLines(d: NetGraphData): string[] {
  const t = d.serverTick;
  return [
    `rtt      ${ms(d.rttMs).padStart(7)}   jitter ${ms(d.jitterMs, 1)}`,
    `patches  ${d.patchesPerS.toFixed(1).padStart(5)}/s`,
    `down     ${grouped(d.downBps).padStart(7)} B/s   up ${grouped(d.upBps)} B/s`,
    `interp   ${ms(d.interpDelayMs).padStart(7)}   underruns ${d.underruns} (${d.underrunPct.toFixed(1)}%)`,
    `correct  ${d.correctionsPerS.toFixed(1).padStart(5)}/s   p50 ${d.correctionP50.toFixed(2)}  p99 ${d.correctionP99.toFixed(2)} u`,
    t ? `server   tick p50 ${t.tickP50Ms.toFixed(2)}  p99 ${t.tickP99Ms.toFixed(2)}  max ${t.tickMaxMs.toFixed(2)} ms` : `server   tick ${UNKNOWN}`,
  ];
}

/**
 * Heights (px, 0 at the bottom) of a sparkline `height` px tall. The scale tops out at the
 * largest value or `floor`, whichever is more, so a quiet 2 ms link stays a flat line low
 * down instead of filling the box with noise.
 */
export function sparkHeights(values: readonly number[], height: number, floor: number): number[] {
  const top = Math.max(floor, ...values);
  return values.map((v) => (Math.max(0, v) / top) * height);
}
