/**
 * The front gate: checks every HTTP request, WebSocket upgrade and TCP connection before
 * Colyseus or express sees it. Colyseus answers /matchmake from a 'request' listener it
 * prepends at listen time, ahead of any express middleware, so the gate cannot be
 * middleware: it takes over the server's 'request' and 'upgrade' events after listen and
 * calls the original listeners, in their order, for what it lets through.
 *
 * Limits (numbers and reasons in shared/constants.ts, "HTTP limits"):
 * - matchmaking (POST /matchmake/...): per client IP rate, 429 + Retry-After;
 * - private-code joins (POST /matchmake/joinById/...): failed ones per client IP, 429;
 * - request bodies: MAX_HTTP_BODY_BYTES, 413 and the connection closed;
 * - connections: per peer address and for the process, destroyed past the cap; Node's
 *   header and request timeouts end half-open ones (set where the server is created);
 * - browser Origins: CORS headers only for allowed ones; 403 on matchmaking and upgrade.
 */
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { Duplex } from "node:stream";
import { matchMaker } from "@colyseus/core";
import {
  CODE_GUESS_BLOCK_SECONDS,
  CODE_GUESS_FAILURES,
  CODE_GUESS_WINDOW_SECONDS,
  HTTP_BODY_LINGER_MS,
  HTTP_HEADERS_TIMEOUT_MS,
  HTTP_KEEP_ALIVE_TIMEOUT_MS,
  HTTP_REQUEST_TIMEOUT_MS,
  HTTP_TIMEOUT_CHECK_MS,
  MATCHMAKE_WINDOW_SECONDS,
  MAX_HTTP_BODY_BYTES,
} from "../../shared/constants.ts";
import { readBoundedBody, declaredBody } from "./body.ts";
import { noteClientIp, resolveClientIp, UNKNOWN_IP, type ClientIpRule } from "./client-ip.ts";
import { inList, limitKey, normalizeIp } from "./ip.ts";
import { FailureBound, RequestRate, type Verdict } from "./limiters.ts";
import { originAllowed, type OriginPolicy } from "./origin.ts";
import { httpRefusals, type RefusalReason } from "./refusals.ts";
import type { HttpSettings } from "./settings.ts";

/**
 * The http.Server for the transport, with the slow-client timeouts. The checking interval
 * can only be given here: Node reads it once, when the server starts listening.
 */
export function createHttpServer(): http.Server {
  return http.createServer({
    headersTimeout: HTTP_HEADERS_TIMEOUT_MS,
    requestTimeout: HTTP_REQUEST_TIMEOUT_MS,
    keepAliveTimeout: HTTP_KEEP_ALIVE_TIMEOUT_MS,
    connectionsCheckingInterval: HTTP_TIMEOUT_CHECK_MS,
  });
}

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;
type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/** Installs the gate on a listening server; call once, after listen. */
export function installFrontGate(server: http.Server, settings: HttpSettings): void {
  // Also set here, for a server that was not made by createHttpServer.
  server.headersTimeout = HTTP_HEADERS_TIMEOUT_MS;
  server.requestTimeout = HTTP_REQUEST_TIMEOUT_MS;
  server.keepAliveTimeout = HTTP_KEEP_ALIVE_TIMEOUT_MS;
  server.maxConnections = settings.maxConnections;
  server.on("drop", () => httpRefusals.count("conns"));
  capConnectionsPerIp(server, settings);
  applyCorsPolicy(settings.allowedOrigins);

  const ipRule: ClientIpRule = { header: settings.clientIpHeader, trustedProxies: settings.trustedProxies };
  const exempt = (ip: string) => inList(ip, settings.limitExempt);
  const matchmaking = new RequestRate(settings.matchmakePerIp, MATCHMAKE_WINDOW_SECONDS);
  const codeGuesses = new FailureBound(CODE_GUESS_FAILURES, CODE_GUESS_WINDOW_SECONDS, CODE_GUESS_BLOCK_SECONDS);

  const requestListeners = server.listeners("request") as RequestListener[];
  server.removeAllListeners("request");
  const pass = (req: IncomingMessage, res: ServerResponse) => {
    for (const listener of requestListeners) listener.call(server, req, res);
  };

  async function gate(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const ip = resolveClientIp(req.socket.remoteAddress, req.headers, ipRule);
    noteClientIp(req, ip);
    const key = limitKey(ip);
    const path = (req.url ?? "/").split("?")[0]!.toLowerCase();
    // Colyseus' router is exact ("/matchmake/<method>/<room>", case-sensitive), but the
    // gate reads any POST naming matchmake as matchmaking: erring wide costs nothing.
    if (req.method === "POST" && path.includes("matchmake")) {
      if (!originAllowed(req.headers.origin, req.headers.host, settings.allowedOrigins)) {
        return refuse(res, 403, "origin", "This page's origin may not use this server.");
      }
      if (!exempt(ip)) {
        const verdict = await matchmaking.take(key);
        if (!verdict.ok) return tooMany(res, verdict, "rate", `Too many matchmaking requests from your address; try again in ${verdict.retryAfterSeconds} s.`);
        if (path.includes("/joinbyid/")) {
          const attempt = await codeGuesses.begin(key);
          if (!attempt.ok) return tooMany(res, attempt, "code-guess", `Too many wrong room codes from your address; try again in ${attempt.retryAfterSeconds} s.`);
          res.once("finish", () => {
            if (res.statusCode < 400) void codeGuesses.succeeded(key);
          });
        }
      }
    }
    const declared = declaredBody(req.headers, MAX_HTTP_BODY_BYTES);
    if (declared === "over") return tooLarge(req, res);
    if (declared !== "none") {
      const read = await readBoundedBody(req, MAX_HTTP_BODY_BYTES);
      if (!read.ok) return read.reason === "over" ? tooLarge(req, res) : undefined;
      // Colyseus' router and the monitor (better-call) take a body already read from
      // req.body instead of the stream, which the gate has now consumed.
      (req as IncomingMessage & { body?: string }).body = read.body.toString("utf8");
    }
    pass(req, res);
  }

  server.on("request", (req: IncomingMessage, res: ServerResponse) => {
    gate(req, res).catch((e: unknown) => {
      console.error(`tickfire: HTTP gate error: ${(e as Error).message}`);
      if (!res.headersSent) res.writeHead(500, { connection: "close" }).end();
      else res.destroy();
    });
  });

  const upgradeListeners = server.listeners("upgrade") as UpgradeListener[];
  server.removeAllListeners("upgrade");
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    noteClientIp(req, resolveClientIp(req.socket.remoteAddress, req.headers, ipRule));
    if (!originAllowed(req.headers.origin, req.headers.host, settings.allowedOrigins)) {
      httpRefusals.count("origin");
      // Node leaves an upgraded socket's errors to us: a reset must not become a crash.
      socket.on("error", () => socket.destroy());
      const body = "This page's origin may not open a game socket here.\n";
      socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      return;
    }
    for (const listener of upgradeListeners) listener.call(server, req, socket, head);
  });
}

