/** The bolts in flight: one image per live shot, coloured by its shooter. */
import type * as Phaser from "phaser";
import { BOLT_HEAD_X, BOLT_W, Tex } from "./textures.ts";
import { DEPTH } from "./PlayerSprite.ts";
import { paletteIndex } from "./palette.ts";

export interface ShotLike {
  id: string;
  owner: string;
  x: number;
  y: number;
  angle: number;
}

export class ShotSprites {
  private readonly scene: Phaser.Scene;
  private readonly sprites = new Map<string, Phaser.GameObjects.Image>();
  private readonly seen = new Set<string>();

  constructor(scene: Phaser.Scene) {
    this.scene = scene;
  }

  /** Shows exactly `shots`; `colorOf` maps a shooter id to a palette index. */
  sync(shots: readonly ShotLike[], colorOf: (owner: string) => number): void {
    this.seen.clear();
    for (const s of shots) {
      this.seen.add(s.id);
      let img = this.sprites.get(s.id);
      if (!img) {
        img = this.scene.add
          .image(s.x, s.y, Tex.bolt(paletteIndex(colorOf(s.owner))))
          .setOrigin(BOLT_HEAD_X / BOLT_W, 0.5)
          .setRotation(s.angle)
          .setDepth(DEPTH.shot);
        this.sprites.set(s.id, img);
      }
      img.setPosition(s.x, s.y);
    }
    for (const [id, img] of this.sprites) {
      if (!this.seen.has(id)) {
        img.destroy();
        this.sprites.delete(id);
      }
    }
  }

  clear(): void {
    for (const img of this.sprites.values()) img.destroy();
    this.sprites.clear();
  }
}
