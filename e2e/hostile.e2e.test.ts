/**
 * Issue 10, "survive hostile players": every attack of attack/ (the library behind
 * `npm run attack`) against one real server process, one after another, judged by the
 * library's own checks: the attacker gets the documented refusal or close code, and
 * afterwards /healthz answers within 1 s, a fresh SDK player gets >= 25 patches/s and RSS
 * stays within 150 MB of the first reading. What each attack measured is printed and
 * written to e2e/artifacts/hostile.json (docs/security.md quotes a CLI run of the same).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rssMb } from "../attack/health.ts";
import { ATTACKS, attackNamed, describeHealth, runAttack } from "../attack/run.ts";
import { freePort } from "../devkit/ports.ts";
import { httpOk, stop } from "../devkit/process.ts";
import { until } from "../devkit/wait.ts";
import { ROOT, runServer, type RunningProcess } from "./helpers/process.ts";

let server: RunningProcess;
let base: URL;
let baselineRss: number | null = null;
const figures: Record<string, unknown> = {};

beforeAll(async () => {
  const port = await freePort();
  base = new URL(`http://127.0.0.1:${port}`);
  server = runServer(["--port", String(port), "--host", "127.0.0.1"]);
  await until("the server answers /healthz", () => httpOk(`${base.origin}/healthz`), 30_000).catch((e) => {
    throw new Error(`${(e as Error).message}\n--- server output ---\n${server.output()}`);
  });
  baselineRss = await rssMb(base);
});

afterAll(async () => {
  if (server) await stop(server);
  const dir = path.join(ROOT, "e2e", "artifacts");
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "hostile.json"), JSON.stringify({ baselineRssMb: baselineRss, attacks: figures }, null, 2) + "\n");
});

describe("a hostile player against the real server process", () => {
  it.each(ATTACKS.map((a) => [a.name, a.expect]))("%s: %s", async (name) => {
    expect(server.child.exitCode, `the server exited before ${name}:\n${server.output().slice(-2000)}`).toBeNull();
    const report = await runAttack(attackNamed(name), { base, loopback: true, baselineRss });
    figures[name] = { verdict: report.verdict, sent: report.outcome.sent, closedWith: report.outcome.closedWith, measured: report.outcome.measured, healthAfter: report.health, ms: report.ms };
    console.log(`${name}: ${report.verdict}; sent ${report.outcome.sent}; closed with ${report.outcome.closedWith}; after: ${describeHealth(report.health)}\n  ${JSON.stringify(report.outcome.measured)}`);
    expect(report.outcome.skipped, "every check runs on a loopback target").toBeUndefined();
    expect(report.problems, JSON.stringify(report.outcome.measured)).toEqual([]);
    expect(server.child.exitCode, `the server exited during ${name}:\n${server.output().slice(-2000)}`).toBeNull();
  });
});
