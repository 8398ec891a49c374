/**
 * Express-side guards that need the client address the front gate resolved.
 */
import type { NextFunction, Request, Response } from "express";
import { clientIpOf } from "./client-ip.ts";
import { inList, type AddressList } from "./ip.ts";
import { httpRefusals } from "./refusals.ts";
import { defaultHttpSettings } from "./settings.ts";

/**
 * /metrics tells anyone the load, the memory and the refusal counts, which helps an
 * attacker time a flood: serve it only to the configured networks (default loopback).
 */
export function metricsGuard(allow: AddressList = defaultHttpSettings().metricsAllow) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (inList(clientIpOf(req), allow)) return next();
    httpRefusals.count("metrics");
    res.status(403).type("text").send("Metrics are served to the monitoring network only (--metrics-allow).\n");
  };
}
