/** Hit feedback drawn in the arena: a floating damage number and a white flash on the tank hit. */
import type * as Phaser from "phaser";
import { PLAYER_RADIUS } from "../../shared/constants.ts";
import { FONT, UI } from "./palette.ts";
import { DEPTH } from "./PlayerSprite.ts";

/** "-20" rising from where the target is drawn; bigger and red when the hit killed. */
export function damageNumber(scene: Phaser.Scene, x: number, y: number, damage: number, killed: boolean): void {
  const t = scene.add
    .text(x + (Math.random() - 0.5) * 16, y - PLAYER_RADIUS - 8, `-${damage}`, {
      fontFamily: FONT,
      fontSize: killed ? "22px" : "17px",
      fontStyle: "bold",
      color: killed ? UI.danger : "#ffe066",
      stroke: "#000000",
      strokeThickness: 4,
    })
    .setOrigin(0.5, 1)
    .setDepth(DEPTH.fx + 1);
  scene.tweens.add({ targets: t, y: t.y - 34, alpha: 0, duration: killed ? 900 : 650, ease: "Cubic.easeOut", onComplete: () => t.destroy() });
}

/** A white disc over the tank that fades in a blink; it rides the tank's container. */
export function flashOn(scene: Phaser.Scene, root: Phaser.GameObjects.Container): void {
  const disc = scene.add.circle(0, 0, PLAYER_RADIUS + 2, 0xffffff, 0.75);
  root.add(disc);
  scene.tweens.add({ targets: disc, alpha: 0, duration: 140, onComplete: () => disc.destroy() });
}
