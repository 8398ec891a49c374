/**
 * Draws the twin sticks (a ring where each thumb landed and a knob under it; faint rings in
 * the bottom corners while idle) and the "turn your phone" hint. Draws only: the touch
 * scene hands it the sticks' state every frame.
 */
import type * as Phaser from "phaser";
import type { Stick, TwinSticks } from "../input/sticks.ts";
import { FONT, UI, UI_HEX } from "./palette.ts";

const KNOB = 0.42; // knob radius as a fraction of the stick radius

export interface StickRest {
  moveStick: { x: number; y: number };
  aimStick: { x: number; y: number };
}

export class StickView {
  private readonly g: Phaser.GameObjects.Graphics;
  private readonly labels: [Phaser.GameObjects.Text, Phaser.GameObjects.Text];
  private readonly hintShade: Phaser.GameObjects.Rectangle;
  private readonly hint: Phaser.GameObjects.Text;

  constructor(scene: Phaser.Scene) {
    this.g = scene.add.graphics();
    const label = (s: string) =>
      scene.add.text(0, 0, s, { fontFamily: FONT, fontSize: "11px", color: UI.textDim, stroke: "#000000", strokeThickness: 3 }).setOrigin(0.5);
    this.labels = [label("MOVE"), label("AIM · FIRE")];
    this.hintShade = scene.add.rectangle(0, 0, 10, 10, UI_HEX.bg, 0.94).setOrigin(0).setVisible(false);
    this.hint = scene.add
      .text(0, 0, "⟳\nTurn your phone sideways\nto play", { fontFamily: FONT, fontSize: "20px", color: UI.text, align: "center", lineSpacing: 8 })
      .setOrigin(0.5)
      .setVisible(false);
  }

  draw(sticks: TwinSticks, rest: StickRest, shown: boolean): void {
    const g = this.g.clear();
    this.labels.forEach((l) => l.setVisible(false));
    if (!shown) return;
    const r = sticks.radius;
    this.drawStick(g, sticks.move, rest.moveStick, r, sticks.moveDeflection(), UI_HEX.text, this.labels[0]);
    const aimColor = sticks.firing ? UI_HEX.danger : UI_HEX.accent;
    this.drawStick(g, sticks.aim, rest.aimStick, r, sticks.aimDeflection(), aimColor, this.labels[1]);
  }

  /** Covers the screen with the hint (portrait), or hides it. */
  portraitHint(show: boolean, width: number, height: number): void {
    this.hintShade.setVisible(show).setSize(width, height);
    this.hint.setVisible(show).setPosition(width / 2, height / 2).setWordWrapWidth(width - 32);
  }

  private drawStick(
    g: Phaser.GameObjects.Graphics,
    s: Stick,
    restAt: { x: number; y: number },
    r: number,
    d: { dirX: number; dirY: number; amount: number },
    color: number,
    label: Phaser.GameObjects.Text,
  ): void {
    if (!s.active) {
      g.lineStyle(2, UI_HEX.text, 0.22).strokeCircle(restAt.x, restAt.y, r);
      g.fillStyle(UI_HEX.text, 0.12).fillCircle(restAt.x, restAt.y, r * KNOB);
      label.setVisible(true).setPosition(restAt.x, restAt.y);
      return;
    }
    g.fillStyle(0x000000, 0.25).fillCircle(s.baseX, s.baseY, r);
    g.lineStyle(2, color, 0.55).strokeCircle(s.baseX, s.baseY, r);
    // The knob stops at the ring, however far the thumb went.
    const reach = Math.min(Math.hypot(s.x - s.baseX, s.y - s.baseY), r);
    g.fillStyle(color, 0.7).fillCircle(s.baseX + d.dirX * reach, s.baseY + d.dirY * reach, r * KNOB);
  }
}
