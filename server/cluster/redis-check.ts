/**
 * Checks a REDIS_URL before the server binds, so an unreachable Redis is one clear line and
 * exit 1 instead of ioredis retrying forever in the background.
 */
import { Redis } from "ioredis";

/** Resolves when Redis answers PING within `timeoutMs`; rejects with a sentence for the host. */
export async function assertRedisReachable(url: string, timeoutMs = 3000): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  // The event carries the socket's own error (ECONNREFUSED...); the rejection only "closed".
  let socketError: NodeJS.ErrnoException | undefined;
  client.on("error", (e: NodeJS.ErrnoException) => (socketError ??= e));
  try {
    await withTimeout(client.connect().then(() => client.ping()), timeoutMs);
  } catch (e) {
    const err = socketError ?? (e as NodeJS.ErrnoException);
    const reason = err.code ?? err.message;
    throw new Error(`cannot reach Redis at ${redact(url)} (${reason}); start redis-server or fix --redis-url / REDIS_URL`);
  } finally {
    client.disconnect();
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** The URL without its password, fit for a log line. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString().replace(/\/$/, "");
  } catch {
    return url;
  }
}
