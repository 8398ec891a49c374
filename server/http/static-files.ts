/**
 * The built client (dist/) as the browser should get it: the precompressed .br or .gz
 * that the build wrote beside a file (scripts/precompress.ts), chosen by Accept-Encoding,
 * with `Vary: Accept-Encoding` so caches keep the encodings apart; hashed files under
 * assets/ cached for a year as immutable (a new build gives them new names), everything
 * else (index.html above all) revalidated on every visit, so a deploy is seen at once.
 * Files without a compressed copy go through express.static with the same cache rules.
 */
import { createReadStream, type Stats } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import express, { type RequestHandler, type Response } from "express";

export const IMMUTABLE = "public, max-age=31536000, immutable";
export const REVALIDATE = "no-cache";

/** Encodings the build writes, most preferred first, with their file suffix. */
const ENCODINGS = [
  { name: "br", suffix: ".br" },
  { name: "gzip", suffix: ".gz" },
] as const;
export type Encoding = (typeof ENCODINGS)[number]["name"];

/** A Vite output name: `<name>-<8+ char hash>.<ext>` directly under assets/. */
const HASHED_ASSET = /^assets\/[^/]+-[A-Za-z0-9_-]{8,}\.[A-Za-z0-9]+$/;

/** Cache-Control for a file of dist/, by its path relative to dist/ ("/" separators). */
export function cacheControlFor(relPath: string): string {
  return HASHED_ASSET.test(relPath) ? IMMUTABLE : REVALIDATE;
}

/**
 * The encoding to send, from the request's Accept-Encoding and the copies on disk: brotli
 * before gzip when both are acceptable (it is smaller), anything with q=0 refused, `*`
 * standing for encodings not named. Null: send the file as it is.
 */
export function chooseEncoding(acceptEncoding: string | undefined, available: ReadonlySet<Encoding>): Encoding | null {
  if (!acceptEncoding) return null;
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(",")) {
    const [token, ...params] = part.trim().toLowerCase().split(";");
    if (!token) continue;
    let weight = 1;
    for (const p of params) {
      // a malformed weight refuses the coding rather than guessing at it
      const m = /^\s*q\s*=(.*)$/.exec(p);
      if (m) weight = /^\s*[01](\.\d{0,3})?\s*$/.test(m[1]!) ? Number(m[1]) : 0;
    }
    q.set(token.trim(), weight);
  }
  let best: Encoding | null = null;
  let bestQ = 0;
  for (const { name } of ENCODINGS) {
    const weight = q.get(name) ?? q.get("*") ?? 0;
    if (available.has(name) && weight > bestQ) {
      best = name;
      bestQ = weight;
    }
  }
  return best;
}

/**
 * The file of `dir` a URL path names ("/" is index.html), relative, or null when it is
 * not a plain file path inside dir: bad escapes, "..", dotfiles, NUL bytes.
 */
export function fileOfUrlPath(urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes("\0") || decoded.includes("\\")) return null;
  const rel = (decoded.endsWith("/") ? `${decoded}index.html` : decoded).replace(/^\/+/, "");
  const parts = rel.split("/");
  if (parts.some((p) => p === "" || p.startsWith("."))) return null;
  return parts.join("/");
}

async function fileStat(file: string): Promise<Stats | null> {
  try {
    const s = await stat(file);
    return s.isFile() ? s : null;
  } catch {
    return null;
  }
}

function sendCompressed(res: Response, file: string, s: Stats, rel: string, encoding: Encoding, head: boolean, ifNoneMatch: string | undefined): void {
  // One tag per file version and encoding: a cache must not match a gzip body to a br one.
  const etag = `"${s.size.toString(16)}-${Math.floor(s.mtimeMs).toString(16)}-${encoding}"`;
  res.setHeader("Cache-Control", cacheControlFor(rel));
  res.setHeader("ETag", etag);
  res.setHeader("Last-Modified", s.mtime.toUTCString());
  if (ifNoneMatch && ifNoneMatch.split(",").some((t) => t.trim().replace(/^W\//, "") === etag)) {
    res.status(304).end();
    return;
  }
  res.type(path.extname(rel));
  res.setHeader("Content-Encoding", encoding);
  res.setHeader("Content-Length", String(s.size));
  if (head) {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on("error", () => res.destroy());
  stream.pipe(res);
}

/** The request handler serving `dir` (dist/) as described at the top of this file. */
export function clientFiles(dir: string): RequestHandler {
  const plain = express.static(dir, {
    index: "index.html",
    setHeaders: (res, file) => res.setHeader("Cache-Control", cacheControlFor(path.relative(dir, file).split(path.sep).join("/"))),
  });
  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    const rel = fileOfUrlPath(req.path);
    if (rel === null) return plain(req, res, next);
    const file = path.join(dir, ...rel.split("/"));
    void (async () => {
      const original = await fileStat(file);
      if (!original) return plain(req, res, next);
      const copies = new Map<Encoding, Stats>();
      for (const { name, suffix } of ENCODINGS) {
        const s = await fileStat(file + suffix);
        if (s) copies.set(name, s);
      }
      if (copies.size === 0) return plain(req, res, next);
      res.setHeader("Vary", "Accept-Encoding");
      const encoding = chooseEncoding(req.headers["accept-encoding"], new Set(copies.keys()));
      if (!encoding) return plain(req, res, next);
      const suffix = ENCODINGS.find((e) => e.name === encoding)!.suffix;
      sendCompressed(res, file + suffix, copies.get(encoding)!, rel, encoding, req.method === "HEAD", req.headers["if-none-match"]);
    })().catch(next);
  };
}
