/**
 * Is the server still fine for everyone else? Three looks, each bounded in time:
 * /healthz's answer time, a fresh @colyseus/sdk player's patch rate (what a real browser
 * would get), and the process' RSS from /metrics when /metrics is readable from here.
 */
import { Client, type Room } from "@colyseus/sdk";
import { ROOM_NAME } from "../shared/constants.ts";
import { request } from "./seat.ts";

/** ms. /healthz must answer within this. */
export const HEALTHZ_MAX_MS = 1000;
/** patches / s a fresh player must receive (the room patches at 30 Hz by default). */
export const MIN_PATCHES_PER_SECOND = 25;
/** ms over which the fresh player's patches are counted. */
export const PATCH_WINDOW_MS = 2000;
/** MB. RSS may grow this much over the run's first reading before a check fails. */
export const RSS_GROWTH_MAX_MB = 150;

export interface Health {
  /** ms /healthz took, or null when it did not answer 200 in time. */
  healthzMs: number | null;
  healthzStatus: number;
  /** patches / s of a fresh SDK player over PATCH_WINDOW_MS; null when it could not join. */
  patchesPerSecond: number | null;
  /** MB, or null when /metrics is not readable from this address. */
  rssMb: number | null;
  /** what was wrong, empty when healthy. */
  problems: string[];
}

export async function healthzMs(base: URL): Promise<{ ms: number | null; status: number }> {
  const answer = await request(base, "GET", "/healthz", null, { timeoutMs: HEALTHZ_MAX_MS * 3 });
  return { ms: answer.status === 200 ? answer.ms : null, status: answer.status };
}

export async function rssMb(base: URL): Promise<number | null> {
  const answer = await request(base, "GET", "/metrics", null, { timeoutMs: 3000 });
  if (answer.status !== 200) return null;
  const m = /^process_resident_memory_bytes (\d+(?:\.\d+)?(?:e\+?\d+)?)$/m.exec(answer.body);
  return m ? Number(m[1]) / (1024 * 1024) : null;
}

/**
 * A fresh SDK player counts its state patches over `windowMs`. `create` opens a room of
 * its own (to prove that other rooms play on during an attack); otherwise quick play.
 */
export async function freshPlayerPatchRate(base: URL, opts: { create?: boolean; windowMs?: number; joinTimeoutMs?: number } = {}): Promise<{ rate: number | null; problem?: string }> {
  const client = new Client(base.origin);
  const windowMs = opts.windowMs ?? PATCH_WINDOW_MS;
  let room: Room | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    const joinTimeoutMs = opts.joinTimeoutMs ?? 5000;
    let gaveUp = false;
    const joining = opts.create ? client.create(ROOM_NAME, { name: "probe" }) : client.joinOrCreate(ROOM_NAME, { name: "probe" });
    // a join that completes after we gave up must not leave a player behind
    joining
      .then((r) => {
        if (gaveUp) void r.leave().catch(() => {});
      })
      .catch(() => {});
    const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no seat within ${joinTimeoutMs} ms`)), joinTimeoutMs)));
    room = await Promise.race([joining, late]).catch((e) => {
      gaveUp = true;
      throw e;
    });
    clearTimeout(timer);
    room.onMessage("*", () => {}); // chat and stats lines are not what is measured
    let patches = 0;
    room.onStateChange(() => patches++);
    // the first state arrives with the join; count from the next patch on
    await new Promise((r) => setTimeout(r, 100));
    patches = 0;
    const start = performance.now();
    await new Promise((r) => setTimeout(r, windowMs));
    return { rate: (patches * 1000) / (performance.now() - start) };
  } catch (e) {
    return { rate: null, problem: `fresh player: ${(e as Error).message}` };
  } finally {
    clearTimeout(timer);
    await room?.leave().catch(() => {});
  }
}

/** All three looks. `baselineRss` (MB) is the run's first reading; growth past it is judged. */
export async function checkHealth(base: URL, baselineRss: number | null): Promise<Health> {
  const problems: string[] = [];
  const hz = await healthzMs(base);
  if (hz.ms === null) problems.push(`/healthz answered ${hz.status || "nothing"}`);
  else if (hz.ms > HEALTHZ_MAX_MS) problems.push(`/healthz took ${Math.round(hz.ms)} ms`);
  const fresh = await freshPlayerPatchRate(base);
  if (fresh.rate === null) problems.push(fresh.problem ?? "fresh player could not join");
  else if (fresh.rate < MIN_PATCHES_PER_SECOND) problems.push(`fresh player got ${fresh.rate.toFixed(1)} patches/s`);
  const rss = await rssMb(base);
  if (rss !== null && baselineRss !== null && rss - baselineRss > RSS_GROWTH_MAX_MB) problems.push(`RSS grew ${Math.round(rss - baselineRss)} MB`);
  return { healthzMs: hz.ms, healthzStatus: hz.status, patchesPerSecond: fresh.rate, rssMb: rss, problems };
}

/** Samples RSS every `everyMs` until stopped; the peak, or null when /metrics is unreadable. */
export function watchRss(base: URL, everyMs = 500): { stop: () => Promise<number | null> } {
  let peak: number | null = null;
  let running = true;
  const loop = (async () => {
    while (running) {
      const rss = await rssMb(base);
      if (rss !== null) peak = Math.max(peak ?? 0, rss);
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return peak;
    },
  };
}
