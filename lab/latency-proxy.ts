/**
 * The latency lab's TCP proxy: sits between clients and the game server and adds latency,
 * jitter and a bandwidth cap. It moves bytes, not messages, so HTTP matchmaking and the
 * WebSocket upgrade that follows pass through unchanged.
 *
 * It never drops or reorders: WebSocket runs over TCP, where a lost segment shows up as
 * delay for it and everything behind it, never as a gap. Each direction of each connection
 * is a FIFO lane; a chunk is released at max(its own scheduled time, the release time of the
 * chunk before it), so jitter stretches gaps but cannot swap chunks. See lab/README.md.
 */
import { createConnection, createServer, type Socket } from "node:net";
import { createRng, nextFloat, type Rng } from "../shared/random.ts";

/** What the lab does to the traffic. */
export interface LabSettings {
  /** ms of added round trip; each direction gets half. */
  latencyMs: number;
  /** ms of round-trip jitter: each chunk's one-way delay is latency/2 ± jitter/2. */
  jitterMs: number;
  /** bytes/s per direction per connection; 0 = no cap. */
  bandwidthBytesPerSec: number;
}

export interface LatencyProxyOptions extends Partial<LabSettings> {
  target: { host: string; port: number };
  /** default 127.0.0.1 */
  listenHost?: string;
  /** 0 (default) = a free port the OS picks. */
  listenPort?: number;
  /** seed of the jitter; default 1. */
  seed?: number;
}

export interface LatencyProxyStats extends LabSettings {
  target: string;
  seed: number;
  connections: { open: number; total: number };
  /** bytes delivered so far: up = client to server, down = server to client. */
  bytes: { up: number; down: number };
  /** bytes waiting in the delay queues right now. */
  queuedBytes: number;
}

export interface LatencyProxy {
  port: number;
  /** http://host:port of the proxy, without a trailing slash. */
  url: string;
  stats(): LatencyProxyStats;
  /**
   * Cuts open connections abruptly, as a failing network would: both ends get a TCP reset
   * (no FIN, so no WebSocket close frame: each side sees code 1006) and the bytes waiting
   * in the lanes are lost. `match` picks connections by the first bytes their client sent
   * (up to HEAD_BYTES, latin1; for a Colyseus room socket the upgrade request line
   * `GET /<process>/<room>?sessionId=<id>...`); without it every open connection is cut.
   * The proxy keeps listening, so clients may connect again. Returns how many were cut.
   */
  cut(match?: (head: string) => boolean): number;
  /** Stops listening and destroys every connection. */
  close(): Promise<void>;
}

/** bytes. A lane pauses its source above this much queued data. It bounds memory and, like a
 *  TCP window, caps a bulk transfer at HIGH_WATER per one-way delay (10 MB/s at 100 ms RTT),
 *  far above what a game needs. */
const HIGH_WATER = 512 * 1024;
const LOW_WATER = HIGH_WATER / 2;
/** ms of transmit time per slice under a bandwidth cap: big reads are cut into slices so they
 *  trickle out at the capped rate instead of arriving as one late lump. */
const SLICE_MS = 20;
const MIN_SLICE_BYTES = 64;
/** bytes. How much of what a client sends first a connection keeps, for cut()'s `match`. */
const HEAD_BYTES = 1024;
/** Compact a lane's arrays once this many released entries sit at their front. */
const COMPACT_AFTER = 1024;

interface Shape {
  halfLatency: number;
  halfJitter: number;
  bandwidth: number;
  sliceBytes: number;
}

/**
 * One direction of one connection: a FIFO of chunks with release times and one timer, armed
 * for the head only. Release times never decrease, so a chunk pushed behind others needs no
 * timer of its own; a proxy with hundreds of connections keeps at most one timer per lane.
 */
class Lane {
  private readonly src: Socket;
  private readonly dst: Socket;
  private readonly shape: Shape;
  private readonly rng: Rng;
  private readonly onDeliver: (bytes: number) => void;
  private chunks: Buffer[] = [];
  private dues: number[] = [];
  private head = 0;
  private lastDue = 0;
  /** when the capped link has finished sending what is queued (ms, performance.now). */
  private linkFreeAt = 0;
  private timer: NodeJS.Timeout | null = null;
  /** dst.write() returned false: wait for 'drain'. */
  private blocked = false;
  /** more than HIGH_WATER bytes queued: the source waits until half of it has gone. */
  private full = false;
  queued = 0;
  sourceEnded = false;
  /** dst.end() has been called. */
  finished = false;

