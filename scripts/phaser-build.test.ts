import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PHASER_ENTRY, PHASER_FLAGS, PHASER_LEFT_OUT, replaceFlags, withoutNamespaces } from "./phaser-build.ts";

describe("Phaser's feature switches", () => {
  it("turns each known `typeof FLAG` into its constant and leaves every other typeof alone", () => {
    const src = [
      "if (typeof WEBGL_RENDERER) { a(); }",
      "if (typeof  CANVAS_RENDERER && typeof WEBGL_DEBUG) { b(); }",
      "if (typeof PLUGIN_CAMERA3D) { c(); }",
      "if (typeof window !== 'undefined') { d(); }",
      "if (typeof SOME_OTHER_NAME) { e(); }",
    ].join("\n");
    expect(replaceFlags(src).split("\n")).toEqual([
      "if (true) { a(); }",
      "if (true && false) { b(); }",
      "if (false) { c(); }",
      "if (typeof window !== 'undefined') { d(); }",
      "if (typeof SOME_OTHER_NAME) { e(); }",
    ]);
  });

  it("keeps both renderers and sound, and leaves debugging and experiments out", () => {
    expect(PHASER_FLAGS).toMatchObject({ WEBGL_RENDERER: true, CANVAS_RENDERER: true, FEATURE_SOUND: true, WEBGL_DEBUG: false, EXPERIMENTAL: false });
  });
});

describe("leaving namespaces out of Phaser's entry", () => {
  const entry = ["var Phaser = {", "    Textures: require('./textures'),", "    Tilemaps: require('./tilemaps'),", "    Time: require('./time'),", "};", ""].join("\n");

  it("drops exactly the named lines", () => {
    expect(withoutNamespaces(entry, ["Tilemaps"])).toBe(["var Phaser = {", "    Textures: require('./textures'),", "    Time: require('./time'),", "};", ""].join("\n"));
    expect(withoutNamespaces(entry, [])).toBe(entry);
  });

  it("fails loudly when a namespace is not in the entry", () => {
    expect(() => withoutNamespaces(entry, ["Physics"])).toThrow(/no "Physics: require/);
  });

  it("applies to the installed Phaser's entry", () => {
    const dir = path.dirname(createRequire(import.meta.url).resolve("phaser/package.json"));
    const source = readFileSync(path.join(dir, PHASER_ENTRY), "utf8");
    const trimmed = withoutNamespaces(source, PHASER_LEFT_OUT);
    for (const name of PHASER_LEFT_OUT) expect(trimmed).not.toMatch(new RegExp(`\\b${name}\\s*:\\s*require`));
    expect(trimmed).toMatch(/GameObjects\s*:\s*require/);
    expect(trimmed).not.toMatch(/Physics\s*:\s*require/);
  });
});
