/** Small fixtures for simulation tests: an open map and default rules. */
import type { ArenaMap } from "../maps/types.ts";
import type { Rules } from "./types.ts";

export const TEST_RULES: Rules = { mode: "ffa", tickHz: 30, roundSeconds: 60, killLimit: 3, resultsSeconds: 2 };

/** 1000 × 1000, one wall block in the middle-left, spawns in the four corners. */
export const OPEN_MAP: ArenaMap = {
  name: "test-open",
  width: 1000,
  height: 1000,
  walls: [{ x: 100, y: 400, w: 100, h: 200 }],
  spawns: [
    { x: 100, y: 100 },
    { x: 900, y: 100 },
    { x: 100, y: 900 },
    { x: 900, y: 900 },
  ],
};
