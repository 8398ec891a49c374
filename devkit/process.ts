/**
 * Child processes for e2e tests, the bench and the cluster script: start one, read what it
 * prints, wait until it is ready, stop it (a signal, then SIGKILL after a grace period).
 * Every wait is bounded.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { poll } from "./wait.ts";

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Proc {
  name: string;
  child: ChildProcess;
  pid: number;
  /** stdout and stderr as they came, the last OUTPUT_KEEP characters. */
  output: () => string;
  /** complete stdout lines so far (the last LINES_KEEP or more). */
  lines: string[];
  /** the last few KB of stderr, for error messages. */
  stderrTail: () => string;
  /** resolves with the next stdout line that passes `test`, or null after `timeoutMs`. */
  nextLine: (test: (line: string) => boolean, timeoutMs: number) => Promise<string | null>;
  /** resolves once the process is gone; a spawn failure is code 127. */
  exited: Promise<Exit>;
  /** started in its own process group (stop() signals the whole group). */
  group: boolean;
}

export interface StartOptions {
  cwd?: string;
  /** the whole environment of the child (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** own process group, so a wrapper (npm) and its children stop together. */
  group?: boolean;
  /** keep stdin open as a pipe (a bench reads snapshots by writing to it). */
  stdin?: boolean;
  /** copy each output line to this process's stdout/stderr as "[name] line", and keep
   *  nothing but the stderr tail: a long-running service's log must not pile up here. */
  echo?: boolean;
  /** the child writes straight to this terminal (its colours kept); nothing is read or kept. */
  inherit?: boolean;
}

/** characters of output kept: enough for any log a test searches, bounded for long runs. */
const OUTPUT_KEEP = 4 << 20;
/** stdout lines kept: a tool's result is among its last lines. */
const LINES_KEEP = 10_000;
const STDERR_TAIL = 8192;
/** ms to wait for the exit after SIGKILL before giving up on a process. */
const KILL_WAIT_MS = 2000;

export function start(name: string, command: string, args: string[], o: StartOptions = {}): Proc {
  const group = o.group ?? false;
  const child = spawn(command, args, { cwd: o.cwd, env: o.env ?? process.env, stdio: o.inherit ? "inherit" : [o.stdin ? "pipe" : "ignore", "pipe", "pipe"], detached: group });
  let out = "";
  let stderr = "";
  let partial = "";
  const lines: string[] = [];
  const waiters = new Set<(line: string) => boolean>();
  const keep = (chunk: string) => {
    if (o.echo) return;
    out += chunk;
    if (out.length > OUTPUT_KEEP * 2) out = out.slice(-OUTPUT_KEEP);
  };
  const echo = (stream: NodeJS.WritableStream, chunk: string) => {
    if (o.echo) for (const line of chunk.split("\n")) if (line.trim()) stream.write(`[${name}] ${line}\n`);
  };
  child.stdout?.setEncoding("utf8");
  child.stdout?.on("data", (chunk: string) => {
    keep(chunk);
    echo(process.stdout, chunk);
    partial += chunk;
    let i;
    while ((i = partial.indexOf("\n")) >= 0) {
      const line = partial.slice(0, i);
      partial = partial.slice(i + 1);
      if (!o.echo) lines.push(line);
      if (lines.length > LINES_KEEP * 2) lines.splice(0, LINES_KEEP);
      for (const w of [...waiters]) if (w(line)) waiters.delete(w);
    }
  });
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    keep(chunk);
    echo(process.stderr, chunk);
    stderr = (stderr + chunk).slice(-STDERR_TAIL);
  });
  child.stdin?.on("error", () => {}); // a child that exits early must not crash us with EPIPE
  const exited = new Promise<Exit>((resolve) => {
    child.on("exit", (code, signal) => resolve({ code, signal }));
    child.on("error", (e) => {
      stderr += `spawn failed: ${e.message}`;
      resolve({ code: 127, signal: null });
    });
  });
  const nextLine = (test: (line: string) => boolean, timeoutMs: number) =>
    new Promise<string | null>((resolve) => {
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
    });
  return { name, child, pid: child.pid ?? -1, output: () => out, lines, stderrTail: () => stderr, nextLine, exited, group };
}

let tasksetOk: boolean | undefined;
/** Whether `taskset -c 0` works here (util-linux present, affinity allowed). */
export function hasTaskset(): boolean {
  if (tasksetOk === undefined) tasksetOk = spawnSync("taskset", ["-c", "0", "true"], { stdio: "ignore", timeout: 5000 }).status === 0;
  return tasksetOk;
}

/**
 * `node <args>` with this process's Node (24; a bare `node` on PATH may be older), pinned to
 * `core` when it is given and taskset works. taskset execs node, so the pid is node's own.
 */
export function startNode(name: string, args: string[], o: StartOptions & { core?: number | null } = {}): Proc {
  const pinned = o.core != null && hasTaskset();
  return pinned ? start(name, "taskset", ["-c", String(o.core), process.execPath, ...args], o) : start(name, process.execPath, args, o);
}

export function isRunning(p: Proc): boolean {
  return p.child.exitCode === null && p.child.signalCode === null;
}

/** Whether a process with this pid still runs: a zombie (exited, not yet reaped) does not. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true; // no /proc here: trust the signal check
  }
}

/** "code 2" or "SIGTERM": how a process ended, for messages. */
export function exitText(e: Exit): string {
  return e.signal ?? `code ${e.code}`;
}

function signal(p: Proc, sig: NodeJS.Signals): void {
  try {
    if (p.group) process.kill(-p.pid, sig);
    else p.child.kill(sig);
  } catch {
    // already gone
  }
}

/**
 * Sends `signal` (default SIGTERM; to the whole group for a group process), SIGKILL if it has
 * not exited within `graceMs`, and resolves with how it ended (a SIGKILL exit if even that
 * was not seen within 2 s).
 */
export async function stop(p: Proc, o: { signal?: NodeJS.Signals; graceMs?: number } = {}): Promise<Exit> {
  if (!isRunning(p)) return p.exited;
  signal(p, o.signal ?? "SIGTERM");
  const timer = setTimeout(() => signal(p, "SIGKILL"), o.graceMs ?? 8000);
  const killed: Exit = { code: null, signal: "SIGKILL" };
  const exit = await Promise.race([p.exited, new Promise<Exit>((r) => setTimeout(() => r(killed), (o.graceMs ?? 8000) + KILL_WAIT_MS))]);
  clearTimeout(timer);
  return exit;
}

/**
 * Resolves once `check` passes; rejects when the process exits first or `timeoutMs` passes,
 * naming the process and `what` it did not do.
 */
export async function whenReady(p: Proc, what: string, check: () => Promise<boolean>, timeoutMs: number, everyMs = 100): Promise<void> {
  let gone: Exit | undefined;
  void p.exited.then((e) => (gone = e));
  const ok = await poll(async () => gone !== undefined || (await check()), timeoutMs, everyMs);
  if (gone) throw new Error(`${p.name} exited (${exitText(gone)}) before ${what}`);
  if (!ok) throw new Error(`${p.name}: no ${what} within ${timeoutMs} ms`);
}

/** Whether `url` answers 2xx; false on any error, or after `timeoutMs` when given. */
export async function httpOk(url: string, timeoutMs?: number): Promise<boolean> {
  try {
    const res = await fetch(url, timeoutMs === undefined ? {} : { signal: AbortSignal.timeout(timeoutMs) });
    return res.ok;
  } catch {
    return false;
  }
}
