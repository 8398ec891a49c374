/**
 * A smaller Phaser for the client bundle, built from the sources npm ships with it.
 *
 * The package's ESM bundle (dist/phaser.esm.js) is one prebuilt file: a bundler cannot drop
 * anything from it, so every game pays for Arcade and Matter physics, tilemaps and the
 * rest. The package also ships its CommonJS sources and alternative entry points; this
 * plugin points `import ... from "phaser"` at one of those and does what Phaser's own
 * webpack build does to them: replaces the `typeof FLAG` feature switches with constants,
 * so the bundler drops the code behind the ones that are off, and gives `global` its
 * browser meaning. The client's source is untouched: it still imports "phaser", with the
 * package's own types.
 *
 * Tickfire's rules run in shared/sim, so no physics is used; the scene plugins (tweens,
 * time, input, loader, sound) and every game object stay, for code that adds them later.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Plugin } from "vite";

/** The feature switches of Phaser's sources and what this build sets them to. */
export const PHASER_FLAGS: Readonly<Record<string, boolean>> = {
  WEBGL_RENDERER: true,
  // Phaser.AUTO falls back to canvas where WebGL is missing (old or locked-down browsers).
  CANVAS_RENDERER: true,
  WEBGL_DEBUG: false,
  EXPERIMENTAL: false,
  FEATURE_SOUND: true,
  PLUGIN_CAMERA3D: false,
  PLUGIN_FBINSTANT: false,
};

/** Phaser's alternative entry: every namespace but Physics (Arcade and Matter). */
export const PHASER_ENTRY = "src/phaser-no-physics.js";
/** Namespaces of that entry left out as well: the arena is drawn from shared/maps data,
 *  never from a Phaser tilemap (15 kB of brotli, measured 2026-12-02). */
export const PHASER_LEFT_OUT: readonly string[] = ["Tilemaps"];

const FLAG = /\btypeof\s+([A-Z][A-Z0-9_]+)\b/g;

/**
 * A Phaser source file with the feature switches replaced: `typeof WEBGL_RENDERER` (which
 * webpack's DefinePlugin turns into a constant in Phaser's own build) becomes true or false.
 * Names that are not switches are left alone.
 */
export function replaceFlags(code: string, flags: Readonly<Record<string, boolean>> = PHASER_FLAGS): string {
  return code.replace(FLAG, (whole, name: string) => (name in flags ? String(flags[name]) : whole));
}

/**
 * The entry's source without the `Name: require('./dir'),` lines of `leftOut`; throws when
 * one is not there (a Phaser upgrade changed the entry: look again at what to leave out).
 */
export function withoutNamespaces(entrySource: string, leftOut: readonly string[]): string {
  let out = entrySource;
  for (const name of leftOut) {
    const line = new RegExp(`^[ \\t]*${name}\\s*:\\s*require\\([^)]*\\),?[ \\t]*\\r?\\n`, "m");
    if (!line.test(out)) throw new Error(`phaser-build: no "${name}: require(...)" line in Phaser's entry`);
    out = out.replace(line, "");
  }
  return out;
}

/** The module id "phaser" resolves to: the trimmed entry, beside the file it comes from. */
const ENTRY_SUFFIX = ".tickfire-entry.js";

export function phaserBuild(entry = PHASER_ENTRY, leftOut = PHASER_LEFT_OUT): Plugin {
  const phaserDir = path.dirname(createRequire(import.meta.url).resolve("phaser/package.json"));
  const srcDir = path.join(phaserDir, "src") + path.sep;
  const entryFile = path.join(phaserDir, entry);
  // Beside the real entry, so its relative requires resolve as they do for the original.
  const trimmedId = entryFile + ENTRY_SUFFIX;
  return {
    name: "tickfire-phaser-build",
    // Builds only: the dev server and the tests keep the package's ESM file (the sources are
    // CommonJS, which the dev server would have to pre-bundle), with the same API.
    apply: "build",
    enforce: "pre",
    resolveId(source) {
      return source === "phaser" ? trimmedId : null;
    },
    load(id) {
      return id === trimmedId ? withoutNamespaces(readFileSync(entryFile, "utf8"), leftOut) : null;
    },
    transform(code, id) {
      if (!id.startsWith(srcDir)) return null;
      // The entry publishes window.Phaser through webpack's `global`.
      const browser = replaceFlags(code).replace(/\bglobal\.Phaser\s*=/, "globalThis.Phaser =");
      return browser === code ? null : { code: browser, map: null };
    },
  };
}
