/**
 * A client that stops reading but keeps its socket alive (it still answers pings) would
 * make the server buffer everything sent to it, without limit. Every socket's unsent
 * backlog (`ws` bufferedAmount: queued in the socket plus not yet written) is checked
 * often; past the bound the socket gets CloseCode.slowConsumer with its reason and, if it
 * still does not read, is cut a moment later. Its seat then follows the usual drop rules.
 */
import type { WebSocket, WebSocketServer } from "ws";
import { MAX_SEND_BACKLOG_BYTES, SEND_BACKLOG_CHECK_MS, SLOW_CONSUMER_GRACE_MS } from "../../shared/constants.ts";
import { CLOSE_REASON, CloseCode } from "../../shared/messages.ts";
import { processTally } from "./process-tally.ts";
import { sampledLog } from "./sampled-log.ts";

export interface BacklogLimits {
  maxBytes: number;
  everyMs: number;
  graceMs: number;
}

const DEFAULTS: BacklogLimits = { maxBytes: MAX_SEND_BACKLOG_BYTES, everyMs: SEND_BACKLOG_CHECK_MS, graceMs: SLOW_CONSUMER_GRACE_MS };

/** Closes every socket of `wss` whose backlog passes the bound; returns the stop function. */
export function startBacklogSweep(wss: WebSocketServer, limits: BacklogLimits = DEFAULTS): () => void {
  const closing = new WeakSet<WebSocket>();
  const timer = setInterval(() => {
    for (const ws of wss.clients) {
      if (ws.readyState !== ws.OPEN || closing.has(ws) || ws.bufferedAmount <= limits.maxBytes) continue;
      closing.add(ws);
      processTally.slowConsumerCloses++;
      sampledLog.note("slow-consumer", `tickfire: closed a client that stopped reading (${ws.bufferedAmount} bytes unsent)`);
      // The close frame waits behind the backlog; a client that resumes reading gets it.
      ws.close(CloseCode.slowConsumer, CLOSE_REASON[CloseCode.slowConsumer]);
      setTimeout(() => ws.terminate(), limits.graceMs).unref();
    }
  }, limits.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
