/**
 * After the server closed our game because it was shutting down, the menu waits for a
 * server to answer again (the same process restarted, or another one of the cluster)
 * before it offers Quick play: polling GET /healthz with a growing pause, so a restart
 * that takes a minute costs a few dozen small requests, not hundreds.
 */

/** ms. Pauses between polls: quick at first (a supervisor restarts in a second or two), then every 5 s. */
export const SERVER_POLL_MS = [250, 500, 1_000, 2_000, 5_000] as const;

/** The pause before poll number `attempt` (0 = the first). */
export function pollDelay(attempt: number): number {
  return SERVER_POLL_MS[Math.min(Math.max(0, attempt), SERVER_POLL_MS.length - 1)]!;
}

/** Resolves true once `probe` says the server answers; false if `signal` aborts first. */
export async function waitForServer(probe: () => Promise<boolean>, signal: AbortSignal, sleep = abortableSleep): Promise<boolean> {
  for (let attempt = 0; !signal.aborted; attempt++) {
    await sleep(pollDelay(attempt), signal);
    if (signal.aborted) break;
    if (await probe().catch(() => false)) return !signal.aborted;
  }
  return false;
}

/**
 * A probe of `${serverUrl}/healthz`: true on a 2xx. Each request gives up after 3 s. A
 * server on another origin (the Vite dev server's page) sends no CORS headers for
 * /healthz, so there any answer at all counts: the response is opaque, a refused
 * connection still rejects.
 */
export function healthProbe(serverUrl: string, pageOrigin: string): () => Promise<boolean> {
  const url = `${serverUrl}/healthz`;
  const sameOrigin = new URL(url).origin === pageOrigin;
  return async () => {
    const res = await fetch(url, { cache: "no-store", mode: sameOrigin ? "same-origin" : "no-cors", signal: AbortSignal.timeout(3_000) });
    return sameOrigin ? res.ok : true;
  };
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
  });
}
