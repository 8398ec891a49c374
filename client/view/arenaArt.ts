/**
 * The arena's look. Fill rate is what the software rasterizer (headless SwiftShader)
 * pays for, so the floor is the camera's clear colour plus a line grid, and only what
 * sits on it (walls with their shadows, hazard bands, markings) is baked: drawn once on
 * a scratch canvas, cut into tiles, and only non-empty tiles become images.
 */
import type * as Phaser from "phaser";
import { ARENA_MAP } from "../../shared/maps/arena.ts";
import type { Rect } from "../../shared/maps/types.ts";
import { canvasTexture, type Ctx } from "./canvasTexture.ts";
import { FONT, UI } from "./palette.ts";

export const ARENA_TEX = {
  minimap: "minimap",
  /** Every non-empty arena tile, as frames named "col,row". */
  atlas: "arena-atlas",
} as const;

/** px. Minimap texture size. */
export const MINIMAP_SIZE = 168;
/** px. Arena tile size: small enough that most floor-only tiles are skipped. */
export const ARENA_TILE = 100;
const COLS = Math.ceil(ARENA_MAP.width / ARENA_TILE);
const ROWS = Math.ceil(ARENA_MAP.height / ARENA_TILE);
/** Registry key listing the tiles that have content, as "col,row" strings. */
const TILES_KEY = "arena.tiles";

const BORDER = 40;
const HAZARD = 10;

function drawMarkings(ctx: Ctx): void {
  const { width: W, height: H } = ARENA_MAP;
  ctx.save();
  ctx.translate(W / 2, H / 2);
  ctx.strokeStyle = "rgba(255,176,46,0.12)";
  ctx.lineWidth = 8;
  ctx.beginPath();
  ctx.arc(0, 0, 118, 0, Math.PI * 2);
  ctx.stroke();
  ctx.lineWidth = 3;
  ctx.setLineDash([18, 12]);
  ctx.beginPath();
  ctx.arc(0, 0, 150, 0, Math.PI * 2);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillStyle = "rgba(255,176,46,0.10)";
  ctx.font = `bold 30px ${FONT}`;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  ctx.fillText(ARENA_MAP.name.toUpperCase(), 0, 0);
  ctx.restore();
  for (const s of ARENA_MAP.spawns) {
    ctx.save();
    ctx.translate(s.x, s.y);
    ctx.strokeStyle = "rgba(53,208,255,0.28)";
    ctx.lineWidth = 2;
    ctx.setLineDash([6, 6]);
    ctx.beginPath();
    ctx.arc(0, 0, 34, 0, Math.PI * 2);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = "rgba(53,208,255,0.35)";
    for (let i = 0; i < 4; i++) {
      const a = (i * Math.PI) / 2;
      ctx.fillRect(Math.cos(a) * 40 - 2, Math.sin(a) * 40 - 2, 4, 4);
    }
    ctx.restore();
  }
}

function hazardBand(ctx: Ctx, x: number, y: number, w: number, h: number): void {
  ctx.save();
  ctx.beginPath();
  ctx.rect(x, y, w, h);
  ctx.clip();
  ctx.fillStyle = "#1a1610";
  ctx.fillRect(x, y, w, h);
  ctx.fillStyle = "rgba(255,176,46,0.55)";
  const t = Math.min(w, h);
  for (let d = -t; d < Math.max(w, h) + t; d += 22) {
    ctx.beginPath();
    if (w >= h) {
      ctx.moveTo(x + d, y + h);
      ctx.lineTo(x + d + 11, y + h);
      ctx.lineTo(x + d + 11 + h, y);
      ctx.lineTo(x + d + h, y);
    } else {
      ctx.moveTo(x, y + d);
      ctx.lineTo(x, y + d + 11);
      ctx.lineTo(x + w, y + d + 11 + w);
      ctx.lineTo(x + w, y + d + w);
    }
    ctx.closePath();
    ctx.fill();
  }
  ctx.restore();
}

