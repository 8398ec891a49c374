/**
 * First load against `npm start`: the built client goes out precompressed with the right
 * cache headers, a first visit in Chromium stays under the byte budget, and a repeat visit
 * takes the hashed files from the browser's cache without asking the server.
 */
import http from "node:http";
import { describe, expect, it } from "vitest";
import { FIRST_LOAD_BUDGET_BYTES } from "../shared/constants.ts";
import { measureVisit } from "../bench/lib/first-load.ts";
import { useGameAndBrowser } from "./helpers/game.ts";

const game = useGameAndBrowser();

const IMMUTABLE = "public, max-age=31536000, immutable";

/** A raw request: fetch would decode the body and drop what the wire carried. */
function head(url: string, acceptEncoding: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; bytes: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { "accept-encoding": acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: body.length, body: body.toString("latin1") });
      });
    });
    req.on("error", reject);
  });
}

describe("first load", () => {
  it("serves index.html and the hashed bundles precompressed, with Vary and their cache rules", async () => {
    const plainIndex = await head(game.url, "identity");
    expect(plainIndex.status).toBe(200);
    expect(plainIndex.headers["content-encoding"]).toBeUndefined();
    expect(plainIndex.headers["cache-control"]).toBe("no-cache");
    const scripts = [...plainIndex.body.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);

    for (const [accept, expected] of [["gzip, deflate, br, zstd", "br"], ["gzip, deflate", "gzip"]] as const) {
      const index = await head(game.url, accept);
      expect(index.headers["content-encoding"], accept).toBe(expected);
      expect(index.headers["cache-control"]).toBe("no-cache");
      expect(index.headers.vary).toBe("Accept-Encoding");
      for (const file of scripts) {
        const asset = await head(new URL(file, game.url).href, accept);
        expect(asset.status, file).toBe(200);
        expect(asset.headers["content-encoding"], file).toBe(expected);
        expect(asset.headers["cache-control"], file).toBe(IMMUTABLE);
        expect(asset.headers.vary, file).toBe("Accept-Encoding");
        expect(asset.headers["content-type"], file).toMatch(/javascript/);
        expect(Number(asset.headers["content-length"]), file).toBe(asset.bytes);
      }
    }
  });

  it("a first visit in Chromium transfers less than the budget; a repeat visit reuses the cached bundles", async () => {
    const context = await game.browser.newContext({ viewport: { width: 1280, height: 720 } });
    try {
      const first = await measureVisit(context, game.url, null);
      const table = first.resources.map((r) => `${r.status} ${r.encoding || "-"} ${r.bytes} B ${r.url}`).join("\n");
      const scripts = first.resources.filter((r) => new URL(r.url).pathname.endsWith(".js"));
      expect(scripts.length, table).toBeGreaterThan(0);
      for (const s of scripts) {
        expect(s.encoding, `${s.url}: Chromium sent "${first.acceptEncoding}"`).toBe("br");
        expect(s.cacheControl, s.url).toBe(IMMUTABLE);
        expect(s.fromCache, s.url).toBe(false);
      }
      expect(first.bytes, table).toBeGreaterThan(50_000);
      expect(first.bytes, table).toBeLessThan(FIRST_LOAD_BUDGET_BYTES);
      expect(first.firstFrameMs).toBeGreaterThan(0);
      await first.page.close();

      // Same browser, new tab: index.html is revalidated, the hashed files come from the cache.
      const again = await measureVisit(context, game.url, null);
      const againTable = again.resources.map((r) => `${r.status} ${r.fromCache ? "cache" : "net"} ${r.bytes} B ${r.url}`).join("\n");
      const againScripts = again.resources.filter((r) => new URL(r.url).pathname.endsWith(".js"));
      expect(againScripts.length, againTable).toBe(scripts.length);
      for (const s of againScripts) expect(s.fromCache, againTable).toBe(true);
      expect(again.bytes, againTable).toBeLessThan(5_000);
      await again.page.close();
    } finally {
      await context.close();
    }
  });
});
