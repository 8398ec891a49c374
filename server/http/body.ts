/**
 * Request bodies, bounded. Colyseus reads a matchmaking body whole into memory with no
 * limit, so the gate reads it first: a declared Content-Length over the bound is refused
 * before a byte is read, and a chunked body is counted as it streams and cut off as soon
 * as it passes the bound, so no body costs more than the bound in memory.
 */
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";

/** What the headers say about the body: none, a length within the bound, over it, or
 *  streamed (chunked, length unknown until it ends). */
export type DeclaredBody = "none" | "within" | "over" | "streamed";

export function declaredBody(headers: IncomingHttpHeaders, limit: number): DeclaredBody {
  // Node's parser has already refused a request with both headers or a malformed length.
  if (headers["transfer-encoding"] !== undefined) return "streamed";
  const length = headers["content-length"];
  if (length === undefined || Number(length) === 0) return "none";
  return Number(length) > limit ? "over" : "within";
}

/** Counts streamed bytes against the bound. */
export class BodyCounter {
  total = 0;
  readonly limit: number;
  constructor(limit: number) {
    this.limit = limit;
  }
  /** Adds a chunk's length; false once the total is past the bound. */
  add(bytes: number): boolean {
    this.total += bytes;
    return this.total <= this.limit;
  }
}

export type BodyResult = { ok: true; body: Buffer } | { ok: false; reason: "over" | "aborted" };

/**
 * Reads a request's whole body, at most `limit` bytes. Resolves "over" the moment the
 * bound is passed (the caller answers 413 and closes), "aborted" if the client went away.
 */
export function readBoundedBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  return new Promise((resolve) => {
    const counter = new BodyCounter(limit);
    const chunks: Buffer[] = [];
    const finish = (result: BodyResult) => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onAbort);
      req.off("close", onAbort);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      if (!counter.add(chunk.length)) {
        req.pause();
        finish({ ok: false, reason: "over" });
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => finish({ ok: true, body: Buffer.concat(chunks) });
    const onAbort = () => finish({ ok: false, reason: "aborted" });
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onAbort);
    req.on("close", onAbort);
  });
}
