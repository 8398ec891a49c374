/**
 * CPU and memory of a process as the kernel counts them (/proc), so the bench measures the
 * server as deployed: user+sys time of every thread, plus any live descendants (in case a
 * wrapper sits between us and node), and the resident set.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync } from "node:fs";

export interface ProcStat {
  pid: number;
  ppid: number;
  state: string;
  /** clock ticks, all threads. */
  utime: number;
  stime: number;
}

/** Parses /proc/<pid>/stat. The command name may hold spaces and ")", so split after the last ")". */
export function parseProcStat(text: string): ProcStat {
  const close = text.lastIndexOf(")");
  if (close < 0) throw new Error("not a /proc/<pid>/stat line");
  const pid = Number(text.slice(0, text.indexOf("(")).trim());
  // fields after the name, numbered from 3 (state) as in proc(5)
  const f = text.slice(close + 2).trim().split(/\s+/);
  const field = (n: number) => f[n - 3] ?? "";
  return { pid, state: field(3), ppid: Number(field(4)), utime: Number(field(14)), stime: Number(field(15)) };
}

/** VmRSS from /proc/<pid>/status, in bytes; 0 when absent (a zombie has none). */
export function parseVmRssBytes(status: string): number {
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  return m ? Number(m[1]) * 1024 : 0;
}

let clkTck: number | undefined;
/** Clock ticks per second of /proc times (USER_HZ): 100 on nearly every Linux. */
export function clockTicksPerSecond(): number {
  if (clkTck === undefined) {
    try {
      clkTck = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      clkTck = 100;
    }
  }
  return clkTck;
}

function readStat(pid: number): ProcStat | null {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return null;
  }
}

/** Every live process whose parent chain leads to `root`, root included, from a process table. */
export function descendants(root: number, table: readonly ProcStat[]): ProcStat[] {
  const byParent = new Map<number, ProcStat[]>();
  for (const p of table) byParent.set(p.ppid, [...(byParent.get(p.ppid) ?? []), p]);
  const out: ProcStat[] = [];
  const rootStat = table.find((p) => p.pid === root);
  if (!rootStat) return out;
  const todo = [rootStat];
  while (todo.length > 0 && out.length < 10_000) {
    const p = todo.pop()!;
    out.push(p);
    todo.push(...(byParent.get(p.pid) ?? []));
  }
  return out;
}

function processTable(): ProcStat[] {
  const out: ProcStat[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const s = readStat(Number(name));
    if (s) out.push(s);
  }
  return out;
}

/** s of CPU (user + sys) used so far by `pid` and its live descendants. */
export function cpuSeconds(pid: number): number {
  const tree = descendants(pid, processTable());
  return tree.reduce((sum, p) => sum + p.utime + p.stime, 0) / clockTicksPerSecond();
}

/** Resident bytes of `pid` and its live descendants. */
export function rssBytes(pid: number): number {
  let sum = 0;
  for (const p of descendants(pid, processTable())) {
    try {
      sum += parseVmRssBytes(readFileSync(`/proc/${p.pid}/status`, "utf8"));
    } catch {
      // gone between the listing and the read
    }
  }
  return sum;
}

/** Clock ticks of one CPU line of /proc/stat. */
export interface CpuTimes {
  /** everything but idle and iowait. */
  busy: number;
  /** hard and soft interrupts (loopback TCP is mostly softirq): inside busy, but no process's time. */
  irq: number;
  total: number;
}

/**
 * Per-CPU times from /proc/stat ("cpu" is the sum, "cpu0"... each core). Busy is all but
 * idle and iowait; guest time is already inside user, so it is not added again.
 */
export function parseCpuTimes(text: string): Map<string, CpuTimes> {
  const out = new Map<string, CpuTimes>();
  for (const line of text.split("\n")) {
    if (!line.startsWith("cpu")) continue;
    const [name, ...f] = line.trim().split(/\s+/);
    const [user, nice, system, idle, iowait, irq, softirq, steal] = f.map(Number).concat([0, 0, 0, 0, 0, 0, 0, 0]);
    const busy = user! + nice! + system! + irq! + softirq! + steal!;
    out.set(name!, { busy, irq: irq! + softirq!, total: busy + idle! + iowait! });
  }
  return out;
}

export function cpuTimes(): Map<string, CpuTimes> {
  try {
    return parseCpuTimes(readFileSync("/proc/stat", "utf8"));
  } catch {
    return new Map();
  }
}

/** Fraction of one core `cpu` spent on `what` between two readings; NaN if it is missing. */
export function busyBetween(a: Map<string, CpuTimes>, b: Map<string, CpuTimes>, cpu: string, seconds: number, what: "busy" | "irq" = "busy"): number {
  const x = a.get(cpu);
  const y = b.get(cpu);
  if (!x || !y || !(seconds > 0)) return NaN;
  return (y[what] - x[what]) / clockTicksPerSecond() / seconds;
}
