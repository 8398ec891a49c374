/**
 * Import first, before @colyseus/sdk: meters every WebSocket of this thread from here on
 * (see wire-meter.ts), and hands on its counters.
 */
import { meterWebSockets } from "./wire-meter.ts";

meterWebSockets();

export * from "./wire-meter.ts";
