/**
 * Attacks on the HTTP side (d, e, f, i, j): matchmaking floods, big bodies, half-open
 * connections, room-code guessing and foreign pages' sockets. Per-IP limits are judged by
 * attacking from one loopback address and then joining from another, which must still work.
 */
import http from "node:http";
import net from "node:net";
import {
  CODE_GUESS_FAILURES,
  HTTP_HEADERS_TIMEOUT_MS,
  HTTP_TIMEOUT_CHECK_MS,
  MATCHMAKE_PER_IP,
  MATCHMAKE_WINDOW_SECONDS,
  MAX_CONNS_PER_IP,
  MAX_HTTP_BODY_BYTES,
  ROOM_CODE_ALPHABET,
  ROOM_CODE_LENGTH,
  ROOM_NAME,
} from "../shared/constants.ts";
import { HEALTHZ_MAX_MS, RSS_GROWTH_MAX_MB, healthzMs, rssMb, watchRss } from "./health.ts";
import { inParallel, pollUntil, tally, type Attack, type AttackContext, type Outcome } from "./kit.ts";
import { RawSeat, joinRaw, matchmake, roomSocketUrl } from "./seat.ts";
import { prng } from "./wire.ts";

/** ms. A fresh player from another address must be seated and joined within this. */
export const FRESH_JOIN_MAX_MS = 2000;

/** Joins from `address` and times it; the problem when it did not join in time. */
async function freshJoin(ctx: AttackContext, address: string | undefined): Promise<{ ms: number; problem?: string }> {
  const start = performance.now();
  const joined = await joinRaw(ctx.base, { localAddress: address, name: "fresh", timeoutMs: FRESH_JOIN_MAX_MS * 2 });
  const ms = performance.now() - start;
  joined.seat?.kill();
  if (!joined.seat) return { ms, problem: `fresh player from ${address ?? "this host"}: ${joined.problem}` };
  if (ms > FRESH_JOIN_MAX_MS) return { ms, problem: `fresh player from ${address ?? "this host"} took ${Math.round(ms)} ms to join` };
  return { ms };
}

function outcome(sent: string, closedWith: string, problems: string[], measured: Record<string, unknown>, skipped?: string): Outcome {
  return { sent, closedWith, pass: problems.length === 0, problems, measured, ...(skipped ? { skipped } : {}) };
}

const FLOOD_REQUESTS = 2000;
/** parallel requests: under the per-IP connection cap, so the rate limit is what answers. */
const FLOOD_PARALLEL = Math.min(32, MAX_CONNS_PER_IP / 2);

export const matchmakeFlood: Attack = {
  name: "matchmake-flood",
  expect: `${FLOOD_REQUESTS} matchmaking requests from one address: all past ${MATCHMAKE_PER_IP} per ${MATCHMAKE_WINDOW_SECONDS} s get 429; a player from another address still joins within ${FRESH_JOIN_MAX_MS} ms`,
  async run(ctx) {
    const from = ctx.fixedSource("127.0.0.2");
    const agent = new http.Agent({ keepAlive: true, maxSockets: FLOOD_PARALLEL });
    const start = performance.now();
    const statuses = await inParallel(FLOOD_REQUESTS, FLOOD_PARALLEL, async (i) => {
      const r = await matchmake(ctx.base, "joinOrCreate", ROOM_NAME, { name: `flood${i}` }, { localAddress: from, agent });
      return r.status;
    });
    const ms = performance.now() - start;
    agent.destroy();
    const refused = statuses.filter((s) => s === 429).length;
    const windows = Math.floor(ms / (MATCHMAKE_WINDOW_SECONDS * 1000)) + 2; // the flood may straddle windows
    const allowed = MATCHMAKE_PER_IP * windows;
    const problems: string[] = [];
    if (FLOOD_REQUESTS - refused > allowed) problems.push(`${FLOOD_REQUESTS - refused} requests were not refused with 429 (at most ${allowed} may pass)`);
    const other = ctx.fixedSource("127.0.0.3");
    let fresh: { ms: number; problem?: string } | null = null;
    if (other) {
      fresh = await freshJoin(ctx, other);
      if (fresh.problem) problems.push(fresh.problem);
    }
    return outcome(
      `${FLOOD_REQUESTS} POST /matchmake in ${(ms / 1000).toFixed(1)} s from ${from ?? "one address"}`,
      tally(statuses),
      problems,
      { requests: FLOOD_REQUESTS, statuses: tally(statuses), refused429: refused, floodMs: Math.round(ms), freshJoinMs: fresh ? Math.round(fresh.ms) : null },
      other ? undefined : "no second source address: the fresh-player check needs a loopback target",
    );
  },
};

