/**
 * Counts WebSocket payload bytes of every socket this thread opens, for bots, the bench and
 * its JSON baseline. Payload only: no TCP/IP or WebSocket frame headers. The browser client
 * keeps its own meter (client/net/wireMeter.ts): it must run in the page, without Node's
 * Buffer, and ships in the client bundle; it counts the same way, so the numbers compare.
 *
 * meterWebSockets() replaces globalThis.WebSocket. The Colyseus SDK captures it when it is
 * first evaluated, so a program imports wire-meter-install.ts (which calls it) before
 * @colyseus/sdk. Importing this module alone changes nothing. The state lives on globalThis,
 * so two module instances in one thread (a --require preload and an import) count once.
 */

export interface WireTally {
  /** bytes received in message events. */
  down: number;
  /** bytes handed to send(). */
  up: number;
  messagesDown: number;
  messagesUp: number;
}

/** Called with each received message: its data, its payload bytes and which socket (0 = first opened). */
export type MessageTap = (data: unknown, bytes: number, socketIndex: number) => void;

interface MeterState {
  installed: boolean;
  /** every socket of this thread. */
  wire: WireTally & { sockets: number };
  taps: MessageTap[];
  perSocket: WeakMap<object, WireTally>;
}

const KEY = Symbol.for("tickfire.devkit.wireMeter");

/** Payload bytes of a message event's data or a send() argument (text is UTF-8). */
export function payloadBytes(d: unknown): number {
  if (typeof d === "string") return Buffer.byteLength(d);
  if (d instanceof ArrayBuffer) return d.byteLength;
  if (ArrayBuffer.isView(d)) return d.byteLength;
  if (d instanceof Blob) return d.size;
  return 0;
}

const emptyTally = (): WireTally => ({ down: 0, up: 0, messagesDown: 0, messagesUp: 0 });

const g = globalThis as unknown as Record<symbol, MeterState | undefined>;
const state: MeterState = (g[KEY] ??= { installed: false, wire: { ...emptyTally(), sockets: 0 }, taps: [], perSocket: new WeakMap() });

/** Wraps globalThis.WebSocket so every socket opened from now on is counted (once per thread). */
export function meterWebSockets(): void {
  if (state.installed) return;
  state.installed = true;
  const Native = globalThis.WebSocket;
  class MeteredWebSocket extends Native {
    // The SDK passes Node-only init ({ headers, protocols }) as the second argument.
    constructor(url: string | URL, init?: string | string[]) {
      super(url, init);
      const index = state.wire.sockets++;
      const mine = emptyTally();
      state.perSocket.set(this, mine);
      this.addEventListener("message", (e: MessageEvent) => {
        const bytes = payloadBytes(e.data);
        state.wire.down += bytes;
        state.wire.messagesDown++;
        mine.down += bytes;
        mine.messagesDown++;
        for (const tap of state.taps) tap(e.data, bytes, index);
      });
    }
    send(data: Parameters<WebSocket["send"]>[0]): void {
      const bytes = payloadBytes(data);
      state.wire.up += bytes;
      state.wire.messagesUp++;
      const tally = tallyOf(this);
      tally.up += bytes;
      tally.messagesUp++;
      super.send(data);
    }
  }
  const tallyOf = (ws: object) => state.perSocket.get(ws) ?? emptyTally();
  globalThis.WebSocket = MeteredWebSocket as typeof WebSocket;
}

/** Totals over every socket this thread opened. */
export const wire: Readonly<WireTally & { sockets: number }> = state.wire;

/** The counts of one socket (the `ws` of an SDK transport); undefined for one not metered. */
export function socketTally(ws: object): Readonly<WireTally> | undefined {
  return state.perSocket.get(ws);
}

/** Calls `tap` with every message any socket of this thread receives from now on. */
export function tapMessages(tap: MessageTap): void {
  state.taps.push(tap);
}
