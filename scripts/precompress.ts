/**
 * Precompression of the built client: beside every compressible file of dist/ goes a .gz
 * (gzip level 9) and a .br (brotli quality 11), so the server sends the smallest encoding a
 * browser accepts without compressing anything per request (server/http/static-files.ts).
 * Runs once per build as a Vite plugin; the slow, strongest settings cost a few seconds of
 * build and nothing at serving time.
 */
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { brotliCompress, constants as zlibConstants, gzip } from "node:zlib";
import type { Plugin } from "vite";

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** Text formats worth compressing; images and audio are compressed already. */
export const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|xml|wasm|webmanifest|map)$/i;
/** Below this many bytes a compressed copy saves less than its own response overhead. */
export const MIN_COMPRESS_BYTES = 256;

export interface Compressed {
  /** path relative to the directory, with "/" separators */
  file: string;
  bytes: number;
  gzip: number | null;
  brotli: number | null;
}

export async function compressBoth(data: Buffer): Promise<{ gzip: Buffer; brotli: Buffer }> {
  const [gz, br] = await Promise.all([
    gzipAsync(data, { level: 9 }),
    brotliAsync(data, {
      params: {
        [zlibConstants.BROTLI_PARAM_QUALITY]: zlibConstants.BROTLI_MAX_QUALITY,
        [zlibConstants.BROTLI_PARAM_MODE]: zlibConstants.BROTLI_MODE_TEXT,
        [zlibConstants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
  ]);
  return { gzip: gz, brotli: br };
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/**
 * Writes file.gz and file.br beside each compressible file of `dir` that is big enough; an
 * encoding that comes out no smaller than the file is not written (the server then sends
 * the file as is). Stale .gz/.br of a previous build are overwritten or, for files
 * that are gone, left alone (Vite empties dist/ before each build).
 */
export async function precompressDir(dir: string): Promise<Compressed[]> {
  const files = (await filesUnder(dir)).filter((f) => COMPRESSIBLE.test(f));
  const done: Compressed[] = [];
  for (const file of files) {
    const size = (await stat(file)).size;
    if (size < MIN_COMPRESS_BYTES) continue;
    const data = await readFile(file);
    const packed = await compressBoth(data);
    const row: Compressed = { file: path.relative(dir, file).split(path.sep).join("/"), bytes: size, gzip: null, brotli: null };
    if (packed.gzip.length < size) {
      await writeFile(`${file}.gz`, packed.gzip);
      row.gzip = packed.gzip.length;
    }
    if (packed.brotli.length < size) {
      await writeFile(`${file}.br`, packed.brotli);
      row.brotli = packed.brotli.length;
    }
    done.push(row);
  }
  return done;
}

/** Vite plugin: precompresses the output directory once the bundle is written. */
export function precompress(): Plugin {
  let outDir = "dist";
  let log: (line: string) => void = () => {};
  return {
    name: "tickfire-precompress",
    apply: "build",
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
      log = (line) => config.logger.info(line);
    },
    async closeBundle() {
      const rows = await precompressDir(outDir);
      const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
      for (const r of rows) log(`${r.file}: ${kb(r.bytes)} → br ${r.brotli === null ? "-" : kb(r.brotli)}, gzip ${r.gzip === null ? "-" : kb(r.gzip)}`);
    },
  };
}