const BIG_BODY_BYTES = 64 * 1024 * 1024;

/**
 * Streams `total` bytes as one POST body (declared or chunked) over a raw socket; the
 * status the server answered and how much went out before it. Each chunk waits for the
 * last to reach the kernel and for the event loop to turn, so an early answer is read
 * before the server's reset of a connection it stopped reading could discard it.
 */
function postBigBody(ctx: AttackContext, chunked: boolean, total: number): Promise<{ status: number; written: number; ms: number }> {
  const start = performance.now();
  return new Promise((resolve) => {
    const s = net.connect({ host: ctx.base.hostname, port: Number(ctx.base.port), localAddress: ctx.source(chunked ? 1 : 0) });
    let status = 0;
    let written = 0;
    let settled = false;
    let answer = "";
    const finish = () => {
      if (settled) return;
      settled = true;
      s.destroy();
      resolve({ status, written, ms: performance.now() - start });
    };
    s.on("data", (d: Buffer) => {
      answer += d.toString("latin1");
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(answer);
      if (m) {
        status = Number(m[1]);
        finish();
      }
    });
    s.on("error", () => {}); // the close that follows settles it
    s.on("close", finish);
    s.setTimeout(30_000, finish);
    s.once("connect", async () => {
      const length = chunked ? "Transfer-Encoding: chunked" : `Content-Length: ${total}`;
      s.write(`POST /matchmake/joinOrCreate/${ROOM_NAME} HTTP/1.1\r\nHost: ${ctx.base.host}\r\nContent-Type: application/json\r\n${length}\r\n\r\n`);
      const chunk = Buffer.alloc(64 * 1024, 0x20); // spaces: a valid start of a JSON body
      const piece = chunked ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]) : chunk;
      while (written < total && !settled && !s.destroyed) {
        await new Promise<void>((r) => s.write(piece, () => r()));
        written += chunk.length;
        await new Promise((r) => setImmediate(r));
      }
      if (chunked && !settled && !s.destroyed) s.write("0\r\n\r\n");
    });
  });
}

