import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { MIN_COMPRESS_BYTES, precompressDir } from "./precompress.ts";

describe("precompressing a build directory", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "precompress-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes .gz and .br beside text files big enough to gain, and leaves the rest alone", async () => {
    mkdirSync(path.join(dir, "assets"));
    const js = "export const tickfire = 'tick' + 'fire';\n".repeat(300);
    writeFileSync(path.join(dir, "assets", "index-AbCd1234.js"), js);
    writeFileSync(path.join(dir, "index.html"), "<!doctype html>" + "<div>x</div>".repeat(100));
    writeFileSync(path.join(dir, "tiny.css"), "a{}");
    writeFileSync(path.join(dir, "noise.png"), Buffer.alloc(4096, 7));

    const rows = await precompressDir(dir);
    expect(rows.map((r) => r.file).sort()).toEqual(["assets/index-AbCd1234.js", "index.html"]);

    const asset = path.join(dir, "assets", "index-AbCd1234.js");
    expect(gunzipSync(readFileSync(`${asset}.gz`)).toString()).toBe(js);
    expect(brotliDecompressSync(readFileSync(`${asset}.br`)).toString()).toBe(js);
    const row = rows.find((r) => r.file === "assets/index-AbCd1234.js")!;
    expect(row.bytes).toBe(js.length);
    expect(row.brotli).toBe(readFileSync(`${asset}.br`).length);
    expect(row.brotli!).toBeLessThan(row.gzip!);
    expect(row.gzip!).toBeLessThan(js.length / 10);

    expect("a{}".length).toBeLessThan(MIN_COMPRESS_BYTES);
    expect(existsSync(path.join(dir, "tiny.css.gz"))).toBe(false);
    expect(existsSync(path.join(dir, "noise.png.br"))).toBe(false);
  });

  it("skips an encoding that would not be smaller than the file", async () => {
    // random bytes do not compress: each copy would only add its header
    const bytes = randomBytes(400);
    const file = path.join(dir, "noise.txt");
    writeFileSync(file, bytes);
    const rows = await precompressDir(dir);
    expect(rows.find((r) => r.file === "noise.txt")).toEqual({ file: "noise.txt", bytes: 400, gzip: null, brotli: null });
    expect(existsSync(`${file}.gz`)).toBe(false);
    expect(existsSync(`${file}.br`)).toBe(false);
  });
});
