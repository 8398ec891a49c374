/**
 * Process-wide tallies for GET /healthz and GET /metrics that must outlive any one room
 * or socket: refused input by reason (rooms hand theirs over when they close) and the
 * bytes every TCP connection moved (HTTP and WebSocket alike).
 */
import type { Server as HttpServer } from "node:http";
import type { Socket } from "node:net";

export type Tally = Record<string, number>;

export class ProcessTally {
  private readonly retiredDrops: Tally = {};
  private readonly sockets = new Set<Socket>();
  private closedIn = 0;
  private closedOut = 0;
  /** rooms that hit an error in their own code (each closed itself; the process went on). */
  roomErrors = 0;
  /** sockets closed because their unsent backlog passed MAX_SEND_BACKLOG_BYTES. */
  slowConsumerCloses = 0;

  /** A room is closing: keep its counters in the process totals. */
  retire(drops: Tally): void {
    for (const [reason, n] of Object.entries(drops)) this.retiredDrops[reason] = (this.retiredDrops[reason] ?? 0) + n;
  }

  /** Totals by reason: closed rooms plus the live ones passed in. */
  drops(live: readonly Tally[]): Tally {
    const out: Tally = { ...this.retiredDrops };
    for (const t of live) for (const [reason, n] of Object.entries(t)) out[reason] = (out[reason] ?? 0) + n;
    return out;
  }

  /** Counts the bytes of every connection `http` accepts from now on. */
  watch(http: HttpServer): void {
    http.on("connection", (socket: Socket) => {
      this.sockets.add(socket);
      socket.once("close", () => {
        this.closedIn += socket.bytesRead;
        this.closedOut += socket.bytesWritten;
        this.sockets.delete(socket);
      });
    });
  }

  bytes(): { in: number; out: number } {
    let inBytes = this.closedIn;
    let outBytes = this.closedOut;
    for (const s of this.sockets) {
      inBytes += s.bytesRead;
      outBytes += s.bytesWritten;
    }
    return { in: inBytes, out: outBytes };
  }
}

export const processTally = new ProcessTally();