  constructor(src: Socket, dst: Socket, shape: Shape, rng: Rng, onDeliver: (bytes: number) => void) {
    this.src = src;
    this.dst = dst;
    this.shape = shape;
    this.rng = rng;
    this.onDeliver = onDeliver;
  }

  push(chunk: Buffer): void {
    const now = performance.now();
    const { bandwidth, sliceBytes } = this.shape;
    if (bandwidth > 0 && chunk.length > sliceBytes) {
      for (let at = 0; at < chunk.length; at += sliceBytes) this.enqueue(chunk.subarray(at, at + sliceBytes), now);
    } else this.enqueue(chunk, now);
    if (this.queued > HIGH_WATER && !this.full) {
      this.full = true;
      this.updateFlow();
    }
    if (this.timer === null) this.release();
  }

  /** The source sent FIN: deliver what is queued, then pass the FIN on. */
  end(): void {
    this.sourceEnded = true;
    if (this.timer === null) this.release();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.chunks = [];
    this.dues = [];
    this.head = 0;
    this.queued = 0;
  }

  private enqueue(data: Buffer, now: number): void {
    const { halfLatency, halfJitter, bandwidth } = this.shape;
    let sent = now;
    if (bandwidth > 0) {
      // serialization delay: the chunk leaves once the link is free and all its bytes are out
      this.linkFreeAt = Math.max(now, this.linkFreeAt) + (data.length * 1000) / bandwidth;
      sent = this.linkFreeAt;
    }
    const oneWay = Math.max(0, halfLatency + (nextFloat(this.rng) * 2 - 1) * halfJitter);
    this.lastDue = Math.max(sent + oneWay, this.lastDue);
    this.chunks.push(data);
    this.dues.push(this.lastDue);
    this.queued += data.length;
  }

  /** Writes every chunk that is due, then re-arms the timer for the new head. */
  private readonly release = (): void => {
    this.timer = null;
    const now = performance.now();
    while (this.head < this.chunks.length && this.dues[this.head]! <= now) {
      const data = this.chunks[this.head]!;
      this.head++;
      this.queued -= data.length;
      this.onDeliver(data.length);
      if (!this.dst.write(data) && !this.blocked) {
        // keep writing what falls due (the source is paused, so that stays bounded), but
        // take no more from the source until the destination has drained
        this.blocked = true;
        this.updateFlow();
        this.dst.once("drain", () => {
          this.blocked = false;
          this.updateFlow();
        });
      }
    }
    this.compact();
    if (this.full && this.queued <= LOW_WATER) {
      this.full = false;
      this.updateFlow();
    }
    if (this.head < this.chunks.length) {
      // ceil: a timer may fire a fraction of a millisecond early; never release early
      this.timer = setTimeout(this.release, Math.max(1, Math.ceil(this.dues[this.head]! - now)));
    } else if (this.sourceEnded && !this.finished) {
      this.finished = true;
      this.dst.end();
    }
  };

  private compact(): void {
    if (this.head === this.chunks.length) {
      this.chunks.length = 0;
      this.dues.length = 0;
      this.head = 0;
    } else if (this.head >= COMPACT_AFTER) {
      this.chunks.splice(0, this.head);
      this.dues.splice(0, this.head);
      this.head = 0;
    }
  }

  private updateFlow(): void {
    if (this.blocked || this.full) this.src.pause();
    else if (!this.sourceEnded) this.src.resume();
  }
}

interface Connection {
  up: Lane;
  down: Lane;
  /** the first bytes the client sent, latin1 (at most HEAD_BYTES). */
  head: string;
  abort(): void;
  /** abort with a TCP reset on both sides. */
  reset(): void;
}

/** One line for people: "+100 ms round trip, jitter 20 ms (±10 ms each way), no bandwidth cap". */
export function describeLab(s: LabSettings): string {
  const jitter = s.jitterMs > 0 ? `jitter ${s.jitterMs} ms (±${s.jitterMs / 2} ms each way)` : "no jitter";
  const bandwidth = s.bandwidthBytesPerSec > 0 ? `${s.bandwidthBytesPerSec} B/s per direction` : "no bandwidth cap";
  return `+${s.latencyMs} ms round trip, ${jitter}, ${bandwidth}`;
}

/** True when the settings change nothing, so there is no point in a proxy. */
export function isLabOff(s: LabSettings): boolean {
  return s.latencyMs === 0 && s.jitterMs === 0 && s.bandwidthBytesPerSec === 0;
}

