/**
 * HTTP basic auth for @colyseus/monitor: the monitor can list and dispose rooms, so it is
 * only mounted with a password, and every request must carry it.
 */
import { timingSafeEqual } from "node:crypto";
import type { NextFunction, Request, Response } from "express";

export const MONITOR_USER = "admin";

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Passes requests whose Authorization header is `Basic base64(user:password)`. */
export function basicAuth(user: string, password: string) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.headers.authorization ?? "";
    const [scheme, encoded] = header.split(" ");
    if (scheme === "Basic" && encoded) {
      const decoded = Buffer.from(encoded, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      if (colon > 0 && same(decoded.slice(0, colon), user) && same(decoded.slice(colon + 1), password)) return next();
    }
    res.set("WWW-Authenticate", 'Basic realm="Tickfire monitor"').status(401).type("text").send("Authentication required.\n");
  };
}
