/**
 * `npm run bench:load`: what a new player downloads and waits for before the menu. Starts
 * `npm start` (building the client when stale), then in headless Chromium measures first
 * visits (fresh context, empty cache) and a repeat visit, unthrottled and over DevTools'
 * "Fast 3G" (bench/lib/first-load.ts says exactly what is counted). Writes
 * bench/results/load.md and load.json and prints one summary line. About a minute.
 */
import { mkdirSync, readdirSync, statSync, writeFileSync, existsSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { FIRST_LOAD_BUDGET_BYTES, FIRST_LOAD_GOAL_BYTES } from "../shared/constants.ts";
import { npmStart, REPO_ROOT } from "../devkit/npm-start.ts";
import { stop } from "../devkit/process.ts";
import { FAST_3G, measureVisit, type NetworkProfile } from "./lib/first-load.ts";
import { loadSummaryLine, renderLoadMarkdown, type DistFile, type LoadReport, type ProfileResult } from "./lib/load-report.ts";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../devkit/chromium.ts";

const RESULTS = path.resolve(import.meta.dirname, "results");
/** first visits per network profile; the report gives their median */
const RUNS = 3;
/** ms for one visit over the slowest profile */
const VISIT_TIMEOUT_MS = 90_000;

async function measureProfile(browser: Browser, url: string, profile: NetworkProfile | null): Promise<ProfileResult> {
  const result: ProfileResult = { profile, first: [], repeat: { bytes: 0, firstFrameMs: 0, scriptsLoadedMs: 0, requests: 0 }, resources: [], acceptEncoding: "" };
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    try {
      const visit = await measureVisit(context, url, profile, VISIT_TIMEOUT_MS);
      result.first.push({ bytes: visit.bytes, firstFrameMs: visit.firstFrameMs, scriptsLoadedMs: visit.scriptsLoadedMs, requests: visit.resources.length });
      await visit.page.close();
      if (run === 0) {
        result.resources = visit.resources;
        result.acceptEncoding = visit.acceptEncoding;
        const again = await measureVisit(context, url, profile, VISIT_TIMEOUT_MS);
        result.repeat = { bytes: again.bytes, firstFrameMs: again.firstFrameMs, scriptsLoadedMs: again.scriptsLoadedMs, requests: again.resources.length };
        await again.page.close();
      }
    } finally {
      await context.close();
    }
    console.log(`bench:load: ${profile?.name ?? "unthrottled"} run ${run + 1}/${RUNS}: ${result.first.at(-1)!.bytes} B, scripts in at ${Math.round(result.first.at(-1)!.scriptsLoadedMs)} ms, menu at ${Math.round(result.first.at(-1)!.firstFrameMs)} ms`);
  }
  return result;
}

/** Every file of dist/ with the sizes of its precompressed copies. */
function distFiles(dir: string): DistFile[] {
  if (!existsSync(dir)) return [];
  const size = (f: string) => (existsSync(f) ? statSync(f).size : null);
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !/\.(gz|br)$/.test(e.name))
    .map((e) => {
      const abs = path.join(e.parentPath, e.name);
      return { file: path.relative(dir, abs).split(path.sep).join("/"), bytes: statSync(abs).size, gzip: size(`${abs}.gz`), brotli: size(`${abs}.br`) };
    })
    .sort((a, b) => a.file.localeCompare(b.file));
}

async function main(): Promise<number> {
  const loadBefore = loadavg()[0]!;
  const { proc, url } = await npmStart();
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
    const profiles: ProfileResult[] = [];
    for (const profile of [null, FAST_3G]) profiles.push(await measureProfile(browser, url, profile));
    const report: LoadReport = {
      date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
      node: process.versions.node,
      chromium: browser.version(),
      cores: availableParallelism(),
      loadAverage: [loadBefore, loadavg()[0]!],
      budgetBytes: FIRST_LOAD_BUDGET_BYTES,
      goalBytes: FIRST_LOAD_GOAL_BYTES,
      profiles,
      dist: distFiles(path.join(REPO_ROOT, "dist")),
    };
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(path.join(RESULTS, "load.json"), JSON.stringify(report, null, 2) + "\n");
    writeFileSync(path.join(RESULTS, "load.md"), renderLoadMarkdown(report));
    console.log(`bench:load: ${loadSummaryLine(report)}`);
    console.log(`bench:load: wrote ${path.relative(process.cwd(), path.join(RESULTS, "load.md"))} and load.json`);
    return 0;
  } finally {
    await browser?.close();
    await stop(proc);
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`bench:load: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
