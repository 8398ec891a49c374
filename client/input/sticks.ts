/**
 * Twin-stick touch controls as pure math: no Phaser, no DOM. A thumb that lands on the left
 * half of the screen becomes the move stick, one on the right half the aim stick; each
 * stick's base is where its thumb landed ("floating" sticks, so no exact spot has to be
 * hit). The scene that owns the touches feeds pointer positions in; Controls reads the
 * result into the same Command the keyboard and mouse fill.
 */
import { TOUCH_AIM_SENSITIVITY_DEFAULT, TOUCH_AIM_SENSITIVITY_MAX, TOUCH_AIM_SENSITIVITY_MIN, TOUCH_DEAD_ZONE, TOUCH_FIRE_THRESHOLD, TOUCH_STICK_RADIUS } from "../../shared/client-constants.ts";
import type { Command } from "../../shared/sim/index.ts";
import { normalizeAngle } from "./aim.ts";

export interface StickTuning {
  /** px of drag for full deflection. */
  radius: number;
  /** deflection below which a stick reads as centred. */
  deadZone: number;
  /** aim deflection from which the aim stick fires. */
  fireThreshold: number;
}

export const DEFAULT_TUNING: StickTuning = {
  radius: TOUCH_STICK_RADIUS,
  deadZone: TOUCH_DEAD_ZONE,
  fireThreshold: TOUCH_FIRE_THRESHOLD,
};

export interface Deflection {
  /** unit direction of the drag (0, 0 when the thumb sits on the base). */
  dirX: number;
  dirY: number;
  /** 0 at the base, 1 at `radius / gain` or farther. */
  amount: number;
}

/** How far and which way a thumb at (x, y) pushes a stick based at (baseX, baseY). */
export function deflection(baseX: number, baseY: number, x: number, y: number, radius: number, gain = 1): Deflection {
  const dx = x - baseX;
  const dy = y - baseY;
  const len = Math.hypot(dx, dy);
  if (!(len > 1e-9) || !(radius > 0)) return { dirX: 0, dirY: 0, amount: 0 };
  return { dirX: dx / len, dirY: dy / len, amount: Math.min(1, (len / radius) * gain) };
}

/**
 * The sim moves in 8 directions (-1, 0 or 1 per axis): the 45° sector the drag points into,
 * each sector centred on its direction, so a drag within 22.5° of straight right is "right".
 */
export function eightWay(dirX: number, dirY: number): { moveX: -1 | 0 | 1; moveY: -1 | 0 | 1 } {
  if (dirX === 0 && dirY === 0) return { moveX: 0, moveY: 0 };
  const sector = Math.round(Math.atan2(dirY, dirX) / (Math.PI / 4));
  const a = (sector * Math.PI) / 4;
  const round = (v: number): -1 | 0 | 1 => (Math.abs(v) < 0.5 ? 0 : v > 0 ? 1 : -1);
  return { moveX: round(Math.cos(a)), moveY: round(Math.sin(a)) };
}

/** A sensitivity from any source (a settings field, storage) as a usable factor. */
export function clampSensitivity(s: number): number {
  if (!Number.isFinite(s)) return TOUCH_AIM_SENSITIVITY_DEFAULT;
  return Math.min(TOUCH_AIM_SENSITIVITY_MAX, Math.max(TOUCH_AIM_SENSITIVITY_MIN, s));
}

/** One stick: which touch holds it, where that touch landed and where it is now. */
export class Stick {
  /** pointer id of the thumb on it, or null when idle. */
  touchId: number | null = null;
  baseX = 0;
  baseY = 0;
  x = 0;
  y = 0;

  get active(): boolean {
    return this.touchId !== null;
  }

  grab(id: number, x: number, y: number): void {
    this.touchId = id;
    this.baseX = this.x = x;
    this.baseY = this.y = y;
  }

  free(): void {
    this.touchId = null;
  }
}

export class TwinSticks {
  readonly move = new Stick();
  readonly aim = new Stick();
  private readonly tuning: StickTuning;
  private sensitivity = TOUCH_AIM_SENSITIVITY_DEFAULT;

  constructor(tuning: StickTuning = DEFAULT_TUNING) {
    this.tuning = tuning;
  }

  get radius(): number {
    return this.tuning.radius;
  }

  /** Touch aim sensitivity, clamped to its range (see TOUCH_AIM_SENSITIVITY_*). */
  setAimSensitivity(s: number): void {
    this.sensitivity = clampSensitivity(s);
  }

  get aimSensitivity(): number {
    return this.sensitivity;
  }

  /** A touch began at (x, y) on a screen `width` wide. A third thumb, or a second on a
   *  half already held, is ignored. */
  press(id: number, x: number, y: number, width: number): void {
    if (this.move.touchId === id || this.aim.touchId === id) return;
    const stick = x < width / 2 ? this.move : this.aim;
    if (!stick.active) stick.grab(id, x, y);
  }

  drag(id: number, x: number, y: number): void {
    const stick = this.stickOf(id);
    if (!stick) return;
    stick.x = x;
    stick.y = y;
  }

  release(id: number): void {
    this.stickOf(id)?.free();
  }

  releaseAll(): void {
    this.move.free();
    this.aim.free();
  }

  get anyActive(): boolean {
    return this.move.active || this.aim.active;
  }

  /** Deflection of the move stick (no sensitivity: it only picks one of 8 directions). */
  moveDeflection(): Deflection {
    return this.deflectionOf(this.move, 1);
  }

  /** Deflection of the aim stick, scaled by the aim sensitivity. */
  aimDeflection(): Deflection {
    return this.deflectionOf(this.aim, this.sensitivity);
  }

  /** Whether the aim stick is dragged past the fire threshold. */
  get firing(): boolean {
    return this.aimDeflection().amount >= this.tuning.fireThreshold;
  }

  /**
   * Writes the sticks into `c`: the move stick's 8-way direction, the aim stick's angle
   * (kept from before while it is idle or inside the dead zone) and fire while it is
   * dragged past the threshold. Screen and world axes agree (the camera never rotates and
   * scales both axes alike), so a screen angle is a world angle.
   */
  apply(c: Command): Command {
    const m = this.moveDeflection();
    const dir = m.amount >= this.tuning.deadZone ? eightWay(m.dirX, m.dirY) : { moveX: 0, moveY: 0 };
    c.moveX = dir.moveX;
    c.moveY = dir.moveY;
    const a = this.aimDeflection();
    const aiming = a.amount >= this.tuning.deadZone;
    if (aiming) c.aim = normalizeAngle(Math.atan2(a.dirY, a.dirX));
    c.fire = aiming && a.amount >= this.tuning.fireThreshold;
    return c;
  }

  private stickOf(id: number): Stick | null {
    if (this.move.touchId === id) return this.move;
    if (this.aim.touchId === id) return this.aim;
    return null;
  }

  private deflectionOf(s: Stick, gain: number): Deflection {
    if (!s.active) return { dirX: 0, dirY: 0, amount: 0 };
    return deflection(s.baseX, s.baseY, s.x, s.y, this.tuning.radius, gain);
  }
}
