/**
 * Side effect only: wraps this page's WebSocket in the byte meter. Imported first by
 * client/main.ts, so it runs before @colyseus/sdk captures globalThis.WebSocket.
 */
import { meterWebSocket } from "./wireMeter.ts";

meterWebSocket(globalThis);
