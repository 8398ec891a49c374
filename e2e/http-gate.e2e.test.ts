/**
 * The HTTP limits (server/http/, numbers in shared/constants.ts "HTTP limits") against a
 * real server process. Linux loopback answers from any 127.0.0.0/8 source, so each
 * scenario plays its attacker and its honest player from addresses of their own
 * (127.0.0.2, .3, ...): the defaults exempt only 127.0.0.1 (this machine's own tools).
 * Every loop is bounded in count and in time; waits poll. Measured numbers are printed.
 */
import http from "node:http";
import net from "node:net";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CODE_GUESS_FAILURES, HTTP_HEADERS_TIMEOUT_MS, MATCHMAKE_PER_IP, MAX_CONNS_PER_IP, MAX_HTTP_BODY_BYTES, MONITOR_AUTH_FAILURES } from "../shared/constants.ts";
import { freePort } from "../devkit/ports.ts";
import { httpOk, stop } from "../devkit/process.ts";
import { until } from "../devkit/wait.ts";
import { runServer, type RunningProcess } from "./helpers/process.ts";

let server: RunningProcess;
let port: number;
const measured: Record<string, unknown> = {};

beforeAll(async () => {
  port = await freePort();
  // 64 seats: without the rate limit, the flood below would take all of them.
  server = runServer(["--port", String(port), "--host", "127.0.0.1", "--max-clients", "64", "--client-ip-header", "X-Real-IP"], {
    METRICS_ALLOW: "127.0.0.1/32",
    MONITOR_PASSWORD: "s3cret",
  });
  await until("listening", () => httpOk(`http://127.0.0.1:${port}/healthz`), 20_000);
});

afterAll(async () => {
  console.log(`http-gate measured: ${JSON.stringify(measured)}`);
  if (server) await stop(server);
});

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

/** One request on a fresh connection from `from`; rejects on a socket error or after 10 s. */
function send(path: string, o: { from: string; method?: string; headers?: Record<string, string>; body?: string }): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path, method: o.method ?? "GET", localAddress: o.from, agent: false, headers: o.headers, timeout: 10_000 }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (d) => (text += d));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, text }));
    });
    req.on("timeout", () => req.destroy(new Error(`${path} timed out`)));
    req.on("error", reject);
    req.end(o.body);
  });
}

const JSON_HEADERS = { "content-type": "application/json" };
const matchmake = (from: string, method = "joinOrCreate", room = "arena", extra: Record<string, string> = {}, options: object = { name: "Tester" }) =>
  send(`/matchmake/${method}/${room}`, { from, method: "POST", headers: { ...JSON_HEADERS, ...extra }, body: JSON.stringify(options) });

