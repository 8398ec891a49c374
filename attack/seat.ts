/**
 * A hand-made Colyseus client, close to the wire: matchmaking over HTTP, then the room's
 * WebSocket at `<processId>/<roomId>?sessionId=...` as @colyseus/sdk 0.18's buildEndpoint
 * makes it, answering the server's JOIN_ROOM handshake with JOIN_ROOM as the SDK does.
 * Every request can leave from a chosen source address (Linux routes all of 127/8 to the
 * loopback), so one machine can play many clients' IPs against a local server.
 */
import http from "node:http";
import { Protocol } from "@colyseus/shared-types";
import WebSocket from "ws";
import { ROOM_NAME } from "../shared/constants.ts";
import { JOIN_ACK, frameCode, handshakeTickRate, isPatch, joinToken } from "./wire.ts";

export interface HttpAnswer {
  status: number;
  body: string;
  ms: number;
}

export interface RequestOptions {
  localAddress?: string;
  headers?: Record<string, string>;
  agent?: http.Agent;
  timeoutMs?: number;
}

/** One HTTP request with a bounded wait; a network error is status 0 with the error's code as body. */
export function request(base: URL, method: string, path: string, body: string | null, opts: RequestOptions = {}): Promise<HttpAnswer> {
  const started = performance.now();
  return new Promise((resolve) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (body !== null) {
      headers["content-type"] ??= "application/json";
      headers["content-length"] = String(Buffer.byteLength(body));
    }
    const req = http.request(
      { host: base.hostname, port: base.port, method, path, headers, localAddress: opts.localAddress, agent: opts.agent, timeout: opts.timeoutMs ?? 5000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - started }));
        res.on("error", (e) => resolve({ status: 0, body: (e as NodeJS.ErrnoException).code ?? e.message, ms: performance.now() - started }));
      },
    );
    req.on("timeout", () => req.destroy(Object.assign(new Error("timed out"), { code: "TIMEOUT" })));
    req.on("error", (e) => resolve({ status: 0, body: (e as NodeJS.ErrnoException).code ?? e.message, ms: performance.now() - started }));
    req.end(body ?? undefined);
  });
}

/** The seat reservation Colyseus answers a matchmaking request with. */
export interface SeatReservation {
  name: string;
  roomId: string;
  processId: string;
  sessionId: string;
  publicAddress?: string;
  reconnectionToken?: string;
}

export type MatchmakeMethod = "joinOrCreate" | "create" | "join" | "joinById" | "reconnect";

export async function matchmake(base: URL, method: MatchmakeMethod, target: string, options: object, opts: RequestOptions = {}): Promise<HttpAnswer & { seat?: SeatReservation }> {
  const answer = await request(base, "POST", `/matchmake/${method}/${encodeURIComponent(target)}`, JSON.stringify(options), {
    ...opts,
    headers: { accept: "application/json", ...opts.headers },
  });
  if (answer.status !== 200) return answer;
  try {
    const seat = JSON.parse(answer.body) as SeatReservation;
    return typeof seat.sessionId === "string" && typeof seat.roomId === "string" ? { ...answer, seat } : answer;
  } catch {
    return answer;
  }
}

/** The room socket's URL, as the SDK builds it. */
export function roomSocketUrl(base: URL, seat: SeatReservation, reconnectionToken?: string): string {
  const where = seat.publicAddress ?? base.host;
  const params = new URLSearchParams({ sessionId: seat.sessionId });
  if (reconnectionToken) params.set("reconnectionToken", reconnectionToken);
  return `${base.protocol === "https:" ? "wss" : "ws"}://${where}/${seat.processId}/${seat.roomId}?${params}`;
}

export interface Closed {
  code: number;
  reason: string;
  /** ms since the socket opened. */
  afterMs: number;
}

export interface SocketOptions {
  localAddress?: string;
  origin?: string;
  /** false: only count frames, keep none (for attacks that read nothing back). */
  keepFrames?: boolean;
}

/**
 * One room socket. Counts what the server sends, records how it closed, and can stop
 * reading its TCP socket (the kernel keeps buffering until its window is full).
 */
export class RawSeat {
  readonly ws: WebSocket;
  readonly opened = performance.now();
  /** the reconnection token from the handshake (roomId-less, as the SDK's token part). */
  token: string | null = null;
  /** the room's tick rate from the handshake, when it says. */
  tickHz: number | null = null;
  patches = 0;
  bytesIn = 0;
  framesIn = 0;
  /** ROOM_DATA frames: when read, their size, and their first bytes (enough to tell what they are). */
  readonly data: Array<{ at: number; size: number; head: Buffer }> = [];
  closed: Closed | null = null;
  /** the HTTP status when the upgrade was refused (ws's 'unexpected-response'). */
  refusedStatus: number | null = null;
  readonly whenClosed: Promise<Closed>;
  readonly whenJoined: Promise<boolean>;