/** Resolves once the proxy listens; rejects if it cannot bind (EADDRINUSE and the like). */
export async function startLatencyProxy(opts: LatencyProxyOptions): Promise<LatencyProxy> {
  const settings: LabSettings = {
    latencyMs: opts.latencyMs ?? 0,
    jitterMs: opts.jitterMs ?? 0,
    bandwidthBytesPerSec: opts.bandwidthBytesPerSec ?? 0,
  };
  for (const [name, v] of Object.entries(settings)) {
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`latency proxy: ${name} must be a number ≥ 0, got ${v}`);
  }
  const seed = opts.seed ?? 1;
  const shape: Shape = {
    halfLatency: settings.latencyMs / 2,
    halfJitter: settings.jitterMs / 2,
    bandwidth: settings.bandwidthBytesPerSec,
    sliceBytes: Math.max(MIN_SLICE_BYTES, Math.ceil((settings.bandwidthBytesPerSec * SLICE_MS) / 1000)),
  };
  const open = new Set<Connection>();
  let total = 0;
  const bytes = { up: 0, down: 0 };

  const server = createServer({ allowHalfOpen: true, noDelay: true }, (client) => {
    const n = total++;
    // allowHalfOpen: a FIN from one side must not end the other direction, whose queue
    // may still hold bytes; the lanes pass each FIN on once their queue is empty
    const upstream = createConnection({ host: opts.target.host, port: opts.target.port, allowHalfOpen: true, noDelay: true });
    // each lane its own generator: a connection's jitter does not depend on its neighbours'
    const rng = (dir: number) => createRng((seed ^ Math.imul(2 * n + dir + 1, 0x9e3779b9)) >>> 0);
    const up = new Lane(client, upstream, shape, rng(0), (b) => (bytes.up += b));
    const down = new Lane(upstream, client, shape, rng(1), (b) => (bytes.down += b));
    let closed = 0;
    const conn: Connection = {
      up,
      down,
      head: "",
      abort() {
        up.stop();
        down.stop();
        client.destroy();
        upstream.destroy();
        open.delete(conn);
      },
      reset() {
        up.stop();
        down.stop();
        // resetAndDestroy: RST instead of FIN (an upstream still connecting is reset once up)
        client.resetAndDestroy();
        upstream.resetAndDestroy();
        open.delete(conn);
      },
    };
    open.add(conn);
    client.on("data", (d: Buffer) => {
      if (conn.head.length < HEAD_BYTES) conn.head += d.toString("latin1", 0, HEAD_BYTES - conn.head.length);
      up.push(d);
    });
    upstream.on("data", (d: Buffer) => down.push(d));
    client.on("end", () => up.end());
    upstream.on("end", () => down.end());
    client.on("error", conn.abort);
    upstream.on("error", conn.abort);
    // A socket closes cleanly once it has read a FIN and its own lane has passed the other
    // side's FIN on; a close before that (a reset, a destroy) takes the other side down too.
    const onClose = (cleanly: () => boolean) => () => {
      if (!cleanly()) conn.abort();
      else if (++closed === 2) open.delete(conn);
    };
    client.on("close", onClose(() => up.sourceEnded && down.finished));
    upstream.on("close", onClose(() => down.sourceEnded && up.finished));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.listenPort ?? 0, opts.listenHost ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  if (!address || typeof address !== "object") throw new Error("latency proxy: no listening address");
  const host = address.address === "0.0.0.0" || address.address === "::" ? "127.0.0.1" : address.address;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;

  let closing: Promise<void> | null = null;
  return {
    port: address.port,
    url,
    stats: () => ({
      ...settings,
      target: `${opts.target.host}:${opts.target.port}`,
      seed,
      connections: { open: open.size, total },
      bytes: { ...bytes },
      queuedBytes: [...open].reduce((sum, c) => sum + c.up.queued + c.down.queued, 0),
    }),
    cut(match) {
      const doomed = [...open].filter((c) => !match || match(c.head));
      for (const c of doomed) c.reset();
      return doomed.length;
    },
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const c of [...open]) c.abort();
      });
      return closing;
    },
  };
}

/** null when a TCP connection to host:port opens within timeoutMs, else the reason (a code
 *  such as ECONNREFUSED, or "timeout"). */
export function probeTcp(host: string, port: number, timeoutMs = 3000): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (why: string | null) => {
      socket.destroy();
      resolve(why);
    };
    socket.setTimeout(timeoutMs, () => done(`no answer within ${timeoutMs} ms`));
    socket.once("connect", () => done(null));
    socket.once("error", (e: NodeJS.ErrnoException) => done(e.code ?? e.message));
  });
}
