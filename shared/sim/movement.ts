import { PLAYER_RADIUS, PLAYER_SPEED, POSITION_STEP } from "../constants.ts";
import type { ArenaMap } from "../maps/types.ts";
import { clamp, pushCircleOutOfRect, snap } from "./geometry.ts";
import type { Body, Command } from "./types.ts";

const DIAGONAL = Math.SQRT1_2;
/** Wall resolution passes: two settle a circle wedged in a corner between two walls. */
const RESOLVE_PASSES = 2;

/**
 * Moves one body by one command over dt seconds, sliding along walls, and snaps the
 * result to the wire grid; a dead body stays where it fell (the server ignores a dead
 * player's commands, so a player who dies mid-run is not predicted running on). This is
 * the function the server's tick and the client's prediction both run; it must stay a
 * pure function of (body, command, dt, map).
 */
export function movePlayer(body: Body, cmd: Command, dt: number, map: ArenaMap): void {
  if (body.hp <= 0) return;
  const mx = sign(cmd.moveX);
  const my = sign(cmd.moveY);
  if (mx === 0 && my === 0) return;
  const scale = mx !== 0 && my !== 0 ? DIAGONAL : 1;
  let x = body.x + mx * scale * PLAYER_SPEED * dt;
  let y = body.y + my * scale * PLAYER_SPEED * dt;
  for (let pass = 0; pass < RESOLVE_PASSES; pass++) {
    for (const wall of map.walls) {
      const out = pushCircleOutOfRect(x, y, PLAYER_RADIUS, wall);
      if (out) {
        x = out.x;
        y = out.y;
      }
    }
  }
  body.x = snap(clamp(x, PLAYER_RADIUS, map.width - PLAYER_RADIUS), POSITION_STEP);
  body.y = snap(clamp(y, PLAYER_RADIUS, map.height - PLAYER_RADIUS), POSITION_STEP);
}

/** -1, 0 or 1; anything else (NaN included) that reached the sim counts as 0. */
function sign(v: number): number {
  return v > 0 ? 1 : v < 0 ? -1 : 0;
}
