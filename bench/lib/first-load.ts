/**
 * A first visit as Chromium sees it, measured through the DevTools protocol: every HTTP
 * response with the bytes the browser received for it (CDP Network.loadingFinished
 * encodedDataLength: headers and the still-compressed body), its encoding and cache
 * headers, and the time to the menu's first frame. Used by `npm run bench:load` and
 * e2e/first-load.e2e.test.ts.
 *
 * Time to first frame: from navigation start (the page's performance.timeOrigin) to the
 * first animation frame in which the Menu scene is running (the client's window.__tickfire
 * says so) and the menu's name field is in the DOM: the player sees the menu and can act.
 *
 * Transferred bytes: every HTTP request of the page from navigation until the menu is
 * drawn and no request is left in flight, so the lobby's matchmaking call that the menu
 * makes at once is counted too. WebSocket frames (the lobby's room list) are not.
 */
import type { BrowserContext, CDPSession, Page } from "playwright-core";
import { until } from "../../devkit/wait.ts";

export interface NetworkProfile {
  name: string;
  /** added round trip per request, ms */
  latencyMs: number;
  /** bytes per second */
  downloadBps: number;
  uploadBps: number;
}

/**
 * Chrome DevTools' "Fast 3G" preset (called "3G" in newer DevTools), the link Lighthouse
 * simulates for mobile: 150 ms RTT × 3.75 = 562.5 ms, 1.6 Mbit/s × 0.9 down, 750 kbit/s ×
 * 0.9 up (the factors turn packet-level figures into request-level throttling).
 */
export const FAST_3G: NetworkProfile = { name: "Fast 3G", latencyMs: 562.5, downloadBps: (1.6e6 / 8) * 0.9, uploadBps: (750e3 / 8) * 0.9 };

export interface LoadedResource {
  url: string;
  status: number;
  /** Content-Encoding of the response ("" = none) */
  encoding: string;
  cacheControl: string;
  vary: string;
  /** bytes received from the network for it (0 when the cache answered) */
  bytes: number;
  fromCache: boolean;
}

export interface FirstLoad {
  /** bytes received for all resources */
  bytes: number;
  resources: LoadedResource[];
  /** ms from navigation start to the menu's first frame */
  firstFrameMs: number;
  /** ms from navigation start until the last script had arrived (the network's share) */
  scriptsLoadedMs: number;
  /** the Accept-Encoding the browser sent for the page */
  acceptEncoding: string;
}

/** Marks the first frame showing the menu (window.__firstFrameMs, ms since navigation). */
const FIRST_FRAME_PROBE = `(() => {
  const look = () => {
    const t = window.__tickfire;
    if (t && t.scene === "Menu" && document.querySelector("#name")) window.__firstFrameMs = performance.now();
    else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})();`;

interface Pending {
  url: string;
  status: number;
  headers: Record<string, string>;
  fromCache: boolean;
}

function lowerKeys(h: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), String(v)]));
}

/** Watches a page's HTTP traffic from before its navigation on. */
async function watchNetwork(cdp: CDPSession) {
  const pending = new Map<string, Pending>();
  const inFlight = new Set<string>();
  const done: LoadedResource[] = [];
  let acceptEncoding = "";
  let lastActivity = performance.now();
  cdp.on("Network.requestWillBeSent", (e) => {
    if (e.request.url.startsWith("data:")) return;
    inFlight.add(e.requestId);
    pending.set(e.requestId, { url: e.request.url, status: 0, headers: {}, fromCache: false });
    lastActivity = performance.now();
  });
  cdp.on("Network.requestWillBeSentExtraInfo", (e) => {
    const accept = lowerKeys(e.headers)["accept-encoding"];
    if (accept && !acceptEncoding) acceptEncoding = accept;
  });
  cdp.on("Network.responseReceived", (e) => {
    const p = pending.get(e.requestId);
    if (!p) return;
    p.status = e.response.status;
    p.headers = lowerKeys(e.response.headers);
    p.fromCache = Boolean(e.response.fromDiskCache || e.response.fromPrefetchCache);
  });
  cdp.on("Network.requestServedFromCache", (e) => {
    const p = pending.get(e.requestId);
    if (p) p.fromCache = true;
  });
  const finish = (requestId: string, bytes: number) => {
    const p = pending.get(requestId);
    inFlight.delete(requestId);
    lastActivity = performance.now();
    if (!p) return;
    pending.delete(requestId);
    const h = p.headers;
    done.push({ url: p.url, status: p.status, encoding: h["content-encoding"] ?? "", cacheControl: h["cache-control"] ?? "", vary: h.vary ?? "", bytes: p.fromCache ? 0 : bytes, fromCache: p.fromCache });
  };
  cdp.on("Network.loadingFinished", (e) => finish(e.requestId, e.encodedDataLength));
  cdp.on("Network.loadingFailed", (e) => finish(e.requestId, 0));
  await cdp.send("Network.enable");
  return {
    done,
    acceptEncoding: () => acceptEncoding,
    /** no request in flight for `ms` */
    quietFor: (ms: number) => inFlight.size === 0 && performance.now() - lastActivity >= ms,
  };
}

/**
 * Opens `url` in a new page of `context` (whose HTTP cache decides whether this is a first
 * or a repeat visit), optionally over a throttled link, and measures it. The page is left
 * open on the menu for the caller.
 */
export async function measureVisit(context: BrowserContext, url: string, profile: NetworkProfile | null, timeoutMs = 60_000): Promise<FirstLoad & { page: Page }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const cdp = await context.newCDPSession(page);
  const net = await watchNetwork(cdp);
  if (profile) {
    await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: profile.latencyMs, downloadThroughput: profile.downloadBps, uploadThroughput: profile.uploadBps });
  }
  await page.addInitScript(FIRST_FRAME_PROBE);
  await page.goto(url, { waitUntil: "commit", timeout: timeoutMs });
  const firstFrameMs = await until(
    "the menu's first frame",
    async () => {
      if (errors.length) throw new Error(`page error: ${errors.join("; ")}`);
      return page.evaluate(() => (window as unknown as { __firstFrameMs?: number }).__firstFrameMs);
    },
    timeoutMs,
  );
  // a throttled request still in flight (the lobby's matchmaking) counts as part of the visit
  await until("the page's requests to finish", () => net.quietFor(profile ? 1500 : 300), timeoutMs);
  const scriptsLoadedMs = await page.evaluate(() =>
    Math.max(0, ...performance.getEntriesByType("resource").filter((e) => /\.js(\?|$)/.test(e.name)).map((e) => (e as PerformanceResourceTiming).responseEnd)),
  );
  const resources = net.done.slice();
  await cdp.detach().catch(() => {});
  return { page, bytes: resources.reduce((n, r) => n + r.bytes, 0), resources, firstFrameMs, scriptsLoadedMs, acceptEncoding: net.acceptEncoding() };
}
