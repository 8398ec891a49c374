/** Boot: one-time page setup (styles, debug surface, focusable canvas), then Preload. */
import * as Phaser from "phaser";
import { installDebugSurface } from "../debug.ts";
import { TYPING_KEY } from "../input/controls.ts";
import { installSettings } from "../installSettings.ts";
import { injectStyles } from "../view/styles.ts";

export class Boot extends Phaser.Scene {
  constructor() {
    super("Boot");
  }

  create(): void {
    injectStyles();
    installDebugSurface(this.game);
    this.registry.set(TYPING_KEY, false);
    installSettings(this.game);
    const canvas = this.game.canvas;
    // Focusable, so the game can take the keyboard back from the menu fields.
    canvas.tabIndex = 0;
    canvas.style.outline = "none";
    this.scene.start("Preload");
  }
}
