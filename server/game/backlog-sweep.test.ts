import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { CLOSE_REASON, CloseCode } from "../../shared/messages.ts";
import { until } from "../testing/room-harness.ts";
import { startBacklogSweep } from "./backlog-sweep.ts";
import { processTally } from "./process-tally.ts";

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

/** A real ws server and two real clients on loopback: one reads, one has stopped reading. */
async function setup() {
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await once(wss, "listening");
  const url = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
  const stop = startBacklogSweep(wss, { maxBytes: 256 * 1024, everyMs: 50, graceMs: 5000 });
  cleanups.push(() => {
    stop();
    for (const ws of wss.clients) ws.terminate();
    wss.close();
  });
  const serverSide: WebSocket[] = [];
  wss.on("connection", (ws) => serverSide.push(ws));
  const reader = new WebSocket(url);
  const stalled = new WebSocket(url);
  await Promise.all([once(reader, "open"), once(stalled, "open")]);
  await until("both accepted", () => serverSide.length === 2);
  return { serverSide, reader, stalled };
}

describe("startBacklogSweep", () => {
  it("closes a socket that stopped reading once its unsent backlog passes the bound, with 4203 and its reason; a reader is untouched", async () => {
    const { serverSide, reader, stalled } = await setup();
    (stalled as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
    const before = processTally.slowConsumerCloses;
    const chunk = Buffer.alloc(64 * 1024, 1);
    // The server keeps sending, as patches would: the stalled socket's backlog grows past
    // the kernel's buffers and then the bound.
    let sent = 0;
    await until(
      "the stalled socket is being closed",
      () => {
        for (const ws of serverSide) if (ws.readyState === ws.OPEN) ws.send(chunk);
        sent += chunk.length;
        return serverSide[1]!.readyState === serverSide[1]!.CLOSING;
      },
      20_000,
    );
    expect(processTally.slowConsumerCloses).toBe(before + 1);
    expect(serverSide[0]!.readyState).toBe(serverSide[0]!.OPEN);
    // Reading again, the client drains the backlog and then reads our close code.
    const closed = once(stalled, "close");
    (stalled as unknown as { _socket: { resume(): void } })._socket.resume();
    const [code, reason] = (await closed) as [number, Buffer];
    expect(code).toBe(CloseCode.slowConsumer);
    expect(reason.toString()).toBe(CLOSE_REASON[CloseCode.slowConsumer]);
    expect(reader.readyState).toBe(reader.OPEN);
    expect(sent).toBeGreaterThan(256 * 1024);
  });
});
