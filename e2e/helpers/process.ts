/**
 * Starts real Tickfire processes for end-to-end tests and waits on them by polling,
 * never by sleeping a fixed time.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../../server/testing/free-port.ts";
import { SERVER_NODE_FLAGS } from "../../server/node-flags.ts";

export { freePort };

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface RunningProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Runs `command args` in ROOT with the test's own Node 24 first on PATH. */
export function run(command: string, args: string[], env: Record<string, string> = {}): RunningProcess {
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...parentEnv(), PATH: `${path.dirname(process.execPath)}:${process.env.PATH}`, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // own process group, so npm and its children are stopped together
  });
  let out = "";
  child.stdout!.on("data", (d) => (out += d));
  child.stderr!.on("data", (d) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  );
  return { child, output: () => out, exited };
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
export async function startGame(): Promise<{ server: RunningProcess; port: number; url: string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const server = run("npm", ["start", "--", "--port", String(port), "--host", "127.0.0.1"]);
  await until("npm start to print the URL", () => server.output().includes(url), 150_000).catch((e) => {
    throw new Error(`${(e as Error).message}\n--- server output ---\n${server.output()}`);
  });
  return { server, port, url };
}

export async function until<T>(what: string, check: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function httpOk(url: string): Promise<boolean> {
  try {
    const res = await fetch(url);
    return res.ok;
  } catch {
    return false;
  }
}

/** Stops a process group politely, then firmly if it does not go within `graceMs`. */
export async function stop(p: RunningProcess, graceMs = 8000): Promise<void> {
  if (p.child.exitCode !== null || p.child.signalCode !== null) return;
  try {
    process.kill(-p.child.pid!, "SIGTERM");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-p.child.pid!, "SIGKILL");
    } catch {
      /* already gone */
    }
  }, graceMs);
  await p.exited;
  clearTimeout(timer);
}

/** Whether a process with this pid still exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
