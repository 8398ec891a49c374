import { WebSocketServer } from "ws";
import { afterAll, describe, expect, it } from "vitest";
import { meterWebSockets, payloadBytes, socketTally, tapMessages, wire } from "./wire-meter.ts";

describe("payloadBytes", () => {
  it("counts text as UTF-8 and binary by its length", () => {
    expect(payloadBytes("héllo")).toBe(6);
    expect(payloadBytes(new ArrayBuffer(7))).toBe(7);
    expect(payloadBytes(new Uint8Array(new ArrayBuffer(10), 2, 3))).toBe(3);
    expect(payloadBytes(new Blob(["abcd"]))).toBe(4);
    expect(payloadBytes(undefined)).toBe(0);
  });
});

describe("the WebSocket meter", () => {
  // echoes a text frame back as 10 binary bytes
  const server = new WebSocketServer({ port: 0, host: "127.0.0.1" });
  server.on("connection", (s) => s.on("message", () => s.send(Buffer.alloc(10, 1))));
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("counts every socket's payload both ways, in total and per socket, once however often it is installed", async () => {
    meterWebSockets();
    meterWebSockets();
    const seen: [number, number][] = [];
    tapMessages((_data, bytes, socketIndex) => seen.push([bytes, socketIndex]));
    const before = { ...wire };
    const { port } = server.address() as { port: number };
    const ws = new WebSocket(`ws://127.0.0.1:${port}`);
    ws.binaryType = "arraybuffer";
    await new Promise((r) => ws.addEventListener("open", r, { once: true }));
    const echoed = new Promise((r) => ws.addEventListener("message", r, { once: true }));
    ws.send("héllo");
    await echoed;
    ws.close();
    expect(wire.up - before.up).toBe(6);
    expect(wire.down - before.down).toBe(10);
    expect(wire.messagesDown - before.messagesDown).toBe(1);
    expect(socketTally(ws)).toEqual({ up: 6, down: 10, messagesUp: 1, messagesDown: 1 });
    expect(seen).toEqual([[10, before.sockets]]);
  });
});
