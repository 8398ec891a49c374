/**
 * Keyboard and mouse, or touch, to an input command. WASD or arrows move, the mouse aims,
 * left click or Space fires (held: keeps firing at the weapon's rate). In touch mode the
 * twin sticks (fed by the TouchPad scene) move, aim and fire instead, and keys still move.
 * While the chat field is open every control reads as released, so typing never moves
 * the player.
 */
import * as Phaser from "phaser";
import { TOUCH_AIM_MARK_DIST } from "../../shared/client-constants.ts";
import type { Command } from "../../shared/sim/index.ts";
import { aimAngle, axis } from "./aim.ts";
import { TwinSticks } from "./sticks.ts";
import { isTouchMode } from "./touchMode.ts";

type KeyName = "up" | "down" | "left" | "right" | "w" | "a" | "s" | "d" | "fire";

/** Registry key: true while an HTML text field (chat) owns the keyboard. */
export const TYPING_KEY = "typing";

export class Controls {
  private readonly scene: Phaser.Scene;
  private readonly keys: Record<KeyName, Phaser.Input.Keyboard.Key> | null;
  private readonly command: Command = { moveX: 0, moveY: 0, aim: 0, fire: false };
  /** The touch sticks; the TouchPad scene feeds them. */
  readonly sticks = new TwinSticks();
  private readonly mark = { x: 0, y: 0 };

  constructor(scene: Phaser.Scene) {
    this.scene = scene;
    const kb = scene.input.keyboard;
    const K = Phaser.Input.Keyboard.KeyCodes;
    this.keys = kb
      ? {
          up: kb.addKey(K.UP),
          down: kb.addKey(K.DOWN),
          left: kb.addKey(K.LEFT),
          right: kb.addKey(K.RIGHT),
          w: kb.addKey(K.W),
          a: kb.addKey(K.A),
          s: kb.addKey(K.S),
          d: kb.addKey(K.D),
          fire: kb.addKey(K.SPACE),
        }
      : null;
    // Right-click is not a control; keep the browser menu from covering the arena.
    scene.input.mouse?.disableContextMenu();
  }

  get typing(): boolean {
    return this.scene.registry.get(TYPING_KEY) === true;
  }

  /**
   * The command for this step. `selfX/selfY` is the predicted player position; the aim is
   * recomputed from the pointer every time because the camera moves under a still mouse.
   */
  sample(selfX: number, selfY: number): Command {
    const c = this.command;
    if (this.touch) return this.sampleTouch(c);
    const pointer = this.scene.input.activePointer;
    const world = this.scene.cameras.main.getWorldPoint(pointer.x, pointer.y);
    c.aim = aimAngle(selfX, selfY, world.x, world.y, c.aim);
    const k = this.keys;
    if (!k || this.typing) {
      c.moveX = 0;
      c.moveY = 0;
      c.fire = false;
      return c;
    }
    c.moveX = axis(k.left.isDown || k.a.isDown, k.right.isDown || k.d.isDown);
    c.moveY = axis(k.up.isDown || k.w.isDown, k.down.isDown || k.s.isDown);
    c.fire = k.fire.isDown || (pointer.isDown && pointer.leftButtonDown());
    return c;
  }

  get touch(): boolean {
    return isTouchMode(this.scene.registry);
  }

  /** World point for the crosshair: under the mouse, or on touch ahead of the tank along the aim. */
  crosshair(selfX: number, selfY: number): { x: number; y: number } {
    if (this.touch) {
      this.mark.x = selfX + Math.cos(this.command.aim) * TOUCH_AIM_MARK_DIST;
      this.mark.y = selfY + Math.sin(this.command.aim) * TOUCH_AIM_MARK_DIST;
      return this.mark;
    }
    const pointer = this.scene.input.activePointer;
    return this.scene.cameras.main.getWorldPoint(pointer.x, pointer.y);
  }

  private sampleTouch(c: Command): Command {
    if (this.typing) {
      this.sticks.releaseAll();
      c.moveX = 0;
      c.moveY = 0;
      c.fire = false;
      return c;
    }
    this.sticks.apply(c);
    // A keyboard on a tablet still moves and fires.
    const k = this.keys;
    if (k) {
      const kx = axis(k.left.isDown || k.a.isDown, k.right.isDown || k.d.isDown);
      const ky = axis(k.up.isDown || k.w.isDown, k.down.isDown || k.s.isDown);
      if (kx !== 0 || ky !== 0) {
        c.moveX = kx;
        c.moveY = ky;
      }
      c.fire ||= k.fire.isDown;
    }
    return c;
  }

  /** Forget held keys (after the chat field had the keyboard). */
  reset(): void {
    this.scene.input.keyboard?.resetKeys();
  }
}