/** A JSON refusal; the connection closes after it, or (`close` false) Node keeps it open
 *  even if the client asked for a close: an explicit keep-alive header overrides that. */
function refuse(res: ServerResponse, status: number, reason: RefusalReason, message: string, headers: Record<string, string> = {}, close = true): void {
  httpRefusals.count(reason);
  // The SDK shows `error` of a JSON answer as the failure's message.
  const body = JSON.stringify({ code: status, error: message });
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(body), connection: close ? "close" : "keep-alive", ...headers });
  res.end(body);
}

function tooMany(res: ServerResponse, verdict: Verdict, reason: RefusalReason, message: string): void {
  const retry = verdict.ok ? 1 : verdict.retryAfterSeconds;
  refuse(res, 429, reason, message, { "retry-after": String(retry) });
}

/**
 * 413, and the request is over: nothing more of it is kept. The socket lingers for
 * HTTP_BODY_LINGER_MS (Node drops what still arrives) so the client can read the answer,
 * then it is destroyed. (Closing at once, as Node does after a "Connection: close"
 * answer or request, would be a close with unread bytes: a reset, which a client still
 * sending sees before the answer.)
 */
function tooLarge(req: IncomingMessage, res: ServerResponse): void {
  const socket = req.socket;
  const cut = setTimeout(() => socket.destroy(), HTTP_BODY_LINGER_MS);
  socket.once("close", () => clearTimeout(cut));
  req.resume(); // with no reader attached, what arrives is dropped
  refuse(res, 413, "body", `Request body over ${MAX_HTTP_BODY_BYTES} bytes.`, {}, false);
}

/**
 * At most maxConnsPerIp open sockets per peer address (IPv6: per /64), upgrades included
 * (they are counted as the connections they start as). Trusted proxies (when a client-IP
 * header is set) and exempt addresses are not capped: they carry many clients.
 */
function capConnectionsPerIp(server: http.Server, settings: HttpSettings): void {
  const open = new Map<string, number>();
  server.on("connection", (socket: Socket) => {
    const peer = (socket.remoteAddress && normalizeIp(socket.remoteAddress)) || UNKNOWN_IP;
    if (inList(peer, settings.limitExempt)) return;
    if (settings.clientIpHeader && inList(peer, settings.trustedProxies)) return;
    const key = limitKey(peer);
    const n = (open.get(key) ?? 0) + 1;
    open.set(key, n);
    socket.once("close", () => {
      const left = (open.get(key) ?? 1) - 1;
      if (left <= 0) open.delete(key);
      else open.set(key, left);
    });
    if (n > settings.maxConnsPerIp) {
      httpRefusals.count("conns");
      socket.destroy();
    }
  });
}

/**
 * Colyseus answers every request with CORS headers that echo any Origin, credentials
 * allowed. Instead: the echo only for allowed origins, nothing for others (the browser
 * then hides the answer from the page), and no wildcard default.
 */
function applyCorsPolicy(policy: OriginPolicy): void {
  const controller = matchMaker.controller;
  delete (controller.DEFAULT_CORS_HEADERS as Record<string, string>)["Access-Control-Allow-Origin"];
  controller.getCorsHeaders = (headers: Headers): Record<string, string> => {
    const origin = headers.get("origin") ?? undefined;
    if (origin === undefined) return {};
    if (originAllowed(origin, headers.get("host") ?? undefined, policy)) return { "Access-Control-Allow-Origin": origin, Vary: "Origin" };
    httpRefusals.count("origin");
    return { Vary: "Origin" };
  };
}
