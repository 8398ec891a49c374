/** Tickfire's colours: a dark industrial base with saturated signal colours for players. */

export const UI = {
  bg: "#07090d",
  floor: "#11151b",
  floorPanel: "#141920",
  gridMinor: "#1a2029",
  gridMajor: "#222b37",
  wallTop: "#343c48",
  wallFace: "#262c35",
  wallLight: "#5b6575",
  wallDark: "#12151a",
  accent: "#ffb02e",
  accentDim: "#9a6a1c",
  text: "#d8dde6",
  textDim: "#7d8796",
  danger: "#ff4a3d",
  good: "#46e08a",
  panel: "rgba(10, 13, 18, 0.82)",
  panelEdge: "#2a3340",
} as const;

/** Hex numbers of UI for Phaser APIs that take 0xRRGGBB. */
export const UI_HEX = {
  bg: 0x07090d,
  accent: 0xffb02e,
  text: 0xd8dde6,
  textDim: 0x7d8796,
  danger: 0xff4a3d,
  good: 0x46e08a,
  panel: 0x0a0d12,
  panelEdge: 0x2a3340,
} as const;

/** Player colours, indexed by PlayerState.color modulo the length (the server deals PLAYER_COLOR_COUNT). */
export const PLAYER_COLORS: readonly string[] = [
  "#35d0ff", // cyan
  "#ffb02e", // amber
  "#ff4fa3", // magenta
  "#8cff4a", // lime
  "#a98bff", // violet
  "#ff6a4a", // vermilion
  "#3dffc5", // teal
  "#ffe066", // gold
];

/** The colour-blind-safe set, chosen so every pair stays apart (CIELAB ΔE over 15) under
 *  full protanopia and deuteranopia as well as normal sight, and bright on the dark floor. */
export const COLORBLIND_PLAYER_COLORS: readonly string[] = [
  "#00ccff", // cyan
  "#ff9900", // orange
  "#ffffff", // white
  "#ffee33", // yellow
  "#ee4466", // rose
  "#6666ff", // periwinkle
  "#33aa99", // teal
  "#ff77dd", // pink
];

/** The shape each player's tank carries at its core, by palette index: players are told
 *  apart by shape as well as colour, whatever the palette. */
export const PLAYER_MARKS = ["dot", "triangle", "square", "diamond", "plus", "ring", "bars", "star"] as const;
export type PlayerMark = (typeof PLAYER_MARKS)[number];

let activeColors: readonly string[] = PLAYER_COLORS;

/** Switches the player colours everything draws from (the player's palette setting). */
export function usePlayerPalette(colorblind: boolean): void {
  activeColors = colorblind ? COLORBLIND_PLAYER_COLORS : PLAYER_COLORS;
}

/** The player colours in use now. */
export function activePlayerColors(): readonly string[] {
  return activeColors;
}

export function playerColor(index: number): string {
  return activeColors[paletteIndex(index)] ?? "#35d0ff";
}

export function playerMark(index: number): PlayerMark {
  return PLAYER_MARKS[paletteIndex(index)] ?? "dot";
}

export function paletteIndex(index: number): number {
  const n = PLAYER_COLORS.length;
  return ((Math.trunc(index) % n) + n) % n;
}

export function hexToNumber(hex: string): number {
  return Number.parseInt(hex.replace("#", ""), 16);
}

export const FONT = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace";
