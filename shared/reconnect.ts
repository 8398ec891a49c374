/**
 * How many reconnection attempts cover the server's seat hold. The SDK waits
 * min(maxDelay, max(minDelay, 2^attempt × delay)) before each attempt; the server tells its
 * clients how long it holds a dropped seat (ArenaState.reconnectSeconds). Retrying past
 * the hold only earns "seat not kept", stopping short of it gives up a seat the server
 * still keeps: so the retries are counted from the hold, never fixed at its default.
 */

/** The SDK's backoff settings this count is computed for (its defaults, @colyseus/sdk 0.18). */
export interface Backoff {
  delayMs: number;
  minDelayMs: number;
  maxDelayMs: number;
}

export const SDK_BACKOFF: Backoff = { delayMs: 100, minDelayMs: 100, maxDelayMs: 5000 };

/** The fewest attempts whose waits add up to the hold: the last one comes at or just past its end. 0 = no hold, no retries. */
export function reconnectRetriesFor(holdSeconds: number, backoff: Backoff = SDK_BACKOFF): number {
  if (!(holdSeconds > 0)) return 0;
  const holdMs = holdSeconds * 1000;
  let waited = 0;
  let attempts = 0;
  while (waited < holdMs) {
    waited += Math.min(backoff.maxDelayMs, Math.max(backoff.minDelayMs, 2 ** attempts * backoff.delayMs));
    attempts++;
  }
  return attempts;
}