  constructor(url: string, opts: SocketOptions = {}) {
    this.ws = new WebSocket(url, { localAddress: opts.localAddress, origin: opts.origin, maxPayload: 64 * 1024 * 1024 });
    this.ws.binaryType = "nodebuffer";
    let joined: (ok: boolean) => void;
    this.whenJoined = new Promise((r) => (joined = r));
    this.whenClosed = new Promise((resolve) => {
      this.ws.on("close", (code, reason) => {
        this.closed = { code, reason: reason.toString(), afterMs: performance.now() - this.opened };
        joined(false);
        resolve(this.closed);
      });
    });
    this.ws.on("unexpected-response", (req, res) => {
      this.refusedStatus = res.statusCode ?? 0;
      res.resume();
      req.destroy();
    });
    this.ws.on("error", () => {}); // the close event that follows says what happened
    this.ws.on("message", (raw: Buffer) => {
      const frame = new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
      this.framesIn++;
      this.bytesIn += frame.length;
      if (isPatch(frame)) this.patches++;
      const code = frameCode(frame);
      if (code === Protocol.JOIN_ROOM && this.token === null) {
        this.token = joinToken(frame);
        this.tickHz = handshakeTickRate(frame);
        this.send(JOIN_ACK);
        joined(true);
      } else if (code === Protocol.ROOM_DATA) {
        if (opts.keepFrames !== false) this.data.push({ at: performance.now(), size: frame.length, head: Buffer.from(frame.subarray(0, 256)) });
      }
    });
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Sends one binary frame if the socket is still open; false otherwise. */
  send(frame: Uint8Array): boolean {
    if (!this.open) return false;
    this.ws.send(frame);
    return true;
  }

  /** Unsolicited pong: keeps the server's heartbeat satisfied while this side reads nothing. */
  heartbeat(): void {
    if (this.open) this.ws.pong();
  }

  pauseReading(): void {
    (this.ws as unknown as { _socket?: { pause(): void } })._socket?.pause();
  }

  resumeReading(): void {
    (this.ws as unknown as { _socket?: { resume(): void } })._socket?.resume();
  }

  /** Waits for the close at most `ms`; the close, or null if the socket is still open. */
  async closedWithin(ms: number): Promise<Closed | null> {
    if (this.closed) return this.closed;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((r) => (timer = setTimeout(() => r(null), ms)));
    const result = await Promise.race([this.whenClosed, timeout]);
    clearTimeout(timer);
    return result;
  }

  /** Waits for the handshake at most `ms`: true once JOINED, false if it closed or timed out. */
  async joinedWithin(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((r) => (timer = setTimeout(() => r(false), ms)));
    const result = await Promise.race([this.whenJoined, timeout]);
    clearTimeout(timer);
    return result;
  }

  /** Ends the connection at once, whatever state it is in. */
  kill(): void {
    this.resumeReading();
    if (this.ws.readyState !== WebSocket.CLOSED) this.ws.terminate();
  }
}

export interface JoinResult {
  seat?: RawSeat;
  reservation?: SeatReservation;
  /** the matchmaking status (200 when a seat was reserved). */
  status: number;
  problem?: string;
}

/** Matchmakes (joinOrCreate, or `method`) and joins the room over a raw socket. */
export async function joinRaw(
  base: URL,
  opts: { localAddress?: string; name?: string; method?: MatchmakeMethod; target?: string; timeoutMs?: number; keepFrames?: boolean } = {},
): Promise<JoinResult> {
  const made = await matchmake(base, opts.method ?? "joinOrCreate", opts.target ?? ROOM_NAME, { name: opts.name ?? "attacker" }, { localAddress: opts.localAddress });
  if (!made.seat) return { status: made.status, problem: `matchmaking answered ${made.status || made.body}: ${made.body.slice(0, 120)}` };
  const seat = new RawSeat(roomSocketUrl(base, made.seat), { localAddress: opts.localAddress, keepFrames: opts.keepFrames });
  if (await seat.joinedWithin(opts.timeoutMs ?? 5000)) return { seat, reservation: made.seat, status: made.status };
  seat.kill();
  const why = seat.closed ? `closed ${seat.closed.code} ${seat.closed.reason}` : seat.refusedStatus ? `upgrade refused ${seat.refusedStatus}` : "no handshake in time";
  return { status: made.status, reservation: made.seat, problem: `socket did not join (${why})` };
}

/** Joins `count` raw seats, `parallel` at a time; those that failed are reported, not thrown. */
export async function joinMany(base: URL, count: number, source: (i: number) => string | undefined, parallel = 8): Promise<{ seats: RawSeat[]; problems: string[] }> {
  const seats: RawSeat[] = [];
  const problems: string[] = [];
  for (let start = 0; start < count; start += parallel) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(parallel, count - start) }, (_, k) => joinRaw(base, { localAddress: source(start + k), name: `atk${start + k}` })),
    );
    for (const r of batch) {
      if (r.seat) seats.push(r.seat);
      else problems.push(r.problem ?? "unknown");
    }
  }
  return { seats, problems };
}
