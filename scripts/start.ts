// `npm start` (= node scripts/start.ts [--port N] [--host H]).
// 1. Builds the client into dist/ when dist/index.html is missing or older than
//    any client source (cheap mtime check), through Vite's JS API so it runs on
//    this Node (the vite bin's shebang could pick up another `node`).
//    `--build-only` stops after this step.
// 2. Starts the game server in this process by importing server/index.ts; it
//    reads --port/--host from process.argv and PORT/HOST from the env itself.
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { stripVTControlCharacters } from "node:util";

const root = fileURLToPath(new URL("..", import.meta.url));
const distIndex = join(root, "dist", "index.html");
const SOURCES = ["client", "shared", "public", "index.html", "vite.config.ts", "scripts/precompress.ts", "scripts/phaser-build.ts", "package-lock.json"];

/** Newest mtime (ms) among the build inputs. */
function newestSourceMtime(): number {
  let newest = 0;
  for (const rel of SOURCES) {
    const abs = join(root, rel);
    if (!existsSync(abs)) continue;
    const st = statSync(abs);
    newest = Math.max(newest, st.mtimeMs);
    if (!st.isDirectory()) continue;
    for (const entry of readdirSync(abs, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

function buildReason(): string | null {
  if (!existsSync(distIndex)) return "dist/index.html missing";
  if (newestSourceMtime() > statSync(distIndex).mtimeMs) return "sources changed since last build";
  return null;
}

/** One informative line (message + file:line:col) out of a Rolldown-aggregated build error. */
function firstErrorLine(err: unknown): string {
  const first = (err as { errors?: unknown[] } | null)?.errors?.[0] ?? err;
  const message = (first as { message?: unknown } | null)?.message;
  const text = stripVTControlCharacters(typeof message === "string" ? message : String(first));
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !/^Build failed with \d+ errors?:?$/.test(l));
  const line = lines[0] ?? "unknown error";
  const where = /[\w./@-]+\.[cm]?[jt]sx?:\d+:\d+/.exec(text)?.[0];
  return where && !line.includes(where) ? `${line} (${where})` : line;
}

async function buildClient(reason: string): Promise<void> {
  console.log(`start: building client (${reason}) ...`);
  const t0 = performance.now();
  // Vite sets NODE_ENV=production while building; do not let that leak into
  // the server, which would otherwise behave differently after a rebuild.
  const nodeEnv = process.env.NODE_ENV;
  try {
    const { build } = await import("vite");
    // A production bundle whatever NODE_ENV the caller had (a test runner sets "test",
    // which would make Vite produce a development build).
    process.env.NODE_ENV = "production";
    await build({ root, mode: "production", configFile: join(root, "vite.config.ts"), logLevel: "warn" });
  } catch (err) {
    console.error(`start: client build failed: ${firstErrorLine(err)}`);
    process.exit(1);
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  console.log(`start: client built into dist/ in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

const reason = buildReason();
if (reason) await buildClient(reason);
else console.log("start: dist/ is up to date");

// `npm start -- --build-only`: just make sure dist/ is fresh (CI, e2e setup).
if (process.argv.includes("--build-only")) process.exit(0);

// Non-literal specifier: resolved at runtime relative to this file, whatever the cwd.
const serverEntry = new URL("../server/index.ts", import.meta.url).href;
const { main } = (await import(serverEntry)) as { main: (argv: string[]) => Promise<void> };
await main(process.argv.slice(2));
