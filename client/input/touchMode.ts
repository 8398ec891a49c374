/**
 * Whether the player is on touch: registry keys the touch scene, Hud, Chat and Controls
 * share, and the first guess from the device. A touch on the canvas turns touch mode on, a
 * mouse click turns it off, so a laptop with a touch screen follows whatever was used last.
 */
import type * as Phaser from "phaser";

/** Registry key: true while the twin sticks are the controls. */
export const TOUCH_MODE_KEY = "touchMode";

/** Registry key: touch aim sensitivity (a number, 0.5 to 2, default 1). A settings panel
 *  sets it; the touch scene hands every change to the sticks. */
export const AIM_SENSITIVITY_KEY = "touchAimSensitivity";

/** The device's main pointer is a finger (phones, tablets). */
export function touchFirstDevice(): boolean {
  return typeof matchMedia === "function" && matchMedia("(pointer: coarse)").matches;
}

export function isTouchMode(registry: Phaser.Data.DataManager): boolean {
  return registry.get(TOUCH_MODE_KEY) === true;
}

/** Sets the first guess once per page; later changes come from the pointers used. */
export function initTouchMode(registry: Phaser.Data.DataManager): void {
  if (typeof registry.get(TOUCH_MODE_KEY) !== "boolean") registry.set(TOUCH_MODE_KEY, touchFirstDevice());
}
