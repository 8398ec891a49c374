/**
 * Waiting on a condition with a deadline, for tests, the bench and the cluster script:
 * poll it, never sleep a fixed time and hope.
 */

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export type Check<T> = () => T | undefined | null | false | Promise<T | undefined | null | false>;

/**
 * Polls `check` every `everyMs` until it returns a truthy value and resolves with it, or
 * resolves with null once `timeoutMs` has passed. A check that throws counts as "not yet":
 * probes of a server that is still starting fail until it listens.
 */
export async function poll<T>(check: Check<T>, timeoutMs: number, everyMs = 50): Promise<T | null> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const v = await Promise.resolve().then(check).catch(() => null);
    if (v) return v;
    if (performance.now() >= deadline) return null;
    await sleep(Math.min(everyMs, Math.max(0, deadline - performance.now())));
  }
}

/**
 * Like poll, for tests: rejects with "timed out ... waiting for `what`" at the deadline, and
 * a check that throws fails at once (an assertion inside it is an answer, not a "not yet").
 */
export async function until<T>(what: string, check: Check<T>, timeoutMs = 10_000, everyMs = 50): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (performance.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}
