/** Short-lived effects: sparks where shots end, muzzle flashes, hit rings. Tweens only. */
import type * as Phaser from "phaser";
import { DEPTH } from "./PlayerSprite.ts";
import { Tex } from "./textures.ts";

export function spark(scene: Phaser.Scene, x: number, y: number, big: boolean): void {
  const core = scene.add.image(x, y, Tex.spark).setDepth(DEPTH.fx).setScale(big ? 1.4 : 0.9);
  scene.tweens.add({ targets: core, alpha: 0, scale: big ? 0.2 : 0.3, duration: big ? 260 : 180, onComplete: () => core.destroy() });
  const bits = big ? 6 : 4;
  for (let i = 0; i < bits; i++) {
    const a = Math.random() * Math.PI * 2;
    const d = 10 + Math.random() * (big ? 22 : 14);
    const bit = scene.add.image(x, y, Tex.spark).setDepth(DEPTH.fx).setScale(0.3);
    scene.tweens.add({
      targets: bit,
      x: x + Math.cos(a) * d,
      y: y + Math.sin(a) * d,
      alpha: 0,
      scale: 0.05,
      duration: 200 + Math.random() * 120,
      onComplete: () => bit.destroy(),
    });
  }
  if (big) hitRing(scene, x, y);
}

export function hitRing(scene: Phaser.Scene, x: number, y: number): void {
  const ring = scene.add.image(x, y, Tex.ring).setDepth(DEPTH.fx).setScale(0.3).setAlpha(0.9);
  scene.tweens.add({ targets: ring, scale: 0.9, alpha: 0, duration: 260, onComplete: () => ring.destroy() });
}

export function muzzleFlash(scene: Phaser.Scene, x: number, y: number, angle: number, offset: number): void {
  const fx = scene.add
    .image(x + Math.cos(angle) * offset, y + Math.sin(angle) * offset, Tex.flash)
    .setDepth(DEPTH.fx)
    .setRotation(angle)
    .setScale(0.8);
  scene.tweens.add({ targets: fx, alpha: 0, scale: 0.3, duration: 90, onComplete: () => fx.destroy() });
}
