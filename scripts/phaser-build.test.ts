import { describe, expect, it } from "vitest";
import { PHASER_FLAGS, replaceFlags } from "./phaser-build.ts";

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
