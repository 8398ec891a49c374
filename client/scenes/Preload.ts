/**
 * Preload: generates every texture, one step per frame, and the bar shows the real
 * progress of that work (there are no files to download).
 */
import * as Phaser from "phaser";
import { reportError } from "../debug.ts";
import { FONT, UI, UI_HEX } from "../view/palette.ts";
import { TEXTURE_STEPS } from "../view/textures.ts";

const BAR_W = 360;
const BAR_H = 10;

export class Preload extends Phaser.Scene {
  private next = 0;
  private bar!: Phaser.GameObjects.Graphics;
  private label!: Phaser.GameObjects.Text;
  private title!: Phaser.GameObjects.Text;
  private failed = false;

  constructor() {
    super("Preload");
  }

  create(): void {
    this.next = 0;
    this.failed = false;
    this.cameras.main.setBackgroundColor(UI.bg);
    this.title = this.add
      .text(0, 0, "TICKFIRE", { fontFamily: FONT, fontSize: "44px", fontStyle: "bold", color: UI.accent })
      .setOrigin(0.5, 1)
      .setLetterSpacing(10);
    this.label = this.add.text(0, 0, "", { fontFamily: FONT, fontSize: "13px", color: UI.textDim }).setOrigin(0.5, 0);
    this.bar = this.add.graphics();
    this.layout();
    this.scale.on(Phaser.Scale.Events.RESIZE, this.layout, this);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => this.scale.off(Phaser.Scale.Events.RESIZE, this.layout, this));
  }

  update(): void {
    if (this.failed || this.next > TEXTURE_STEPS.length) return;
    if (this.next === TEXTURE_STEPS.length) {
      this.next++;
      this.scene.start("Menu");
      return;
    }
    const step = TEXTURE_STEPS[this.next];
    if (!step) return;
    try {
      step.run(this);
    } catch (err) {
      this.failed = true;
      const msg = `Could not draw ${step.label}: ${err instanceof Error ? err.message : String(err)}`;
      reportError(msg);
      this.label.setText(msg).setColor(UI.danger);
      return;
    }
    this.next++;
    this.draw(step.label);
  }

  private draw(what: string): void {
    const { width, height } = this.scale;
    const p = Math.min(1, this.next / TEXTURE_STEPS.length);
    const x = Math.round(width / 2 - BAR_W / 2);
    const y = Math.round(height / 2 + 10);
    this.bar.clear();
    this.bar.fillStyle(UI_HEX.panel, 1).fillRect(x - 3, y - 3, BAR_W + 6, BAR_H + 6);
    this.bar.lineStyle(1, UI_HEX.panelEdge, 1).strokeRect(x - 3.5, y - 3.5, BAR_W + 7, BAR_H + 7);
    this.bar.fillStyle(UI_HEX.accent, 1).fillRect(x, y, Math.round(BAR_W * p), BAR_H);
    this.label.setText(`${Math.round(p * 100)}%  ${what}`);
  }

  private layout(): void {
    const { width, height } = this.scale;
    this.title.setPosition(width / 2, height / 2 - 24);
    this.label.setPosition(width / 2, height / 2 + 34);
    this.draw(this.next > 0 ? (TEXTURE_STEPS[this.next - 1]?.label ?? "") : "warming up");
  }
}