function drawWall(ctx: Ctx, r: Rect, border: boolean): void {
  ctx.save();
  ctx.shadowColor = "rgba(0,0,0,0.7)";
  ctx.shadowBlur = 16;
  ctx.shadowOffsetX = 7;
  ctx.shadowOffsetY = 9;
  ctx.fillStyle = UI.wallFace;
  ctx.fillRect(r.x, r.y, r.w, r.h);
  ctx.restore();
  const g = ctx.createLinearGradient(r.x, r.y, r.x + r.w, r.y + r.h);
  g.addColorStop(0, UI.wallTop);
  g.addColorStop(1, UI.wallFace);
  ctx.fillStyle = g;
  ctx.fillRect(r.x, r.y, r.w, r.h);
  const b = 4;
  ctx.fillStyle = UI.wallLight;
  ctx.fillRect(r.x, r.y, r.w, b);
  ctx.fillRect(r.x, r.y, b, r.h);
  ctx.fillStyle = UI.wallDark;
  ctx.fillRect(r.x, r.y + r.h - b, r.w, b);
  ctx.fillRect(r.x + r.w - b, r.y, b, r.h);
  if (r.w > 24 && r.h > 24) {
    ctx.strokeStyle = "rgba(0,0,0,0.35)";
    ctx.lineWidth = 2;
    ctx.strokeRect(r.x + 10, r.y + 10, r.w - 20, r.h - 20);
    ctx.strokeStyle = "rgba(255,255,255,0.05)";
    ctx.strokeRect(r.x + 12, r.y + 12, r.w - 20, r.h - 20);
  }
  if (!border) {
    ctx.fillStyle = "rgba(255,176,46,0.8)";
    const s = Math.min(r.w, r.h) > 40 ? 5 : 3;
    ctx.fillRect(r.x + 7, r.y + 7, s, s);
    ctx.fillRect(r.x + r.w - 7 - s, r.y + r.h - 7 - s, s, s);
  }
  ctx.fillStyle = "rgba(160,170,185,0.45)";
  for (const [px, py] of [
    [r.x + 7, r.y + r.h - 7],
    [r.x + r.w - 7, r.y + 7],
  ] as const) {
    ctx.beginPath();
    ctx.arc(px, py, 1.8, 0, Math.PI * 2);
    ctx.fill();
  }
}

function drawWalls(ctx: Ctx): void {
  const { width: W, height: H } = ARENA_MAP;
  const isBorder = (r: Rect) => r.x === 0 || r.y === 0 || r.x + r.w === W || r.y + r.h === H;
  for (const r of ARENA_MAP.walls) drawWall(ctx, r, isBorder(r));
  hazardBand(ctx, BORDER, BORDER, W - 2 * BORDER, HAZARD);
  hazardBand(ctx, BORDER, H - BORDER - HAZARD, W - 2 * BORDER, HAZARD);
  hazardBand(ctx, BORDER, BORDER + HAZARD, HAZARD, H - 2 * BORDER - 2 * HAZARD);
  hazardBand(ctx, W - BORDER - HAZARD, BORDER + HAZARD, HAZARD, H - 2 * BORDER - 2 * HAZARD);
}

function drawMinimap(ctx: Ctx): void {
  const s = MINIMAP_SIZE / ARENA_MAP.width;
  ctx.fillStyle = "rgba(12,16,22,0.88)";
  ctx.fillRect(0, 0, MINIMAP_SIZE, MINIMAP_SIZE);
  ctx.fillStyle = "#3a4452";
  for (const r of ARENA_MAP.walls) ctx.fillRect(r.x * s, r.y * s, Math.max(1, r.w * s), Math.max(1, r.h * s));
  ctx.strokeStyle = UI.accentDim;
  ctx.lineWidth = 2;
  ctx.strokeRect(1, 1, MINIMAP_SIZE - 2, MINIMAP_SIZE - 2);
}

/** The scratch canvas the arena is composed on before it is cut (dropped afterwards). */
let scratch: Ctx | null = null;

function scratchCtx(): Ctx {
  if (!scratch) {
    const canvas = document.createElement("canvas");
    canvas.width = ARENA_MAP.width;
    canvas.height = ARENA_MAP.height;
    const ctx = canvas.getContext("2d", { willReadFrequently: true });
    if (!ctx) throw new Error("no 2D canvas context");
    scratch = ctx;
  }
  return scratch;
}

function tileHasContent(ctx: Ctx, col: number, row: number): boolean {
  const data = ctx.getImageData(col * ARENA_TILE, row * ARENA_TILE, ARENA_TILE, ARENA_TILE).data;
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
  return false;
}

/** Cuts the non-empty tiles into one atlas texture (one texture = one draw batch). */
function cutTiles(scene: Phaser.Scene): void {
  const ctx = scratchCtx();
  const tiles: string[] = [];
  for (let row = 0; row < ROWS; row++) {
    for (let col = 0; col < COLS; col++) if (tileHasContent(ctx, col, row)) tiles.push(`${col},${row}`);
  }
  const perRow = COLS;
  const atlasRows = Math.max(1, Math.ceil(tiles.length / perRow));
  if (!scene.textures.exists(ARENA_TEX.atlas)) {
    const tex = scene.textures.createCanvas(ARENA_TEX.atlas, perRow * ARENA_TILE, atlasRows * ARENA_TILE);
    if (!tex) throw new Error("could not create the arena atlas");
    const out = tex.getContext();
    tiles.forEach((key, i) => {
      const [col = 0, row = 0] = key.split(",").map(Number);
      const ax = (i % perRow) * ARENA_TILE;
      const ay = Math.floor(i / perRow) * ARENA_TILE;
      out.drawImage(ctx.canvas, col * ARENA_TILE, row * ARENA_TILE, ARENA_TILE, ARENA_TILE, ax, ay, ARENA_TILE, ARENA_TILE);
      tex.add(key, 0, ax, ay, ARENA_TILE, ARENA_TILE);
    });
    tex.refresh();
  }
  scene.registry.set(TILES_KEY, tiles);
  scratch = null;
}

