/**
 * How every tool starts Debian's Chromium headless (e2e tests, `npm run screens`, the
 * first-load bench): one place for the binary and its switches, passed to playwright-core's
 * `chromium.launch`.
 */

/** Debian's package; playwright's own browser downloads are never used. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  // several pages share one renderer process budget: keep background tabs running at full rate
  "--disable-background-timer-throttling",
  "--disable-renderer-backgrounding",
  "--disable-backgrounding-occluded-windows",
];
