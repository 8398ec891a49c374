/**
 * What every attack is given and gives back. An attack sends its bytes, judges its own
 * expectation (the close code it should get, the status the server should answer), and
 * reports what it measured; the runner then checks the server's health for everyone else.
 */

export interface AttackContext {
  /** the server, http://host:port (localhost already turned into 127.0.0.1). */
  base: URL;
  /**
   * The source address for this attack's client number `i`: its own 127.x.y.z per attack
   * and client on a loopback target, so per-IP limits meet one attacker per address and
   * never the health probe (127.0.0.1); undefined for a remote target (one address only).
   */
  source(i: number): string | undefined;
  /** A named loopback source address (e.g. "127.0.0.2"), or undefined for a remote target. */
  fixedSource(address: string): string | undefined;
  /** progress lines (stderr in the CLI, silent in tests unless asked). */
  log(line: string): void;
}

export interface Outcome {
  /** what was sent, in a few words, for the table. */
  sent: string;
  /** how the attacker's connections ended, e.g. "4202 x3" or "413". */
  closedWith: string;
  /** the attack's own expectation held (the server's health is judged separately). */
  pass: boolean;
  /** why it did not hold, one line each; empty on a pass. */
  problems: string[];
  /** numbers behind the verdict, for --json and the e2e tests. */
  measured: Record<string, unknown>;
  /** the expectation could not be checked here (e.g. needs a second source address). */
  skipped?: string;
}

export interface Attack {
  /** short id used by --only. */
  name: string;
  /** the documented expectation, one line (docs/security.md repeats it). */
  expect: string;
  run(ctx: AttackContext): Promise<Outcome>;
}

/** Polls `check` every `everyMs` until it holds or `timeoutMs` passes; the last value. */
export async function pollUntil<T>(check: () => T | Promise<T>, timeoutMs: number, everyMs = 50): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value || performance.now() >= deadline) return value;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

export const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** "4202 x3, 1006 x1" from a list of close codes (or any labels). */
export function tally(labels: Array<string | number>): string {
  if (labels.length === 0) return "-";
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(String(l), (counts.get(String(l)) ?? 0) + 1);
  return [...counts].map(([label, n]) => (n === 1 && labels.length === 1 ? label : `${label} x${n}`)).join(", ");
}

/** Runs `task(i)` for i in [0, count), at most `parallel` at a time. */
export async function inParallel<T>(count: number, parallel: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      out[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, count) }, worker));
  return out;
}
