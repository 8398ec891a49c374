import { once } from "node:events";
import { createServer as createHttpServer } from "node:http";
import { connect, createServer, type AddressInfo, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { until } from "../devkit/wait.ts";
import { probeTcp, startLatencyProxy, type LatencyProxy, type LatencyProxyOptions } from "./latency-proxy.ts";

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function listen(server: Server | ReturnType<typeof createHttpServer>): Promise<number> {
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const sockets = new Set<Socket>();
  server.on("connection", (s: Socket) => (sockets.add(s), s.on("close", () => sockets.delete(s))));
  cleanups.push(() => {
    for (const s of sockets) s.destroy();
    return new Promise((r) => server.close(r));
  });
  return (server.address() as AddressInfo).port;
}

/** Echoes every byte back and ends when the client ends; `peers` are its server-side sockets. */
async function echoServer(): Promise<{ port: number; peers: Socket[] }> {
  const peers: Socket[] = [];
  const port = await listen(
    createServer((s) => {
      peers.push(s);
      s.on("error", () => {});
      s.pipe(s);
    }),
  );
  return { port, peers };
}

async function proxyTo(port: number, opts: Partial<LatencyProxyOptions> = {}): Promise<LatencyProxy> {
  const proxy = await startLatencyProxy({ target: { host: "127.0.0.1", port }, ...opts });
  cleanups.push(() => proxy.close());
  return proxy;
}

async function dial(port: number): Promise<Socket> {
  const socket = connect({ host: "127.0.0.1", port, noDelay: true });
  cleanups.push(() => void socket.destroy());
  await once(socket, "connect");
  return socket;
}

/** Everything a socket receives, as one growing string. */
function received(socket: Socket): () => string {
  let text = "";
  socket.setEncoding("latin1");
  socket.on("data", (d: string) => (text += d));
  return () => text;
}

describe("latency proxy", () => {
  it("adds the round-trip latency, half each way", async () => {
    const echo = await echoServer();
    const proxy = await proxyTo(echo.port, { latencyMs: 100 });
    const socket = await dial(proxy.port);
    const t0 = performance.now();
    socket.write("ping");
    const [reply] = await once(socket, "data");
    const elapsed = performance.now() - t0;
    expect(String(reply)).toBe("ping");
    expect(elapsed).toBeGreaterThanOrEqual(100);
    expect(elapsed).toBeLessThan(250);
    expect(proxy.stats()).toMatchObject({ latencyMs: 100, connections: { open: 1, total: 1 }, bytes: { up: 4, down: 4 } });
  });

  it("keeps every byte in order however the jitter falls", async () => {
    const echo = await echoServer();
    // jitter as large as the latency: without the in-order rule chunks would overtake
    const proxy = await proxyTo(echo.port, { latencyMs: 20, jitterMs: 40, seed: 7 });
    const socket = await dial(proxy.port);
    const text = received(socket);
    let chunks = 0;
    socket.on("data", () => chunks++);
    const sent: string[] = [];
    for (let i = 0; i < 200; i++) {
      sent.push(`${i};`);
      socket.write(`${i};`);
      // ~1 ms apart, far less than the jitter: separate chunks that would overtake each other
      await new Promise((r) => setTimeout(r, 1));
    }
    const expected = sent.join("");
    await until("all 200 echoes", () => text().length >= expected.length);
    expect(text()).toBe(expected);
    expect(chunks).toBeGreaterThan(1); // it trickled through, not as one lump
  });

  it("caps the bandwidth per direction", async () => {
    const echo = await echoServer();
    const proxy = await proxyTo(echo.port, { bandwidthBytesPerSec: 20_000 });
    const socket = await dial(proxy.port);
    const text = received(socket);
    const t0 = performance.now();
    socket.write(Buffer.alloc(10_000, "x"));
    await until("10,000 bytes back", () => text().length >= 10_000);
    const elapsed = performance.now() - t0;
    expect(text()).toBe("x".repeat(10_000));
    // 10,000 B at 20,000 B/s is 0.5 s up; the way back overlaps it, slice by slice
    expect(elapsed).toBeGreaterThanOrEqual(450);
    expect(elapsed).toBeLessThan(1500);
  });

  it("delivers queued bytes before passing an end on", async () => {
    const echo = await echoServer();
    const proxy = await proxyTo(echo.port, { latencyMs: 60 });
    const socket = await dial(proxy.port);
    const text = received(socket);
    socket.end("last words");
    await once(socket, "end");
    expect(text()).toBe("last words");
    await until("the proxy to forget the connection", () => proxy.stats().connections.open === 0);
  });

  it("close() resolves and ends every connection on both sides", async () => {
    const echo = await echoServer();
    const proxy = await proxyTo(echo.port, { latencyMs: 20 });
    const socket = await dial(proxy.port);
    socket.on("error", () => {});
    socket.write("hi");
    await once(socket, "data");
    const clientClosed = once(socket, "close");
    await proxy.close();
    await clientClosed;
    await until("the server side to close", () => echo.peers.every((p) => p.destroyed));
    expect(proxy.stats().connections).toEqual({ open: 0, total: 1 });
    expect(await probeTcp("127.0.0.1", proxy.port)).not.toBeNull();
  });

  it("cut() resets the connections it matches on both sides, leaves the others, keeps listening", async () => {
    const echo = await echoServer();
    const proxy = await proxyTo(echo.port, { latencyMs: 20 });
    const doomed = await dial(proxy.port);
    const kept = await dial(proxy.port);
    const doomedText = received(doomed);
    const keptText = received(kept);
    doomed.write("GET /p/r?sessionId=abc HTTP/1.1\r\n");
    kept.write("GET /p/r?sessionId=xyz HTTP/1.1\r\n");
    await until("both echoes", () => doomedText().length > 0 && keptText().length > 0);
    const clientError = once(doomed, "error");
    const peerErrors: string[] = [];
    for (const p of echo.peers) p.on("error", (e: NodeJS.ErrnoException) => peerErrors.push(e.code ?? e.message));
    // never echoed back: the cut loses what is queued in the lanes
    doomed.write("lost");

    expect(proxy.cut((head) => head.includes("sessionId=abc"))).toBe(1);

    // a reset, not an end: the client gets ECONNRESET, as does the server's side
    expect(((await clientError)[0] as NodeJS.ErrnoException).code).toBe("ECONNRESET");
    await until("the server side to see the reset", () => peerErrors.includes("ECONNRESET"));
    expect(peerErrors).toEqual(["ECONNRESET"]);
    expect(proxy.stats().connections).toEqual({ open: 1, total: 2 });
    kept.write("still here");
    await until("the other connection's echo", () => keptText().endsWith("still here"));
    const again = await dial(proxy.port);
    const againText = received(again);
    again.write("back");
    await until("a new connection's echo", () => againText() === "back");
    // no match: every open connection
    expect(proxy.cut()).toBe(2);
    expect(proxy.stats().connections).toEqual({ open: 0, total: 3 });
  });

  it("carries real HTTP, request and response", async () => {
    const port = await listen(
      createHttpServer((req, res) => {
        let body = "";
        req.on("data", (d) => (body += d));
        req.on("end", () => res.end(`${req.method} ${req.url} ${body}`));
      }),
    );
    const proxy = await proxyTo(port, { latencyMs: 30, jitterMs: 10 });
    const get = await fetch(`${proxy.url}/healthz`);
    expect(await get.text()).toBe("GET /healthz ");
    const post = await fetch(`${proxy.url}/matchmake`, { method: "POST", body: "seat please" });
    expect(await post.text()).toBe("POST /matchmake seat please");
  });

  it("probes a target: null when it answers, the reason when not", async () => {
    const echo = await echoServer();
    expect(await probeTcp("127.0.0.1", echo.port)).toBeNull();
    const closed = createServer();
    const port = await listen(closed);
    await new Promise((r) => closed.close(r));
    expect(await probeTcp("127.0.0.1", port)).toBe("ECONNREFUSED");
  });
});
