import { describe, expect, it } from "vitest";
import { meterWebSocket, payloadBytes, type WireCounters } from "./wireMeter.ts";

/** Just enough of a WebSocket to be wrapped: an EventTarget that records what it sends. */
class FakeSocket extends EventTarget {
  static made: unknown[][] = [];
  sent: unknown[] = [];
  constructor(...args: unknown[]) {
    super();
    if (typeof args[1] === "object" && !Array.isArray(args[1])) throw new SyntaxError("bad protocols");
    FakeSocket.made.push(args);
  }
  send(data: unknown): void {
    this.sent.push(data);
  }
}

function fakeScope() {
  return { WebSocket: FakeSocket as unknown as typeof WebSocket };
}

describe("wire meter", () => {
  it("sizes every kind of payload in bytes", () => {
    expect(payloadBytes(new ArrayBuffer(10))).toBe(10);
    expect(payloadBytes(new Uint8Array(new ArrayBuffer(16), 4, 6))).toBe(6);
    expect(payloadBytes("héllo")).toBe(6); // UTF-8, not UTF-16 code units
    expect(payloadBytes(new Blob([new Uint8Array(3)]))).toBe(3);
    expect(payloadBytes(undefined)).toBe(0);
  });

  it("counts bytes received and sent through the wrapped constructor", () => {
    const scope = fakeScope();
    const counters: WireCounters = { down: 0, up: 0 };
    meterWebSocket(scope, counters);
    expect(scope.WebSocket).not.toBe(FakeSocket);
    const ws = new scope.WebSocket("ws://host/room", ["p"]);
    expect(ws).toBeInstanceOf(FakeSocket);
    ws.dispatchEvent(new MessageEvent("message", { data: new ArrayBuffer(40) }));
    ws.dispatchEvent(new MessageEvent("message", { data: "hi" }));
    ws.send(new Uint8Array(7));
    expect(counters).toEqual({ down: 42, up: 7 });
    expect((ws as unknown as FakeSocket).sent).toHaveLength(1); // still reaches the socket
  });

  it("passes a constructor error through, so the SDK's browser fallback still works", () => {
    const scope = fakeScope();
    meterWebSocket(scope, { down: 0, up: 0 });
    expect(() => new scope.WebSocket("ws://x", { headers: {} } as unknown as string)).toThrow(SyntaxError);
  });

  it("wraps once however often it is installed", () => {
    const scope = fakeScope();
    const counters: WireCounters = { down: 0, up: 0 };
    meterWebSocket(scope, counters);
    const once = scope.WebSocket;
    meterWebSocket(scope, counters);
    expect(scope.WebSocket).toBe(once);
    new scope.WebSocket("ws://x").dispatchEvent(new MessageEvent("message", { data: new ArrayBuffer(5) }));
    expect(counters.down).toBe(5);
  });
});
