/**
 * Counts WebSocket payload bytes of every socket this thread opens. The SDK captures
 * globalThis.WebSocket when it is first imported (see NETCODE.md), so this module must be
 * imported before @colyseus/sdk: bots/bot.ts imports it first. Payload only: no TCP/IP or
 * WebSocket frame headers, the same way bench/ counts.
 */
export const wire = {
  /** bytes received in message events. */
  down: 0,
  /** bytes handed to send(). */
  up: 0,
  /** messages received. */
  messagesDown: 0,
};

function size(d: unknown): number {
  if (typeof d === "string") return Buffer.byteLength(d);
  if (d instanceof ArrayBuffer) return d.byteLength;
  if (ArrayBuffer.isView(d)) return d.byteLength;
  if (d instanceof Blob) return d.size;
  return 0;
}

const Native = globalThis.WebSocket;
if (!(Native as { counting?: boolean }).counting) {
  class CountingWebSocket extends Native {
    static counting = true;
    // The SDK passes Node-only init ({ headers, protocols }) as the second argument.
    constructor(url: string | URL, init?: string | string[]) {
      super(url, init);
      this.addEventListener("message", (e: MessageEvent) => {
        wire.down += size(e.data);
        wire.messagesDown += 1;
      });
    }
    send(data: Parameters<WebSocket["send"]>[0]): void {
      wire.up += size(data);
      super.send(data);
    }
  }
  globalThis.WebSocket = CountingWebSocket as typeof WebSocket;
}
