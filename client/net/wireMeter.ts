/**
 * Counts the WebSocket payload bytes this page sends and receives, for the net graph's
 * down and up bytes/s. The SDK captures globalThis.WebSocket once, when its module is
 * evaluated, so the wrapper must be in place before that: wireMeterInstall.ts installs it
 * and is the first import of client/main.ts. Payload only, no TCP/IP or WebSocket frame
 * headers: the way devkit/wire-meter.ts counts for bots and bench, so the numbers compare.
 * It stays here rather than in devkit/ because it runs in the page and ships in the client
 * bundle: no Node Buffer, and the browser's WebSocket constructor (see below).
 */

export interface WireCounters {
  /** bytes received in message events. */
  down: number;
  /** bytes handed to send(). */
  up: number;
}

/** Every socket of this page (the arena's, and the lobby's while the menu shows). */
export const wire: WireCounters = { down: 0, up: 0 };

const utf8 = new TextEncoder();

/** Payload bytes of a message event's data or a send() argument. */
export function payloadBytes(d: unknown): number {
  if (typeof d === "string") return utf8.encode(d).byteLength; // text frames are rare: the SDK sends binary
  if (d instanceof ArrayBuffer) return d.byteLength;
  if (ArrayBuffer.isView(d)) return d.byteLength;
  if (typeof Blob !== "undefined" && d instanceof Blob) return d.size;
  return 0;
}

/** Marks a constructor already wrapped, so a second install (hot reload) counts once. */
const METERED = Symbol.for("tickfire.wireMeter");

/** Replaces `scope.WebSocket` with a subclass that adds every payload to `counters`. */
export function meterWebSocket(scope: { WebSocket?: typeof WebSocket }, counters: WireCounters = wire): void {
  const Native = scope.WebSocket;
  if (!Native || (Native as unknown as Record<symbol, boolean>)[METERED]) return;
  class MeteredWebSocket extends Native {
    static readonly [METERED] = true;
    // Arguments pass through untouched: the SDK first tries Node's ({ headers }) form and
    // relies on the browser constructor throwing to fall back to (url, protocols).
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      this.addEventListener("message", (e: MessageEvent) => {
        counters.down += payloadBytes(e.data);
      });
    }
    send(data: Parameters<WebSocket["send"]>[0]): void {
      counters.up += payloadBytes(data);
      super.send(data);
    }
  }
  scope.WebSocket = MeteredWebSocket;
}
