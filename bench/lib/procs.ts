/**
 * Child processes for the bench: Node 24 (process.execPath) started directly, pinned to a
 * core with taskset when it exists. taskset execs the command, so the pid we hold is
 * node's own and /proc reads the right process. Every wait is bounded; every child is
 * killed on the way out.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

export interface Child {
  name: string;
  proc: ChildProcess;
  pid: number;
  /** complete stdout lines so far. */
  lines: string[];
  /** the last few KB of stderr, for error messages. */
  stderrTail: () => string;
  /** resolves with the exit code (or signal name) once the process is gone. */
  exited: Promise<number | string>;
  /** resolves with the next stdout line that passes `test`, or null after `timeoutMs`. */
  nextLine: (test: (line: string) => boolean, timeoutMs: number) => Promise<string | null>;
}

let tasksetOk: boolean | undefined;
/** Whether `taskset -c 0` works here (util-linux present, affinity allowed). */
export function hasTaskset(): boolean {
  if (tasksetOk === undefined) {
    const r = spawnSync("taskset", ["-c", "0", "true"], { stdio: "ignore", timeout: 5000 });
    tasksetOk = r.status === 0;
  }
  return tasksetOk;
}

/** Starts `node <args>` on `core` (or unpinned when core is null or taskset is missing). */
export function startNode(name: string, core: number | null, args: string[], env: NodeJS.ProcessEnv = {}): Child {
  const pinned = core !== null && hasTaskset();
  const [cmd, argv] = pinned ? ["taskset", ["-c", String(core), process.execPath, ...args]] : [process.execPath, args];
  const proc = spawn(cmd as string, argv as string[], { cwd: process.cwd(), env: { ...process.env, ...env }, stdio: ["pipe", "pipe", "pipe"] });
  const lines: string[] = [];
  const waiters = new Set<(line: string) => boolean>();
  let partial = "";
  proc.stdout!.setEncoding("utf8");
  proc.stdout!.on("data", (chunk: string) => {
    partial += chunk;
    let i;
    while ((i = partial.indexOf("\n")) >= 0) {
      const line = partial.slice(0, i);
      partial = partial.slice(i + 1);
      lines.push(line);
      for (const w of [...waiters]) if (w(line)) waiters.delete(w);
    }
  });
  let stderr = "";
  proc.stderr!.setEncoding("utf8");
  proc.stderr!.on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-8192);
  });
  proc.stdin!.on("error", () => {}); // a child that exits early must not crash us with EPIPE
  const exited = new Promise<number | string>((resolve) => {
    proc.on("exit", (code, signal) => resolve(code ?? signal ?? "unknown"));
    proc.on("error", (e) => resolve(`spawn failed: ${e.message}`));
  });
  return {
    name,
    proc,
    pid: proc.pid ?? -1,
    lines,
    stderrTail: () => stderr,
    exited,
    nextLine: (test, timeoutMs) =>
      new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiters.delete(w);
          resolve(null);
        }, timeoutMs);
        const w = (line: string) => {
          if (!test(line)) return false;
          clearTimeout(timer);
          resolve(line);
          return true;
        };
        waiters.add(w);
      }),
  };
}

/** Sends `signal`, waits up to `graceMs` for the exit, then SIGKILLs (and waits 2 s more). */
export async function stopChild(child: Child, signal: NodeJS.Signals, graceMs: number): Promise<number | string> {
  if (child.proc.exitCode !== null || child.proc.signalCode !== null) return child.exited;
  child.proc.kill(signal);
  const timedOut = Symbol("timeout");
  const first = await Promise.race([child.exited, sleep(graceMs).then(() => timedOut)]);
  if (first !== timedOut) return first as number | string;
  child.proc.kill("SIGKILL");
  return (await Promise.race([child.exited, sleep(2000).then(() => "SIGKILL (did not exit)")])) as number | string;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** A free TCP port on 127.0.0.1 from the kernel, never the game's default 2567. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const s = createServer();
      s.once("error", reject);
      s.listen(0, "127.0.0.1", () => {
        const a = s.address();
        const p = typeof a === "object" && a ? a.port : 0;
        s.close(() => resolve(p));
      });
    });
    if (port !== 2567 && port > 0) return port;
  }
  throw new Error("no free port on 127.0.0.1");
}

/** Polls `probe` every `everyMs` until it returns a value or `timeoutMs` passes (then null). */
export async function waitFor<T>(probe: () => Promise<T | null>, timeoutMs: number, everyMs = 200): Promise<T | null> {
  const until = performance.now() + timeoutMs;
  while (performance.now() < until) {
    const v = await probe().catch(() => null);
    if (v !== null) return v;
    await sleep(everyMs);
  }
  return null;
}
