/**
 * After a drop the SDK retries the room's own process until the seat hold (20 s) has surely
 * passed. When that process is gone for good (SIGKILL in a cluster), every retry is wasted:
 * the seat died with it. The process's own /healthz, reached the way the socket was (behind
 * nginx: /pN/healthz), tells the two apart, as long as the entry itself still answers.
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

export type Answer = "up" | "down";

async function healthz(base: string, timeoutMs: number): Promise<Answer> {
  try {
    const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(timeoutMs) });
    return res.ok ? "up" : "down";
  } catch {
    return "down";
  }
}

/**
 * The seat's process is lost when its base has failed `misses` checks in a row while the
 * entry answered each time (so it is not our own network that is down).
 */
export async function seatHostLost(
  processBase: string,
  entry: string,
  o: { misses: number; everyMs: number; timeoutMs: number; stillWaiting: () => boolean; check?: (base: string) => Promise<Answer> },
): Promise<boolean> {
  const check = o.check ?? ((b: string) => healthz(b, o.timeoutMs));
  if (processBase === entry.replace(/\/$/, "")) return false; // one process: nowhere else to go
  let misses = 0;
  while (o.stillWaiting()) {
    const [host, front] = await Promise.all([check(processBase), check(entry.replace(/\/$/, ""))]);
    misses = host === "down" && front === "up" ? misses + 1 : 0;
    if (misses >= o.misses) return true;
    await new Promise((r) => setTimeout(r, o.everyMs));
  }
  return false;
}
