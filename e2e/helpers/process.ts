/**
 * Starts real Tickfire processes for end-to-end tests, on devkit/process.ts: the same way a
 * player or host would (npm start, node server/index.ts), with the test runner's own
 * variables removed from their environment.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { start, type Proc } from "../../devkit/process.ts";
import { freePort } from "../../devkit/ports.ts";
import { until } from "../../devkit/wait.ts";
import { SERVER_NODE_FLAGS } from "../../server/node-flags.ts";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export type RunningProcess = Proc;

/**
 * Runs `command args` in ROOT with the test's own Node 24 first on PATH, in its own process
 * group so npm and its children are stopped together. Server bots are off (FILL_TO=0) unless
 * `env` turns them on: most tests count and drive every player in their rooms.
 */
export function run(command: string, args: string[], env: Record<string, string> = {}): RunningProcess {
  const name = path.basename(args.find((a) => a.endsWith(".ts")) ?? command);
  return start(name, command, args, { cwd: ROOT, env: { ...parentEnv(), PATH: `${path.dirname(process.execPath)}:${process.env.PATH}`, FILL_TO: "0", ...env }, group: true });
}

/** This process's environment minus what the test runner adds (NODE_ENV=test, VITEST...). */
function parentEnv(): Record<string, string | undefined> {
  const env = { ...process.env };
  delete env.NODE_ENV;
  for (const key of Object.keys(env)) if (key.startsWith("VITEST")) delete env[key];
  return env;
}

/** `node server/index.ts ...args`: the dedicated server itself, no npm in between. */
export function runServer(args: string[], env: Record<string, string> = {}): RunningProcess {
  return run(process.execPath, [...SERVER_NODE_FLAGS, "server/index.ts", ...args], env);
}

/** `npm start` on a free loopback port, as a player would run it; resolves once it serves. */
export async function startGame(env: Record<string, string> = {}): Promise<{ server: RunningProcess; port: number; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const server = run("npm", ["start", "--", "--port", String(port), "--host", "127.0.0.1"], env);
  await until("npm start to print the URL", () => server.output().includes(url), 150_000).catch((e) => {
    throw new Error(`${(e as Error).message}\n--- server output ---\n${server.output()}`);
  });
  return { server, port, url };
}
