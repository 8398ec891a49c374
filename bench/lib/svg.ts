/**
 * bench/results/bench.svg, written by hand (no chart library): two panels, tick p99 and
 * downstream bytes per player-second against players, every side, with the targets dashed.
 * Players go on a log2 axis (the steps double); bytes on a log10 axis (the sides differ ~10x+).
 */
import { SIDE_LABEL, SIDES, type BenchRun, type Side } from "./types.ts";

export const COLORS: Record<Side, string> = { colyseus: "#1f77b4", colyseus15: "#8e44ad", json: "#e4572e" };
const W = 1020;
const H = 380;
const PANEL_W = 400;
const PANEL_H = 260;
const TOP = 50;

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c]!);
}

/** Round-ish tick values covering [0, max] for a linear axis. */
export function linearTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  const out: number[] = [];
  for (let v = 0; v <= max + step * 1e-9 && out.length < 50; v += step) out.push(Number(v.toPrecision(12)));
  if (out[out.length - 1]! < max) out.push(Number((out[out.length - 1]! + step).toPrecision(12)));
  return out;
}

/** Powers of ten covering [min, max] for a log axis. */
export function logTicks(min: number, max: number): number[] {
  const lo = Math.floor(Math.log10(Math.max(min, 1e-9)));
  const hi = Math.ceil(Math.log10(Math.max(max, min * 10, 1e-9)));
  const out: number[] = [];
  for (let e = lo; e <= hi && out.length < 20; e++) out.push(10 ** e);
  return out;
}

interface Series {
  side: Side;
  points: { x: number; y: number }[];
}

interface Panel {
  title: string;
  unit: string;
  log: boolean;
  series: Series[];
  target?: { y: number; label: string };
}

function panel(p: Panel, left: number, xs: number[]): string {
  const values = p.series.flatMap((s) => s.points.map((pt) => pt.y)).filter((v) => Number.isFinite(v) && (!p.log || v > 0));
  if (p.target) values.push(p.target.y);
  if (values.length === 0) values.push(1);
  const ticksY = p.log ? logTicks(Math.min(...values), Math.max(...values)) : linearTicks(Math.max(...values, 0) * 1.1);
  const [y0, y1] = p.log ? [Math.log10(ticksY[0]!), Math.log10(ticksY[ticksY.length - 1]!)] : [0, ticksY[ticksY.length - 1]!];
  const yPix = (v: number) => TOP + PANEL_H - (((p.log ? Math.log10(v) : v) - y0) / (y1 - y0 || 1)) * PANEL_H;
  const lx = xs.map((x) => Math.log2(x));
  const [xa, xb] = [Math.min(...lx) - 0.3, Math.max(...lx) + 0.3];
  const xPix = (x: number) => left + ((Math.log2(x) - xa) / (xb - xa || 1)) * PANEL_W;
  const o: string[] = [];
  o.push(`<text x="${left + PANEL_W / 2}" y="${TOP - 18}" text-anchor="middle" font-weight="bold">${escapeXml(p.title)}</text>`);
  o.push(`<rect x="${left}" y="${TOP}" width="${PANEL_W}" height="${PANEL_H}" fill="none" stroke="#999"/>`);
  for (const t of ticksY) {
    const y = yPix(t).toFixed(1);
    o.push(`<line x1="${left}" x2="${left + PANEL_W}" y1="${y}" y2="${y}" stroke="#eee"/>`);
    o.push(`<text x="${left - 6}" y="${y}" text-anchor="end" dominant-baseline="middle" font-size="11">${t.toLocaleString("en-US")}</text>`);
  }
  for (const x of xs) {
    const px = xPix(x).toFixed(1);
    o.push(`<line x1="${px}" x2="${px}" y1="${TOP}" y2="${TOP + PANEL_H}" stroke="#eee"/>`);
    o.push(`<text x="${px}" y="${TOP + PANEL_H + 16}" text-anchor="middle" font-size="11">${x}</text>`);
  }
  o.push(`<text x="${left + PANEL_W / 2}" y="${TOP + PANEL_H + 34}" text-anchor="middle" font-size="12">players (16-player rooms)</text>`);
  o.push(`<text x="${left - 70}" y="${TOP + PANEL_H / 2}" text-anchor="middle" font-size="12" transform="rotate(-90 ${left - 70} ${TOP + PANEL_H / 2})">${escapeXml(p.unit)}</text>`);
  if (p.target) {
    const y = yPix(p.target.y).toFixed(1);
    o.push(`<line x1="${left}" x2="${left + PANEL_W}" y1="${y}" y2="${y}" stroke="#2a9d2a" stroke-dasharray="6 4"/>`);
    o.push(`<text x="${left + PANEL_W - 4}" y="${Number(y) - 4}" text-anchor="end" font-size="11" fill="#2a9d2a">${escapeXml(p.target.label)}</text>`);
  }
  for (const s of p.series) {
    const pts = s.points.filter((pt) => Number.isFinite(pt.y) && (!p.log || pt.y > 0)).map((pt) => `${xPix(pt.x).toFixed(1)},${yPix(pt.y).toFixed(1)}`);
    if (pts.length > 1) o.push(`<polyline points="${pts.join(" ")}" fill="none" stroke="${COLORS[s.side]}" stroke-width="2"/>`);
    for (const pt of pts) {
      const [cx, cy] = pt.split(",");
      o.push(`<circle cx="${cx}" cy="${cy}" r="3.5" fill="${COLORS[s.side]}"/>`);
    }
  }
  return o.join("\n");
}

export function renderSvg(run: BenchRun): string {
  const series = (pick: (r: BenchRun["results"][number]) => number): Series[] =>
    SIDES.map((side) => ({
      side,
      points: run.steps.flatMap((n) => {
        const r = run.results.find((x) => x.side === side && x.target === n);
        return r ? [{ x: n, y: pick(r) }] : [];
      }),
    }));
  // entries side by side, each as wide as its label (about 7 px a character at 12 px)
  let x = 90;
  const legend = SIDES.map((side) => {
    const entry = `<rect x="${x}" y="${H - 22}" width="14" height="4" fill="${COLORS[side]}"/><text x="${x + 20}" y="${H - 16}" font-size="12">${escapeXml(SIDE_LABEL[side])}</text>`;
    x += 20 + SIDE_LABEL[side].length * 7 + 24;
    return entry;
  }).join("\n");
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="13">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    panel({ title: "Server tick p99", unit: "ms", log: false, series: series((r) => r.tick.p99Ms), target: { y: 5, label: "target ≤ 5 ms" } }, 90, run.steps),
    panel({ title: "Downstream per player", unit: "B/s (log)", log: true, series: series((r) => r.downBps), target: { y: 2000, label: "target ≤ 2,000 B/s" } }, 90 + PANEL_W + 110, run.steps),
    legend,
    `<text x="${W - 10}" y="14" text-anchor="end" font-size="11" fill="#666">${escapeXml(`${run.mode} run, ${run.startedAt}`)}</text>`,
    "</svg>",
    "",
  ].join("\n");
}
