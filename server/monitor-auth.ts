/**
 * HTTP basic auth for @colyseus/monitor: the monitor can list and dispose rooms, so it is
 * only mounted with a password, and every request must carry it.
 *
 * Guessing is bounded per client address (MONITOR_AUTH_FAILURES wrong logins a window,
 * then 429 for MONITOR_AUTH_BLOCK_SECONDS), and the comparison takes the same time
 * whatever the guess: both sides are reduced to fixed-size HMACs under a key made at
 * start, so neither a matching prefix nor the password's length shows in the timing.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { MONITOR_AUTH_BLOCK_SECONDS, MONITOR_AUTH_FAILURES, MONITOR_AUTH_WINDOW_SECONDS } from "../shared/constants.ts";
import { clientIpOf } from "./http/client-ip.ts";
import { limitKey } from "./http/ip.ts";
import { FailureBound } from "./http/limiters.ts";
import { httpRefusals } from "./http/refusals.ts";

export const MONITOR_USER = "admin";

/** Equal strings, compared in time that depends on neither their contents nor lengths. */
export function sameSecret(a: string, b: string, key: Buffer = HMAC_KEY): boolean {
  const digest = (s: string) => createHmac("sha256", key).update(s, "utf8").digest();
  return timingSafeEqual(digest(a), digest(b));
}
const HMAC_KEY = randomBytes(32);

/** Passes requests whose Authorization header is `Basic base64(user:password)`. */
export function basicAuth(user: string, password: string) {
  const failures = new FailureBound(MONITOR_AUTH_FAILURES, MONITOR_AUTH_WINDOW_SECONDS, MONITOR_AUTH_BLOCK_SECONDS);
  const challenge = (res: Response) => res.set("WWW-Authenticate", 'Basic realm="Tickfire monitor"').status(401).type("text").send("Authentication required.\n");
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const header = req.headers.authorization ?? "";
    const [scheme, encoded] = header.split(" ");
    // No credentials is a browser's first visit, not a guess: it gets the challenge free.
    if (scheme !== "Basic" || !encoded) return void challenge(res);
    const key = limitKey(clientIpOf(req));
    const attempt = await failures.begin(key);
    if (!attempt.ok) {
      httpRefusals.count("monitor-auth");
      res.set("Retry-After", String(attempt.retryAfterSeconds)).status(429).type("text").send(`Too many failed logins from your address; try again in ${attempt.retryAfterSeconds} s.\n`);
      return;
    }
    const decoded = Buffer.from(encoded, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    const given = colon < 0 ? { user: decoded, password: "" } : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    // Both halves are always compared, so a right user name is not faster to refuse.
    const userOk = sameSecret(given.user, user);
    const passwordOk = sameSecret(given.password, password);
    if (colon > 0 && userOk && passwordOk) {
      await failures.succeeded(key);
      return next();
    }
    challenge(res);
  };
}
