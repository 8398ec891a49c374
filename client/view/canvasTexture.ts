/** Draw a texture on a canvas with the 2D API (keeps gradients and blur; works with both
 *  renderers). No-op when the key exists already (a scene restarted). */
import type * as Phaser from "phaser";

export type Ctx = CanvasRenderingContext2D;

export function canvasTexture(scene: Phaser.Scene, key: string, w: number, h: number, draw: (ctx: Ctx) => void): void {
  if (scene.textures.exists(key)) return;
  const tex = scene.textures.createCanvas(key, w, h);
  if (!tex) throw new Error(`could not create texture ${key}`);
  draw(tex.getContext());
  tex.refresh();
}
