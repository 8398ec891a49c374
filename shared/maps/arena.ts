import { WORLD_HEIGHT, WORLD_WIDTH } from "../constants.ts";
import type { ArenaMap, Point, Rect } from "./types.ts";

/**
 * The default arena: a border, and one quadrant of cover rotated four times about the
 * centre, so every spawn has the same sight lines and no corner is better than another.
 * A broken ring guards the centre; long walls make lanes; pillars and crates break
 * the lanes up so a fight is about moving between cover.
 */
const BORDER = 40;
const CX = WORLD_WIDTH / 2;
const CY = WORLD_HEIGHT / 2;

const quadrantWalls: Rect[] = [
  { x: 300, y: 300, w: 80, h: 80 }, // corner pillar
  { x: 520, y: 200, w: 260, h: 40 }, // north lane wall
  { x: 200, y: 520, w: 40, h: 260 }, // west lane wall
  { x: 560, y: 560, w: 70, h: 70 }, // crate
  { x: 800, y: 800, w: 140, h: 40 }, // centre ring, horizontal arm
  { x: 800, y: 800, w: 40, h: 140 }, // centre ring, vertical arm
  { x: 960, y: 420, w: 80, h: 80 }, // block on the north axis
  { x: 420, y: 640, w: 110, h: 30 }, // low wall by the crate
];

const quadrantSpawns: Point[] = [
  { x: 110, y: 110 },
  { x: 660, y: 330 },
  { x: 330, y: 900 },
];

/** Rotates a rect by `quarterTurns` × 90° about the arena centre. */
function rotateRect(r: Rect, quarterTurns: number): Rect {
  let out = r;
  for (let i = 0; i < quarterTurns; i++) {
    // (x, y) -> (CX - (y - CY), CY + (x - CX)) maps a corner; a rect's new top-left is
    // the image of its bottom-left corner.
    out = { x: CX - (out.y + out.h - CY), y: CY + (out.x - CX), w: out.h, h: out.w };
  }
  return out;
}

function rotatePoint(p: Point, quarterTurns: number): Point {
  let out = p;
  for (let i = 0; i < quarterTurns; i++) out = { x: CX - (out.y - CY), y: CY + (out.x - CX) };
  return out;
}

const borderWalls: Rect[] = [
  { x: 0, y: 0, w: WORLD_WIDTH, h: BORDER },
  { x: 0, y: WORLD_HEIGHT - BORDER, w: WORLD_WIDTH, h: BORDER },
  { x: 0, y: BORDER, w: BORDER, h: WORLD_HEIGHT - 2 * BORDER },
  { x: WORLD_WIDTH - BORDER, y: BORDER, w: BORDER, h: WORLD_HEIGHT - 2 * BORDER },
];

const turns = [0, 1, 2, 3];

export const ARENA_MAP: ArenaMap = {
  name: "Foundry",
  width: WORLD_WIDTH,
  height: WORLD_HEIGHT,
  walls: [...borderWalls, ...turns.flatMap((t) => quadrantWalls.map((w) => rotateRect(w, t)))],
  spawns: turns.flatMap((t) => quadrantSpawns.map((s) => rotatePoint(s, t))),
};
