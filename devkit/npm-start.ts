/**
 * `npm start` as a player runs it (building the client when it is stale), on a free
 * loopback port, for tools that drive the real game from outside: the first-load bench and
 * the screenshot command. npm and its children run in their own process group, so stop()
 * ends them together.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "./ports.ts";
import { start, type Proc } from "./process.ts";
import { poll } from "./wait.ts";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** ms for `npm start` to build the client (when stale) and listen. */
export const NPM_START_MS = 150_000;

/** `npm start -- --port <free> --host 127.0.0.1 ...serverArgs`; resolves once it prints its URL. */
export async function npmStart(serverArgs: readonly string[] = []): Promise<{ proc: Proc; url: string; port: number }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  // This Node (24) first on PATH: npm's scripts then run on it, whatever `node` the shell has.
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${path.dirname(process.execPath)}:${process.env.PATH ?? ""}` };
  delete env.NODE_ENV;
  const proc = start("npm start", "npm", ["start", "--", "--port", String(port), "--host", "127.0.0.1", ...serverArgs], { cwd: REPO_ROOT, env, group: true });
  let exited = false;
  void proc.exited.then(() => (exited = true));
  const ok = await poll(() => exited || proc.output().includes(url), NPM_START_MS, 100);
  if (!ok || exited) {
    throw new Error(`npm start did not ${exited ? "stay up" : `print ${url} within ${NPM_START_MS / 1000} s`}\n--- its output ---\n${proc.output().slice(-4000)}`);
  }
  return { proc, url, port };
}