export const bigBody: Attack = {
  name: "big-body",
  expect: `a 64 MB matchmaking body (declared, then chunked): 413 once past ${MAX_HTTP_BODY_BYTES} bytes, RSS grows < ${RSS_GROWTH_MAX_MB} MB`,
  async run(ctx) {
    const rssBefore = await rssMb(ctx.base);
    const rss = watchRss(ctx.base, 200);
    const declared = await postBigBody(ctx, false, BIG_BODY_BYTES);
    const chunked = await postBigBody(ctx, true, BIG_BODY_BYTES);
    const peak = await rss.stop();
    const problems: string[] = [];
    if (declared.status !== 413) problems.push(`declared body: answered ${declared.status || "nothing"}`);
    if (chunked.status !== 413) problems.push(`chunked body: answered ${chunked.status || "nothing"}`);
    const growth = peak !== null && rssBefore !== null ? peak - rssBefore : null;
    if (growth !== null && growth >= RSS_GROWTH_MAX_MB) problems.push(`RSS grew ${Math.round(growth)} MB`);
    const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MB`;
    return outcome(
      `2 x 64 MB POST bodies (sent ${mb(declared.written)} + ${mb(chunked.written)} before the answer)`,
      `${declared.status || "-"} / ${chunked.status || "-"}`,
      problems,
      { declared, chunked, rssBeforeMb: rssBefore === null ? null : Math.round(rssBefore), rssPeakMb: peak === null ? null : Math.round(peak) },
    );
  },
};

const HALF_OPEN = 2000;
/** a request line and one header, never finished. */
const PARTIAL_REQUEST = `POST /matchmake/joinOrCreate/${ROOM_NAME} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Le`;

export const halfOpen: Attack = {
  name: "half-open",
  expect: `${HALF_OPEN} half-sent requests from one address: past ${MAX_CONNS_PER_IP} they are cut at once, the rest after ${HTTP_HEADERS_TIMEOUT_MS / 1000} s; a player from another address joins within ${FRESH_JOIN_MAX_MS} ms meanwhile`,
  async run(ctx) {
    const from = ctx.fixedSource("127.0.0.4");
    const sockets: net.Socket[] = [];
    let connected = 0;
    let closedByServer = 0;
    let timedOut = 0;
    const openAt = performance.now();
    await inParallel(HALF_OPEN, 200, async () => {
      const s = net.connect({ host: ctx.base.hostname, port: Number(ctx.base.port), localAddress: from });
      sockets.push(s);
      s.on("error", () => {});
      // read: a socket that reads nothing never sees the server's 408 and FIN, and looks open
      s.on("data", (d: Buffer) => {
        if (d.toString("latin1").startsWith("HTTP/1.1 408")) timedOut++;
      });
      s.on("close", () => closedByServer++);
      await new Promise<void>((r) => {
        s.once("connect", () => {
          connected++;
          s.write(PARTIAL_REQUEST);
          r();
        });
        s.once("close", () => r());
      });
    });
    const problems: string[] = [];
    const hz = await healthzMs(ctx.base);
    if (hz.ms === null || hz.ms > HEALTHZ_MAX_MS) problems.push(`/healthz while held: ${hz.ms === null ? hz.status || "no answer" : `${Math.round(hz.ms)} ms`}`);
    const other = ctx.fixedSource("127.0.0.5");
    const fresh = await freshJoin(ctx, other);
    if (fresh.problem) problems.push(fresh.problem);
    const openAfterFresh = sockets.length - closedByServer;
    // the ones under the cap must still go: at the header timeout, checked every HTTP_TIMEOUT_CHECK_MS
    const bound = HTTP_HEADERS_TIMEOUT_MS + HTTP_TIMEOUT_CHECK_MS + 1000;
    await pollUntil(() => closedByServer >= sockets.length, Math.max(0, bound - (performance.now() - openAt)), 100);
    const stillOpen = sockets.length - closedByServer;
    const heldMs = performance.now() - openAt;
    for (const s of sockets) s.destroy();
    if (other && openAfterFresh > MAX_CONNS_PER_IP) problems.push(`${openAfterFresh} connections from one address stayed open (cap ${MAX_CONNS_PER_IP})`);
    if (stillOpen > 0) problems.push(`${stillOpen} half-sent requests still open after ${(heldMs / 1000).toFixed(1)} s`);
    return outcome(
      `${HALF_OPEN} TCP connections, partial request line, from ${from ?? "one address"}`,
      `${connected} connected, ${openAfterFresh} left open at once, ${stillOpen} after ${(heldMs / 1000).toFixed(0)} s`,
      problems,
      { connections: HALF_OPEN, connected, openAfterFresh, stillOpenAtEnd: stillOpen, answered408: timedOut, heldMs: Math.round(heldMs), freshJoinMs: Math.round(fresh.ms), healthzMs: hz.ms },
      other ? undefined : "no second source address: the per-IP cap is not judged on a remote target",
    );
  },
};

/** guesses at most: the bound, and as many again to see the refusal hold. */
const MAX_GUESSES = CODE_GUESS_FAILURES * 2 + 5;

export const codeGuessing: Attack = {
  name: "code-guess",
  expect: `joinById with random ${ROOM_CODE_LENGTH}-character codes from one address: 429 from guess ${CODE_GUESS_FAILURES + 1} on`,
  async run(ctx) {
    const from = ctx.fixedSource("127.0.0.6");
    const random = prng(Date.now() & 0xffffffff);
    const code = () => Array.from({ length: ROOM_CODE_LENGTH }, () => ROOM_CODE_ALPHABET[Math.floor(random() * ROOM_CODE_ALPHABET.length)]).join("");
    const statuses: number[] = [];
    let first429 = 0;
    for (let i = 1; i <= MAX_GUESSES; i++) {
      const r = await matchmake(ctx.base, "joinById", code(), { name: "guesser" }, { localAddress: from });
      statuses.push(r.status);
      if (r.status === 429 && first429 === 0) first429 = i;
      if (first429 > 0 && i >= first429 + 5) break; // the refusal held for five more
    }
    const problems: string[] = [];
    if (first429 === 0) problems.push(`no 429 in ${statuses.length} guesses`);
    else if (first429 > CODE_GUESS_FAILURES + 1) problems.push(`first 429 at guess ${first429}, after the bound of ${CODE_GUESS_FAILURES}`);
    if (first429 > 0 && statuses.slice(first429).some((s) => s !== 429)) problems.push("a guess after the first 429 was answered");
    return outcome(`${statuses.length} joinById guesses from ${from ?? "one address"}`, tally(statuses), problems, { guesses: statuses.length, first429: first429 || null, statuses: tally(statuses) });
  },
};

const EVIL_ORIGIN = "http://evil.example";

export const badOrigin: Attack = {
  name: "bad-origin",
  expect: `a game socket opened from a foreign page (Origin ${EVIL_ORIGIN}): upgrade refused with 403; the same seat from the server's own origin joins`,
  async run(ctx) {
    const from = ctx.fixedSource("127.0.0.7");
    const made = await matchmake(ctx.base, "joinOrCreate", ROOM_NAME, { name: "origin" }, { localAddress: from });
    if (!made.seat) return outcome("nothing: matchmaking failed", "-", [`matchmaking answered ${made.status}`], {});
    const url = roomSocketUrl(ctx.base, made.seat);
    const evil = new RawSeat(url, { localAddress: from, origin: EVIL_ORIGIN });
    const joinedEvil = await evil.joinedWithin(3000);
    evil.kill();
    // the control: a refused upgrade did not spend the seat, and our own page's origin may use it
    let ownUrl = url;
    if (joinedEvil) {
      const again = await matchmake(ctx.base, "joinOrCreate", ROOM_NAME, { name: "origin" }, { localAddress: from });
      if (again.seat) ownUrl = roomSocketUrl(ctx.base, again.seat);
    }
    const own = new RawSeat(ownUrl, { localAddress: from, origin: ctx.base.origin });
    const joinedOwn = await own.joinedWithin(3000);
    own.kill();
    const problems: string[] = [];
    if (evil.refusedStatus !== 403) problems.push(joinedEvil ? "the foreign origin's socket joined" : `foreign origin answered ${evil.refusedStatus ?? `close ${evil.closed?.code}`}`);
    if (!joinedOwn) problems.push(`the server's own origin could not join (${own.refusedStatus ?? own.closed?.code ?? "no handshake"})`);
    return outcome(
      `WebSocket upgrade with Origin ${EVIL_ORIGIN}, then ${ctx.base.origin}`,
      `${evil.refusedStatus ?? (joinedEvil ? "joined" : evil.closed?.code ?? "-")} / own origin ${joinedOwn ? "joined" : "refused"}`,
      problems,
      { foreignStatus: evil.refusedStatus, foreignJoined: joinedEvil, ownOriginJoined: joinedOwn },
    );
  },
};
