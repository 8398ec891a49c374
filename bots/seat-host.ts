/**
 * After a drop the SDK retries the room's own process until the seat hold (20 s) has surely
 * passed. When that process is gone for good (SIGKILL in a cluster), every retry is wasted:
 * the seat died with it. The process's own /healthz, reached the way the socket was (behind
 * nginx: /pN/healthz), tells the two apart, as long as the entry itself still answers. A
 * supervisor may restart the process at the same address within seconds: /healthz names
 * the process that answers, and a different one than the socket's means the seat is gone.
 */

/** The HTTP base of the process that served a room socket URL: ws://h/p2/<pid>/<room>?… → http://h/p2 */
export function processBaseOf(socketUrl: string): string | null {
  let u: URL;
  try {
    u = new URL(socketUrl);
  } catch {
    return null;
  }
  const protocol = u.protocol === "wss:" ? "https:" : u.protocol === "ws:" ? "http:" : null;
  if (!protocol) return null;
  const parts = u.pathname.split("/").filter(Boolean);
  if (parts.length < 2) return null;
  const prefix = parts.slice(0, -2).join("/");
  return `${protocol}//${u.host}${prefix ? `/${prefix}` : ""}`;
}

/** The Colyseus processId a room socket URL names (the segment before the room id). */
export function processIdOf(socketUrl: string): string | null {
  try {
    const parts = new URL(socketUrl).pathname.split("/").filter(Boolean);
    return parts.length >= 2 ? parts[parts.length - 2]! : null;
  } catch {
    return null;
  }
}

/** "replaced": the address answers, but as another process than the seat's (restarted). */
export type Answer = "up" | "down" | "replaced";

async function healthz(base: string, timeoutMs: number, processId: string | null): Promise<Answer> {
  try {
    const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return "down";
    const body = (await res.json().catch(() => null)) as { processId?: unknown } | null;
    return processId && typeof body?.processId === "string" && body.processId !== processId ? "replaced" : "up";
  } catch {
    return "down";
  }
}

/**
 * The seat's process is lost when its base has failed `misses` checks in a row while the
 * entry answered each time (so it is not our own network that is down), or at once when
 * its base answers as another process than `processId`.
 */
export async function seatHostLost(
  processBase: string,
  entry: string,
  o: { misses: number; everyMs: number; timeoutMs: number; stillWaiting: () => boolean; processId?: string | null; check?: (base: string) => Promise<Answer> },
): Promise<boolean> {
  const front = entry.replace(/\/$/, "");
  const check = o.check ?? ((b: string) => healthz(b, o.timeoutMs, b === front ? null : (o.processId ?? null)));
  if (processBase === front) return false; // one process: nowhere else to go
  let misses = 0;
  while (o.stillWaiting()) {
    const [host, entryAnswer] = await Promise.all([check(processBase), check(front)]);
    if (host === "replaced") return true;
    misses = host === "down" && entryAnswer !== "down" ? misses + 1 : 0;
    if (misses >= o.misses) return true;
    await new Promise((r) => setTimeout(r, o.everyMs));
  }
  return false;
}
