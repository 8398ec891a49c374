import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import http from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cacheControlFor, chooseEncoding, clientFiles, fileOfUrlPath, IMMUTABLE, REVALIDATE, type Encoding } from "./static-files.ts";

const both = new Set<Encoding>(["br", "gzip"]);

describe("choosing an encoding", () => {
  it("prefers brotli, falls back to gzip, and sends identity when neither is acceptable", () => {
    expect(chooseEncoding("gzip, deflate, br, zstd", both)).toBe("br");
    expect(chooseEncoding("gzip, deflate", both)).toBe("gzip");
    expect(chooseEncoding("br", new Set<Encoding>(["gzip"]))).toBeNull();
    expect(chooseEncoding("deflate", both)).toBeNull();
    expect(chooseEncoding("", both)).toBeNull();
    expect(chooseEncoding(undefined, both)).toBeNull();
    expect(chooseEncoding("identity", both)).toBeNull();
  });

  it("honours q-values, q=0 refusals and *", () => {
    expect(chooseEncoding("br;q=0, gzip", both)).toBe("gzip");
    expect(chooseEncoding("br;q=0.5, gzip;q=0.8", both)).toBe("gzip");
    expect(chooseEncoding("br;q=0.9, gzip;q=0.8", both)).toBe("br");
    expect(chooseEncoding("*", both)).toBe("br");
    expect(chooseEncoding("*;q=0", both)).toBeNull();
    expect(chooseEncoding("*, br;q=0", both)).toBe("gzip");
    expect(chooseEncoding("BR ; Q=1", both)).toBe("br");
    expect(chooseEncoding("br;q=zz, gzip", both)).toBe("gzip");
  });
});

describe("cache rules and URL paths", () => {
  it("caches hashed build output for a year, revalidates the rest", () => {
    expect(cacheControlFor("assets/phaser-CoGN_Ryi.js")).toBe(IMMUTABLE);
    expect(cacheControlFor("assets/index-DCK8Eva8.css")).toBe(IMMUTABLE);
    expect(cacheControlFor("index.html")).toBe(REVALIDATE);
    expect(cacheControlFor("assets/logo.png")).toBe(REVALIDATE);
    expect(cacheControlFor("favicon-DCK8Eva8.js")).toBe(REVALIDATE);
    expect(cacheControlFor("assets/sub/a-DCK8Eva8.js")).toBe(REVALIDATE);
  });

  it("maps URL paths to files inside the directory only", () => {
    expect(fileOfUrlPath("/")).toBe("index.html");
    expect(fileOfUrlPath("/assets/a-1234abcd.js")).toBe("assets/a-1234abcd.js");
    expect(fileOfUrlPath("/sub/")).toBe("sub/index.html");
    expect(fileOfUrlPath("/a%20b.js")).toBe("a b.js");
    for (const bad of ["/../x", "/%2e%2e/x", "/.env", "/a//b", "/%E0%A4%A", "/a%00b", "/a%5c..%5cb"]) expect(fileOfUrlPath(bad), bad).toBeNull();
  });
});

describe("serving a built directory", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "static-files-"));
  const js = "console.log('tickfire');\n".repeat(200);
  const html = "<!doctype html><title>t</title>" + "<p>hello</p>".repeat(50);
  let server: http.Server;
  let base = "";

  beforeAll(async () => {
    mkdirSync(path.join(dir, "assets"));
    writeFileSync(path.join(dir, "index.html"), html);
    writeFileSync(path.join(dir, "index.html.gz"), gzipSync(html));
    writeFileSync(path.join(dir, "index.html.br"), brotliCompressSync(html));
    const asset = path.join(dir, "assets", "index-AbCd1234.js");
    writeFileSync(asset, js);
    writeFileSync(`${asset}.gz`, gzipSync(js));
    writeFileSync(`${asset}.br`, brotliCompressSync(js));
    utimesSync(`${asset}.br`, new Date(1_700_000_000_000), new Date(1_700_000_000_000));
    writeFileSync(path.join(dir, "assets", "raw-AbCd1234.png"), Buffer.from([137, 80, 78, 71]));
    writeFileSync(path.join(dir, ".secret"), "no");
    const app = express();
    app.use(clientFiles(dir));
    server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  });

  /** A raw GET (fetch would decode the body and hide Content-Encoding's effect). */
  function get(urlPath: string, headers: Record<string, string> = {}, method = "GET"): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const req = http.request(`${base}${urlPath}`, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on("error", reject);
      req.end();
    });
  }

  it("sends the brotli copy of a hashed asset to a browser that takes br, cached as immutable", async () => {
    const r = await get("/assets/index-AbCd1234.js", { "accept-encoding": "gzip, deflate, br, zstd" });
    expect(r.status).toBe(200);
    expect(r.headers["content-encoding"]).toBe("br");
    expect(r.headers["content-type"]).toMatch(/^text\/javascript|^application\/javascript/);
    expect(r.headers.vary).toBe("Accept-Encoding");
    expect(r.headers["cache-control"]).toBe(IMMUTABLE);
    expect(Number(r.headers["content-length"])).toBe(r.body.length);
    expect(r.body.length).toBeLessThan(js.length / 10);
    expect(brotliDecompressSync(r.body).toString()).toBe(js);
  });

  it("sends gzip when brotli is not accepted, and the plain file when nothing is", async () => {
    const gz = await get("/assets/index-AbCd1234.js", { "accept-encoding": "gzip" });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).toString()).toBe(js);
    const plain = await get("/assets/index-AbCd1234.js", { "accept-encoding": "identity" });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers.vary).toBe("Accept-Encoding");
    expect(plain.headers["cache-control"]).toBe(IMMUTABLE);
    expect(plain.body.toString()).toBe(js);
  });

  it("serves index.html compressed at / with no-cache, and answers a matching ETag with 304", async () => {
    const r = await get("/", { "accept-encoding": "br" });
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toMatch(/^text\/html/);
    expect(r.headers["content-encoding"]).toBe("br");
    expect(r.headers["cache-control"]).toBe(REVALIDATE);
    expect(brotliDecompressSync(r.body).toString()).toBe(html);
    const again = await get("/", { "accept-encoding": "br", "if-none-match": r.headers.etag! });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    // a gzip request must not be matched to the brotli body's tag
    const other = await get("/", { "accept-encoding": "gzip", "if-none-match": r.headers.etag! });
    expect(other.status).toBe(200);
    expect(other.headers["content-encoding"]).toBe("gzip");
  });

  it("answers HEAD with the headers alone", async () => {
    const r = await get("/assets/index-AbCd1234.js", { "accept-encoding": "br" }, "HEAD");
    expect(r.status).toBe(200);
    expect(r.headers["content-encoding"]).toBe("br");
    expect(Number(r.headers["content-length"])).toBeGreaterThan(0);
    expect(r.body.length).toBe(0);
  });

  it("serves files without copies as they are, and refuses what is outside the directory", async () => {
    const png = await get("/assets/raw-AbCd1234.png", { "accept-encoding": "br" });
    expect(png.status).toBe(200);
    expect(png.headers["content-encoding"]).toBeUndefined();
    expect(png.headers["cache-control"]).toBe(IMMUTABLE);
    expect((await get("/.secret")).status).toBe(404);
    expect((await get("/missing.js", { "accept-encoding": "br" })).status).toBe(404);
    expect((await get("/%2e%2e/etc/passwd")).status).toBe(404);
  });
});
