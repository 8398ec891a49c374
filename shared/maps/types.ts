/** Axis-aligned wall, world units, (x, y) is the top-left corner. */
export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Point {
  x: number;
  y: number;
}

export interface ArenaMap {
  name: string;
  width: number;
  height: number;
  walls: readonly Rect[];
  spawns: readonly Point[];
}
