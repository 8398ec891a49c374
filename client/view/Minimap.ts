/** Corner minimap: the baked wall layout plus a dot per living player. */
import type * as Phaser from "phaser";
import { ARENA_MAP } from "../../shared/maps/arena.ts";
import { MINIMAP_SIZE, Tex } from "./textures.ts";
import { hexToNumber, playerColor } from "./palette.ts";

export interface Dot {
  x: number;
  y: number;
  color: number;
  hp: number;
  self: boolean;
}

export class Minimap {
  private readonly root: Phaser.GameObjects.Container;
  private readonly dots: Phaser.GameObjects.Graphics;

  constructor(scene: Phaser.Scene, depth: number) {
    const base = scene.add.image(0, 0, Tex.minimap).setOrigin(0);
    this.dots = scene.add.graphics();
    this.root = scene.add.container(0, 0, [base, this.dots]).setDepth(depth);
  }

  /** Places the map with its bottom-right corner at (right, bottom), drawn at `scale`. */
  place(right: number, bottom: number, scale = 1): void {
    const size = MINIMAP_SIZE * scale;
    this.root.setScale(scale).setPosition(Math.round(right - size), Math.round(bottom - size));
  }

  draw(players: readonly Dot[]): void {
    const s = MINIMAP_SIZE / ARENA_MAP.width;
    const g = this.dots.clear();
    for (const p of players) {
      if (p.hp <= 0) continue;
      const x = p.x * s;
      const y = p.y * s;
      if (p.self) {
        g.lineStyle(2, 0xffffff, 1).strokeCircle(x, y, 5);
      }
      g.fillStyle(hexToNumber(playerColor(p.color)), 1).fillCircle(x, y, p.self ? 3.5 : 3);
    }
  }
}
