/**
 * TouchPad: runs over Game with its own fixed camera, in screen pixels. Feeds the touch
 * pointers into the twin sticks (left half moves, right half aims and fires) and draws
 * them; in portrait it covers the screen with the "turn your phone" hint instead. Controls
 * reads the sticks into the same Command as the keyboard and mouse.
 */
import * as Phaser from "phaser";
import { reportTouch, type StickSurface } from "../debug.ts";
import type { Stick, TwinSticks } from "../input/sticks.ts";
import { AIM_SENSITIVITY_KEY, isTouchMode, TOUCH_MODE_KEY } from "../input/touchMode.ts";
import { compactLayout, isCompact, isPortrait } from "../view/compactLayout.ts";
import { StickView } from "../view/StickView.ts";

export interface TouchPadData {
  sticks: TwinSticks;
}

const stickSurface = (s: Stick): StickSurface => ({ active: s.active, baseX: s.baseX, baseY: s.baseY, x: s.x, y: s.y });

export class TouchPad extends Phaser.Scene {
  private sticks!: TwinSticks;
  private view!: StickView;

  constructor() {
    super("TouchPad");
  }

  create(data: TouchPadData): void {
    this.sticks = data.sticks;
    this.view = new StickView(this);
    this.applySensitivity();
    const onSensitivity = () => this.applySensitivity();
    this.registry.events.on(`changedata-${AIM_SENSITIVITY_KEY}`, onSensitivity);
    this.registry.events.on(`setdata-${AIM_SENSITIVITY_KEY}`, onSensitivity);

    const input = this.input;
    input.on(Phaser.Input.Events.POINTER_DOWN, this.onDown, this);
    input.on(Phaser.Input.Events.POINTER_MOVE, this.onMove, this);
    input.on(Phaser.Input.Events.POINTER_UP, this.onUp, this);
    input.on(Phaser.Input.Events.POINTER_UP_OUTSIDE, this.onUp, this);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      this.registry.events.off(`changedata-${AIM_SENSITIVITY_KEY}`, onSensitivity);
      this.registry.events.off(`setdata-${AIM_SENSITIVITY_KEY}`, onSensitivity);
      this.sticks.releaseAll();
    });
  }

  update(): void {
    const { width, height } = this.scale;
    const touch = isTouchMode(this.registry);
    const portrait = touch && isPortrait(width, height);
    // Portrait does not play: no thumb may keep a stick held under the hint.
    if (portrait) this.sticks.releaseAll();
    this.view.draw(this.sticks, compactLayout(width, height), touch && !portrait);
    this.view.portraitHint(portrait, width, height);
    reportTouch({
      mode: touch,
      portraitHint: portrait,
      compact: isCompact(width, height, touch),
      move: stickSurface(this.sticks.move),
      aim: stickSurface(this.sticks.aim),
      firing: this.sticks.firing,
      aimSensitivity: this.sticks.aimSensitivity,
    });
  }

  private onDown(p: Phaser.Input.Pointer): void {
    if (!p.wasTouch) {
      // A mouse click: back to keyboard and mouse (a laptop with a touch screen).
      if (isTouchMode(this.registry)) this.registry.set(TOUCH_MODE_KEY, false);
      return;
    }
    // Phaser also reports touches on the HTML over the canvas (the chat button): not sticks.
    if (p.downElement !== this.game.canvas) return;
    if (!isTouchMode(this.registry)) this.registry.set(TOUCH_MODE_KEY, true);
    const { width, height } = this.scale;
    if (isPortrait(width, height)) return;
    this.sticks.press(p.id, p.x, p.y, width);
  }

  private onMove(p: Phaser.Input.Pointer): void {
    if (p.wasTouch) this.sticks.drag(p.id, p.x, p.y);
  }

  private onUp(p: Phaser.Input.Pointer): void {
    if (p.wasTouch) this.sticks.release(p.id);
  }

  private applySensitivity(): void {
    const v: unknown = this.registry.get(AIM_SENSITIVITY_KEY);
    if (typeof v === "number") this.sticks.setAimSensitivity(v);
  }
}