export const ARENA_STEPS: readonly { label: string; run: (scene: Phaser.Scene) => void }[] = [
  { label: "floor markings", run: () => drawMarkings(scratchCtx()) },
  { label: "walls", run: () => drawWalls(scratchCtx()) },
  { label: "cutting arena tiles", run: cutTiles },
  { label: "minimap", run: (s) => canvasTexture(s, ARENA_TEX.minimap, MINIMAP_SIZE, MINIMAP_SIZE, drawMinimap) },
];

/**
 * The arena in a scene: the floor grid and the baked tiles. cull() keeps only what the
 * camera sees: the grid is redrawn for the view alone and off-screen tiles are hidden,
 * which is what keeps a software rasterizer's frame cheap.
 */
export class ArenaView {
  readonly root: Phaser.GameObjects.Container;
  private readonly grid: Phaser.GameObjects.Graphics;
  private readonly tiles: { img: Phaser.GameObjects.Image; x: number; y: number }[] = [];
  private lastKey = "";

  constructor(scene: Phaser.Scene) {
    this.grid = scene.add.graphics();
    const parts: Phaser.GameObjects.GameObject[] = [this.grid];
    const keys = (scene.registry.get(TILES_KEY) as string[] | undefined) ?? [];
    for (const key of keys) {
      const [col = 0, row = 0] = key.split(",").map(Number);
      const x = col * ARENA_TILE;
      const y = row * ARENA_TILE;
      const img = scene.add.image(x, y, ARENA_TEX.atlas, key).setOrigin(0).setVisible(false);
      this.tiles.push({ img, x, y });
      parts.push(img);
    }
    this.root = scene.add.container(0, 0, parts);
  }

  /** Shows what lies in the world rectangle (x, y, w, h), in arena coordinates. */
  cull(x: number, y: number, w: number, h: number): void {
    const x0 = Math.max(0, Math.floor(x / 40) * 40);
    const y0 = Math.max(0, Math.floor(y / 40) * 40);
    const x1 = Math.min(ARENA_MAP.width, x + w);
    const y1 = Math.min(ARENA_MAP.height, y + h);
    const key = `${x0},${y0},${Math.ceil(x1)},${Math.ceil(y1)}`;
    if (key === this.lastKey) return;
    this.lastKey = key;
    for (const t of this.tiles) {
      t.img.setVisible(t.x < x1 && t.x + ARENA_TILE > x && t.y < y1 && t.y + ARENA_TILE > y);
    }
    const g = this.grid.clear();
    const top = Math.max(0, y);
    const left = Math.max(0, x);
    for (let gx = x0; gx <= x1; gx += 40) {
      if (gx === 0 || gx >= ARENA_MAP.width) continue;
      const major = gx % 200 === 0;
      g.lineStyle(major ? 2 : 1, major ? 0x232c38 : 0x1a2029, 1).lineBetween(major ? gx : gx + 0.5, top, major ? gx : gx + 0.5, y1);
    }
    for (let gy = y0; gy <= y1; gy += 40) {
      if (gy === 0 || gy >= ARENA_MAP.height) continue;
      const major = gy % 200 === 0;
      g.lineStyle(major ? 2 : 1, major ? 0x232c38 : 0x1a2029, 1).lineBetween(left, major ? gy : gy + 0.5, x1, major ? gy : gy + 0.5);
    }
    g.fillStyle(0x3a4452, 1);
    for (let gx = Math.ceil(left / 200) * 200; gx <= x1; gx += 200) {
      for (let gy = Math.ceil(top / 200) * 200; gy <= y1; gy += 200) {
        for (const [dx, dy] of [[-9, -9], [7, -9], [-9, 7], [7, 7]] as const) g.fillRect(gx + dx, gy + dy, 2, 2);
      }
    }
  }

  /** Culls to what `camera` sees, with the arena's root at the container position. */
  cullTo(camera: Phaser.Cameras.Scene2D.Camera): void {
    // A margin covers the camera moving after this frame's update (follow, shake).
    const m = 80;
    const v = camera.worldView;
    const w = v.width || camera.width;
    const h = v.height || camera.height;
    this.cull(v.x - this.root.x - m, v.y - this.root.y - m, w + 2 * m, h + 2 * m);
  }
}
