/** The first-load bench's results as data and as the Markdown page bench/results/load.md. */
import type { LoadedResource, NetworkProfile } from "./first-load.ts";

export interface VisitFigures {
  bytes: number;
  firstFrameMs: number;
  /** ms until the last script had arrived */
  scriptsLoadedMs: number;
  requests: number;
}

export interface ProfileResult {
  profile: NetworkProfile | null;
  /** first visits, each in a fresh browser context (empty cache) */
  first: VisitFigures[];
  /** a second visit in the context of the first run */
  repeat: VisitFigures;
  /** the first run's responses */
  resources: LoadedResource[];
  acceptEncoding: string;
}

export interface DistFile {
  file: string;
  bytes: number;
  gzip: number | null;
  brotli: number | null;
}

export interface LoadReport {
  date: string;
  node: string;
  chromium: string;
  cores: number;
  /** the machine's 1-minute load average before and after the run: other work on the
   *  same cores stretches the times (not the bytes) */
  loadAverage: [number, number];
  budgetBytes: number;
  goalBytes: number;
  profiles: ProfileResult[];
  dist: DistFile[];
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const kb = (n: number | null) => (n === null ? "-" : `${(n / 1000).toFixed(1)} kB`);
const ms = (n: number) => `${Math.round(n)} ms`;

export function profileLabel(p: NetworkProfile | null): string {
  if (!p) return "unthrottled (loopback)";
  return `${p.name}: ${p.latencyMs} ms latency, ${Math.round(p.downloadBps)} B/s down, ${Math.round(p.uploadBps)} B/s up`;
}

/** One line for the terminal. */
export function loadSummaryLine(r: LoadReport): string {
  return r.profiles
    .map((p) => `${p.profile?.name ?? "unthrottled"}: ${kb(median(p.first.map((v) => v.bytes)))} first visit, menu at ${ms(median(p.first.map((v) => v.firstFrameMs)))}; repeat ${kb(p.repeat.bytes)}, ${ms(p.repeat.firstFrameMs)}`)
    .join(" | ");
}

export function renderLoadMarkdown(r: LoadReport): string {
  const out: string[] = [];
  out.push("# Tickfire first-load bench", "");
  out.push(`${r.date}, ${r.cores} cores, Node ${r.node}, Chromium ${r.chromium} (headless, software WebGL); \`npm start\` on loopback; ${r.profiles[0]?.first.length ?? 0} first visits per profile, each in a fresh browser context. Load average (1 min) ${r.loadAverage[0].toFixed(1)} before the run, ${r.loadAverage[1].toFixed(1)} after: on a busy machine the times stretch, the bytes do not.`, "");
  out.push("Bytes: what Chromium received over HTTP (CDP Network.loadingFinished encodedDataLength: headers plus the compressed body) from navigation until the menu is drawn and no request is in flight, the lobby's matchmaking call included, its WebSocket not. Time to first frame: from navigation start to the first animation frame with the Menu scene running and the menu form in the DOM.", "");
  const fast = r.profiles.find((p) => p.profile)!;
  const fastBytes = fast ? median(fast.first.map((v) => v.bytes)) : NaN;
  out.push("| goal | measured | |", "|---|---|---|");
  out.push(`| first visit ≤ ${kb(r.budgetBytes)} | ${kb(fastBytes)} | ${fastBytes <= r.budgetBytes ? "met" : "**missed**"} |`);
  out.push(`| first visit ≤ ${kb(r.goalBytes)} once Phaser is trimmed | ${kb(fastBytes)} | ${fastBytes <= r.goalBytes ? "met" : "**missed**"} |`, "");
  out.push("| network | first visit: bytes (median) | requests | scripts loaded at (median) | time to first frame median (min–max) | repeat visit: bytes | time to first frame |", "|---|---|---:|---|---|---|---|");
  for (const p of r.profiles) {
    const frames = p.first.map((v) => v.firstFrameMs);
    out.push(
      `| ${profileLabel(p.profile)} | ${kb(median(p.first.map((v) => v.bytes)))} | ${median(p.first.map((v) => v.requests))} | ${ms(median(p.first.map((v) => v.scriptsLoadedMs)))} | ${ms(median(frames))} (${ms(Math.min(...frames))}–${ms(Math.max(...frames))}) | ${kb(p.repeat.bytes)} | ${ms(p.repeat.firstFrameMs)} |`,
    );
  }
  const first = r.profiles[0];
  if (first) {
    out.push("", `## Responses of the first unthrottled visit`, "", `Chromium sent \`Accept-Encoding: ${first.acceptEncoding}\`.`, "");
    out.push("| status | encoding | cache-control | bytes | url |", "|---:|---|---|---:|---|");
    for (const res of first.resources) out.push(`| ${res.status} | ${res.encoding || "-"} | ${res.cacheControl || "-"} | ${res.bytes} | ${new URL(res.url).pathname} |`);
  }
  out.push("", "## Built files (dist/)", "", "| file | raw | gzip | brotli |", "|---|---:|---:|---:|");
  for (const f of r.dist) out.push(`| ${f.file} | ${kb(f.bytes)} | ${kb(f.gzip)} | ${kb(f.brotli)} |`);
  const sum = (pick: (f: DistFile) => number | null) => r.dist.reduce((n, f) => n + (pick(f) ?? f.bytes), 0);
  out.push(`| **all** | ${kb(sum((f) => f.bytes))} | ${kb(sum((f) => f.gzip))} | ${kb(sum((f) => f.brotli))} |`, "");
  return out.join("\n");
}