/** Takes a reserved seat over WebSocket; resolves once the room's JOIN_ROOM arrives. */
function claimSeat(seat: { processId: string; roomId: string; sessionId: string }, from: string, origin?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/${seat.processId}/${seat.roomId}?sessionId=${seat.sessionId}`, { localAddress: from, origin });
    const timer = setTimeout(() => reject(new Error("no JOIN_ROOM within 5 s")), 5000);
    ws.once("message", (data: Buffer) => {
      clearTimeout(timer);
      if (data[0] === 10) resolve(ws);
      else reject(new Error(`first message was ${data[0]}, not JOIN_ROOM`));
    });
    ws.once("unexpected-response", (_req, res) => reject(new Error(`upgrade answered ${res.statusCode}`)));
    ws.once("error", reject);
  });
}

async function metrics(): Promise<string> {
  return (await send("/metrics", { from: "127.0.0.1" })).text;
}
const gauge = (text: string, name: string) => Number(new RegExp(`^${name} (\\S+)$`, "m").exec(text)?.[1]);
const refused = (text: string, reason: string) => Number(new RegExp(`^tickfire_http_refused_total\\{reason="${reason}"\\} (\\d+)$`, "m").exec(text)?.[1]);

/** Runs `one` `total` times, `concurrency` at a time, stopping at `deadlineMs`; tallies results. */
async function pool(total: number, concurrency: number, deadlineMs: number, one: () => Promise<string>): Promise<Record<string, number>> {
  const tally: Record<string, number> = {};
  const end = Date.now() + deadlineMs;
  let started = 0;
  const worker = async () => {
    while (started < total && Date.now() < end) {
      started++;
      const r = await one().catch((e: Error & { code?: string }) => e.code ?? "error");
      tally[r] = (tally[r] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return tally;
}

describe("the HTTP front gate", () => {
  it("a matchmaking flood from one address gets 429s; a player from another gets a seat at once", async () => {
    const FLOOD = 2000;
    const t0 = Date.now();
    const flooding = pool(FLOOD, 64, 30_000, async () => String((await matchmake("127.0.0.2")).status));
    // The player arrives mid-flood.
    await until("the flood to be refused", async () => refused(await metrics(), "rate") >= 100, 10_000);
    const p0 = Date.now();
    const answer = await matchmake("127.0.0.3");
    expect(answer.status).toBe(200);
    const ws = await claimSeat(JSON.parse(answer.text), "127.0.0.3");
    const joinMs = Date.now() - p0;
    const tally = await flooding;
    ws.close();
    measured.flood = { requests: FLOOD, seconds: (Date.now() - t0) / 1000, tally, playerJoinMs: joinMs };
    expect((tally["429"] ?? 0) + (tally["200"] ?? 0)).toBe(FLOOD);
    // at most one window's worth per window the flood spanned
    expect(tally["200"]).toBeLessThanOrEqual(MATCHMAKE_PER_IP * Math.ceil((Date.now() - t0) / 10_000 + 1));
    expect(joinMs).toBeLessThan(2000);
    const refusal = await matchmake("127.0.0.2");
    expect(refusal.status).toBe(429);
    expect(Number(refusal.headers["retry-after"])).toBeGreaterThan(0);
    expect(JSON.parse(refusal.text).error).toMatch(/Too many matchmaking requests/);
  });

  it("a 64 MB body gets 413 and memory stays flat; small bodies, chunked or not, still work", async () => {
    const rssBefore = gauge(await metrics(), "process_resident_memory_bytes");
    const big = 64 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    // Eight at once, as in the finding that took RSS to 1.25 GB; half declare their length.
    const one = (declared: boolean) =>
      new Promise<number | string>((resolve) => {
        const headers: Record<string, string> = declared ? { ...JSON_HEADERS, "content-length": String(big) } : { ...JSON_HEADERS, "transfer-encoding": "chunked" };
        const req = http.request({ host: "127.0.0.1", port, path: "/matchmake/joinOrCreate/arena", method: "POST", localAddress: "127.0.0.4", agent: false, headers });
        let sent = 0;
        let done = false;
        req.on("response", (res) => {
          done = true;
          res.resume();
          resolve(res.statusCode!);
        });
        req.on("error", (e: Error & { code?: string }) => {
          done = true;
          resolve(e.code ?? "error");
        });
        const pump = () => {
          while (!done && sent < big) {
            sent += chunk.length;
            if (!req.write(chunk)) return void req.once("drain", pump);
          }
          if (!done) req.end();
        };
        pump();
      });
    const t0 = Date.now();
    const results = await Promise.all([true, false, true, false, true, false, true, false].map(one));
    const ms = Date.now() - t0;
    const after = await metrics();
    const rssAfter = gauge(after, "process_resident_memory_bytes");
    measured.bodies = { results, ms, rssBeforeMB: Math.round(rssBefore / 1e6), rssAfterMB: Math.round(rssAfter / 1e6) };
    expect(results.filter((r) => r === 413).length).toBeGreaterThanOrEqual(6); // a reset may beat the answer to the client
    expect(refused(after, "body")).toBeGreaterThanOrEqual(8);
    expect(rssAfter - rssBefore).toBeLessThan(64 * 1024 * 1024);
    const declaredOver = await send("/matchmake/joinOrCreate/arena", { from: "127.0.0.4", method: "POST", headers: JSON_HEADERS, body: "x".repeat(MAX_HTTP_BODY_BYTES + 1) });
    expect(declaredOver.status).toBe(413);
    const chunked = await send("/matchmake/joinOrCreate/arena", { from: "127.0.0.4", method: "POST", headers: { ...JSON_HEADERS, "transfer-encoding": "chunked" }, body: JSON.stringify({ name: "Chunky" }) });
    expect(chunked.status).toBe(200);
  });

  it("thousands of half-open connections from one address are capped; a player from another joins", async () => {
    const OPEN = 3000;
    const sockets: net.Socket[] = [];
    let closedByServer = 0;
    const t0 = Date.now();
    try {
      for (let batch = 0; batch < OPEN / 250 && Date.now() - t0 < 15_000; batch++) {
        await Promise.all(
          Array.from({ length: 250 }, () =>
            new Promise<void>((resolve) => {
              const s = net.connect({ host: "127.0.0.1", port, localAddress: "127.0.0.5" });
              sockets.push(s);
              s.on("error", () => {});
              s.resume(); // read, or the server's 408 and FIN would go unnoticed
              s.on("close", () => closedByServer++);
              // Headers that never end: the request stays half-open.
              s.once("connect", () => s.write("POST /matchmake/joinOrCreate/arena HTTP/1.1\r\nHost: x\r\n", () => resolve()));
              s.once("close", () => resolve());
            }),
          ),
        );
      }
      const open = () => sockets.filter((s) => !s.destroyed && s.readyState === "open").length;
      await until("the server to cut the sockets over the cap", () => open() <= MAX_CONNS_PER_IP, 10_000);
      const stillOpen = open();
      const p0 = Date.now();
      const answer = await matchmake("127.0.0.6");
      expect(answer.status).toBe(200);
      const ws = await claimSeat(JSON.parse(answer.text), "127.0.0.6");
      const joinMs = Date.now() - p0;
      ws.close();
      // The ones under the cap go when the header timeout runs out.
      const w0 = Date.now();
      await until("the half-open sockets to time out", () => open() === 0, HTTP_HEADERS_TIMEOUT_MS + 5000);
      measured.halfOpen = { attempted: sockets.length, openAfterCap: stillOpen, closedByServer, playerJoinMs: joinMs, lastClosedAfterMs: Date.now() - t0, waitedForTimeoutMs: Date.now() - w0 };
      expect(stillOpen).toBeLessThanOrEqual(MAX_CONNS_PER_IP);
      expect(joinMs).toBeLessThan(2000);
      expect(refused(await metrics(), "conns")).toBeGreaterThanOrEqual(OPEN - MAX_CONNS_PER_IP);
    } finally {
      for (const s of sockets) s.destroy();
    }
  });

  it("guessing private codes gets 429 after the bound, even for a burst sent at once", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < CODE_GUESS_FAILURES + 2; i++) statuses.push((await matchmake("127.0.0.7", "joinById", `ZZZZ${"23456789ABCD"[i]}`)).status);
    expect(statuses.slice(0, CODE_GUESS_FAILURES).every((s) => s >= 400 && s !== 429)).toBe(true);
    expect(statuses.slice(CODE_GUESS_FAILURES)).toEqual([429, 429]);
    const blocked = await matchmake("127.0.0.7", "joinById", "ZZZZZ");
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(60);
    // In parallel: attempts count from the start, so the burst cannot all get through.
    const burst = await Promise.all(Array.from({ length: 15 }, (_, i) => matchmake("127.0.0.8", "joinById", `YYYY${"23456789ABCDEFG"[i]}`)));
    const through = burst.filter((a) => a.status !== 429).length;
    // A real code still works for someone else.
    const host = await matchmake("127.0.0.9", "create", "arena", {}, { name: "Host", private: true });
    const seat = JSON.parse(host.text);
    const hostWs = await claimSeat(seat, "127.0.0.9");
    const guest = await matchmake("127.0.0.10", "joinById", seat.roomId);
    hostWs.close();
    measured.codeGuess = { sequential: statuses, burstOf15ThroughBeforeBlock: through, retryAfterS: Number(blocked.headers["retry-after"]), privateCode: seat.roomId, guestStatus: guest.status };
    expect(through).toBeLessThanOrEqual(CODE_GUESS_FAILURES);
    expect(guest.status).toBe(200);
  });

  it("a foreign Origin gets no CORS headers and a 403 on upgrade; allowed ones work", async () => {
    const evil = { origin: "https://evil.example" };
    const post = await matchmake("127.0.0.11", "joinOrCreate", "arena", evil);
    expect(post.status).toBe(403);
    expect(post.headers["access-control-allow-origin"]).toBeUndefined();
    const preflight = await send("/matchmake/joinOrCreate/arena", { from: "127.0.0.11", method: "OPTIONS", headers: evil });
    expect(preflight.headers["access-control-allow-origin"]).toBeUndefined();

    const dev = await matchmake("127.0.0.11", "joinOrCreate", "arena", { origin: "http://localhost:5173" });
    expect(dev.status).toBe(200);
    expect(dev.headers["access-control-allow-origin"]).toBe("http://localhost:5173");
    const seat = JSON.parse(dev.text);
    // The seat is real, but a foreign page may not open its socket...
    const refusedUpgrade = await new Promise<number>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/${seat.processId}/${seat.roomId}?sessionId=${seat.sessionId}`, { localAddress: "127.0.0.11", origin: "https://evil.example" });
      ws.once("unexpected-response", (_req, res) => resolve(res.statusCode!));
      ws.once("open", () => reject(new Error("a foreign origin opened a socket")));
      ws.once("error", reject);
    });
    expect(refusedUpgrade).toBe(403);
    // ...while the server's own page (Origin = its Host) and programs (no Origin) may.
    const own = await claimSeat(seat, "127.0.0.11", `http://127.0.0.1:${port}`);
    own.close();
    const bare = await matchmake("127.0.0.11");
    expect(bare.status).toBe(200);
    expect(bare.headers["access-control-allow-origin"]).toBeUndefined();
    (await claimSeat(JSON.parse(bare.text), "127.0.0.11")).close();
    measured.origin = { foreignPost: post.status, foreignUpgrade: refusedUpgrade, devAcao: dev.headers["access-control-allow-origin"] };
  });

  it("/metrics only for METRICS_ALLOW, a client-IP header only from a trusted proxy; no X-Powered-By", async () => {
    const outside = await send("/metrics", { from: "127.0.0.2" });
    expect(outside.status).toBe(403);
    // 127.0.0.2 is no trusted proxy: its X-Real-IP is ignored
    expect((await send("/metrics", { from: "127.0.0.2", headers: { "x-real-ip": "127.0.0.1" } })).status).toBe(403);
    // 127.0.0.1 is one: the client it names is outside METRICS_ALLOW
    expect((await send("/metrics", { from: "127.0.0.1", headers: { "x-real-ip": "203.0.113.7" } })).status).toBe(403);
    const inside = await send("/metrics", { from: "127.0.0.1" });
    expect(inside.status).toBe(200);
    expect(refused(inside.text, "metrics")).toBe(3);
    const health = await send("/healthz", { from: "127.0.0.2" });
    expect(health.status).toBe(200);
    expect(health.headers["x-powered-by"]).toBeUndefined();
    expect((await send("/", { from: "127.0.0.2" })).headers["x-powered-by"]).toBeUndefined();
    expect(outside.headers["x-powered-by"]).toBeUndefined();
  });

  it("a monitor brute force gets 429 after the bound, the right password included", async () => {
    const auth = (pass: string) => ({ authorization: `Basic ${Buffer.from(`admin:${pass}`).toString("base64")}` });
    const statuses: number[] = [];
    for (let i = 0; i < MONITOR_AUTH_FAILURES + 2; i++) statuses.push((await send("/monitor/", { from: "127.0.0.12", headers: auth(`guess${i}`) })).status);
    const blockedRight = await send("/monitor/", { from: "127.0.0.12", headers: auth("s3cret") });
    const elsewhere = await send("/monitor/", { from: "127.0.0.13", headers: auth("s3cret") });
    measured.monitor = { statuses, blockedRightPassword: blockedRight.status, retryAfterS: Number(blockedRight.headers["retry-after"]), otherAddress: elsewhere.status };
    expect(statuses).toEqual([...Array<number>(MONITOR_AUTH_FAILURES).fill(401), 429, 429]);
    expect(blockedRight.status).toBe(429);
    expect(elsewhere.status).toBe(200);
    const all = await metrics();
    expect(refused(all, "monitor-auth")).toBe(3);
    for (const reason of ["rate", "body", "conns", "origin", "code-guess"]) expect(refused(all, reason), reason).toBeGreaterThan(0);
  });
});
