/**
 * Every texture Tickfire draws, generated in code on canvases (no files, no fonts, no
 * network). Canvas 2D keeps gradients and blur, and a CanvasTexture works in both the
 * WebGL and the Canvas renderer; colours are baked in, never tinted.
 * The Preload scene runs TEXTURE_STEPS one by one to drive its loading bar.
 */
import type * as Phaser from "phaser";
import { PLAYER_RADIUS } from "../../shared/constants.ts";
import { ARENA_STEPS, ARENA_TEX } from "./arenaArt.ts";
import { canvasTexture, type Ctx } from "./canvasTexture.ts";
import { PLAYER_COLORS, UI, playerColor, playerMark, type PlayerMark } from "./palette.ts";
import { drawMark } from "./playerMarks.ts";

export const Tex = {
  ...ARENA_TEX,
  player: (i: number) => `player-${i}`,
  bolt: (i: number) => `bolt-${i}`,
  shield: "shield",
  selfMark: "self-mark",
  spark: "spark",
  ring: "ring",
  flash: "flash",
  crosshair: "crosshair",
  wreck: "wreck",
  hpBg: "hp-bg",
  hpFill: "hp-fill",
  hpLow: "hp-fill-low",
} as const;

/** Player texture size: the body plus the gun and the ring's glow. */
export const PLAYER_TEX = 80;
/** Bolt texture: a streak whose head sits at BOLT_HEAD_X. */
export const BOLT_W = 56;
export const BOLT_H = 16;
export const BOLT_HEAD_X = 46;
export { MINIMAP_SIZE } from "./arenaArt.ts";

export interface TextureStep {
  label: string;
  run: (scene: Phaser.Scene) => void;
}

// ── actors ───────────────────────────────────────────────────────────────────

function drawPlayer(ctx: Ctx, color: string, mark: PlayerMark): void {
  const c = PLAYER_TEX / 2;
  const r = PLAYER_RADIUS;
  // contact shadow
  ctx.fillStyle = "rgba(0,0,0,0.45)";
  ctx.beginPath();
  ctx.arc(c + 3, c + 4, r + 2, 0, Math.PI * 2);
  ctx.fill();
  // gun barrel (points along +x, the sim's angle 0)
  ctx.fillStyle = "#2c333e";
  ctx.strokeStyle = "#0b0d11";
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.roundRect(c + r - 6, c - 5, 21, 10, 3);
  ctx.fill();
  ctx.stroke();
  ctx.fillStyle = color;
  ctx.fillRect(c + r + 9, c - 3, 5, 6);
  // body
  const body = ctx.createRadialGradient(c - 5, c - 6, 2, c, c, r);
  body.addColorStop(0, "#2f3744");
  body.addColorStop(1, "#0d1015");
  ctx.fillStyle = body;
  ctx.beginPath();
  ctx.arc(c, c, r - 1, 0, Math.PI * 2);
  ctx.fill();
  // coloured ring with glow
  ctx.save();
  ctx.shadowColor = color;
  ctx.shadowBlur = 10;
  ctx.strokeStyle = color;
  ctx.lineWidth = 4;
  ctx.beginPath();
  ctx.arc(c, c, r - 2, 0, Math.PI * 2);
  ctx.stroke();
  ctx.restore();
  // inner detail: facing chevron and core light
  ctx.strokeStyle = "rgba(255,255,255,0.22)";
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(c + 1, c - 7);
  ctx.lineTo(c + 9, c);
  ctx.lineTo(c + 1, c + 7);
  ctx.stroke();
  // core: the player's own shape, so players differ by more than colour
  drawMark(ctx, mark, c - 4, c, 6.5, color);
}

function drawBolt(ctx: Ctx, color: string): void {
  const cy = BOLT_H / 2;
  const tail = ctx.createLinearGradient(0, 0, BOLT_HEAD_X, 0);
  tail.addColorStop(0, "rgba(0,0,0,0)");
  tail.addColorStop(1, color);
  ctx.globalAlpha = 0.7;
  ctx.fillStyle = tail;
  ctx.beginPath();
  ctx.moveTo(0, cy);
  ctx.lineTo(BOLT_HEAD_X, cy - 4);
  ctx.lineTo(BOLT_HEAD_X, cy + 4);
  ctx.closePath();
  ctx.fill();
  ctx.globalAlpha = 1;
  const head = ctx.createRadialGradient(BOLT_HEAD_X, cy, 0, BOLT_HEAD_X, cy, 8);
  head.addColorStop(0, "#ffffff");
  head.addColorStop(0.35, color);
  head.addColorStop(1, "rgba(0,0,0,0)");
  ctx.fillStyle = head;
  ctx.fillRect(BOLT_HEAD_X - 8, 0, 16, BOLT_H);
}

function radial(ctx: Ctx, size: number, stops: [number, string][]): void {
  const c = size / 2;
  const g = ctx.createRadialGradient(c, c, 0, c, c, c);
  for (const [at, col] of stops) g.addColorStop(at, col);
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, size, size);
}

function drawFlash(ctx: Ctx): void {
  radial(ctx, 40, [
    [0, "rgba(255,255,255,1)"],
    [0.25, "rgba(255,220,140,0.9)"],
    [1, "rgba(255,140,40,0)"],
  ]);
  ctx.fillStyle = "rgba(255,245,220,0.9)";
  ctx.beginPath();
  for (let i = 0; i < 8; i++) {
    const a = (i / 8) * Math.PI * 2;
    const rad = i % 2 === 0 ? 19 : 7;
    ctx.lineTo(20 + Math.cos(a) * rad, 20 + Math.sin(a) * rad);
  }
  ctx.closePath();
  ctx.fill();
}

function drawCrosshair(ctx: Ctx): void {
  const c = 20;
  ctx.strokeStyle = "rgba(0,0,0,0.6)";
  ctx.lineWidth = 4;
  ctx.beginPath();
  ctx.arc(c, c, 10, 0, Math.PI * 2);
  ctx.stroke();
  ctx.strokeStyle = UI.accent;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.arc(c, c, 10, 0, Math.PI * 2);
  ctx.stroke();
  for (const [dx, dy] of [[1, 0], [-1, 0], [0, 1], [0, -1]] as const) {
    ctx.beginPath();
    ctx.moveTo(c + dx * 6, c + dy * 6);
    ctx.lineTo(c + dx * 17, c + dy * 17);
    ctx.stroke();
  }
  ctx.fillStyle = "#fff";
  ctx.fillRect(c - 1, c - 1, 2, 2);
}

function drawWreck(ctx: Ctx): void {
  radial(ctx, 56, [
    [0, "rgba(0,0,0,0.7)"],
    [0.6, "rgba(20,12,8,0.45)"],
    [1, "rgba(0,0,0,0)"],
  ]);
  ctx.strokeStyle = "rgba(255,90,60,0.7)";
  ctx.lineWidth = 4;
  ctx.lineCap = "round";
  ctx.beginPath();
  ctx.moveTo(18, 18);
  ctx.lineTo(38, 38);
  ctx.moveTo(38, 18);
  ctx.lineTo(18, 38);
  ctx.stroke();
}

function bar(ctx: Ctx, w: number, h: number, top: string, bottom: string): void {
  const g = ctx.createLinearGradient(0, 0, 0, h);
  g.addColorStop(0, top);
  g.addColorStop(1, bottom);
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, w, h);
}

// ── the steps ────────────────────────────────────────────────────────────────

export const TEXTURE_STEPS: readonly TextureStep[] = [
  ...ARENA_STEPS,
  ...PLAYER_COLORS.map((_, i) => ({
    label: `pilot livery ${i + 1}/${PLAYER_COLORS.length}`,
    run: (s: Phaser.Scene) => canvasTexture(s, Tex.player(i), PLAYER_TEX, PLAYER_TEX, (ctx) => drawPlayer(ctx, playerColor(i), playerMark(i))),
  })),
  ...PLAYER_COLORS.map((_, i) => ({
    label: `tracer rounds ${i + 1}/${PLAYER_COLORS.length}`,
    run: (s: Phaser.Scene) => canvasTexture(s, Tex.bolt(i), BOLT_W, BOLT_H, (ctx) => drawBolt(ctx, playerColor(i))),
  })),
  {
    label: "shields",
    run: (s) =>
      canvasTexture(s, Tex.shield, 64, 64, (ctx) => {
        radial(ctx, 64, [
          [0, "rgba(53,208,255,0)"],
          [0.7, "rgba(53,208,255,0.10)"],
          [0.9, "rgba(120,230,255,0.55)"],
          [1, "rgba(53,208,255,0)"],
        ]);
      }),
  },
  {
    label: "markers",
    run: (s) => {
      canvasTexture(s, Tex.selfMark, 88, 88, (ctx) => {
        ctx.strokeStyle = "rgba(255,176,46,0.55)";
        ctx.lineWidth = 2;
        ctx.setLineDash([10, 8]);
        ctx.beginPath();
        ctx.arc(44, 44, 34, 0, Math.PI * 2);
        ctx.stroke();
      });
      canvasTexture(s, Tex.crosshair, 40, 40, drawCrosshair);
      canvasTexture(s, Tex.wreck, 56, 56, drawWreck);
    },
  },
  {
    label: "effects",
    run: (s) => {
      canvasTexture(s, Tex.spark, 32, 32, (ctx) =>
        radial(ctx, 32, [
          [0, "rgba(255,255,255,1)"],
          [0.3, "rgba(255,214,120,0.85)"],
          [1, "rgba(255,120,40,0)"],
        ]),
      );
      canvasTexture(s, Tex.ring, 64, 64, (ctx) => {
        ctx.strokeStyle = "rgba(255,255,255,0.9)";
        ctx.lineWidth = 3;
        ctx.beginPath();
        ctx.arc(32, 32, 28, 0, Math.PI * 2);
        ctx.stroke();
      });
      canvasTexture(s, Tex.flash, 40, 40, drawFlash);
    },
  },
  {
    label: "gauges",
    run: (s) => {
      canvasTexture(s, Tex.hpBg, 44, 7, (ctx) => {
        ctx.fillStyle = "rgba(0,0,0,0.75)";
        ctx.fillRect(0, 0, 44, 7);
        ctx.strokeStyle = "rgba(255,255,255,0.18)";
        ctx.strokeRect(0.5, 0.5, 43, 6);
      });
      canvasTexture(s, Tex.hpFill, 42, 5, (ctx) => bar(ctx, 42, 5, "#7dffb0", "#1fae5c"));
      canvasTexture(s, Tex.hpLow, 42, 5, (ctx) => bar(ctx, 42, 5, "#ff9a7a", "#d2321e"));
    },
  },
];

/** Redraws the player and bolt textures in place in the palette now in use (after the
 *  palette setting changed): every sprite showing them changes with them. */
export function repaintPlayerTextures(textures: Phaser.Textures.TextureManager): void {
  PLAYER_COLORS.forEach((_, i) => {
    repaint(textures, Tex.player(i), (ctx) => drawPlayer(ctx, playerColor(i), playerMark(i)));
    repaint(textures, Tex.bolt(i), (ctx) => drawBolt(ctx, playerColor(i)));
  });
}

function repaint(textures: Phaser.Textures.TextureManager, key: string, draw: (ctx: Ctx) => void): void {
  const tex = textures.exists(key) ? textures.get(key) : null;
  if (!tex || !("getContext" in tex)) return; // not drawn yet: Preload will draw it in the new palette
  const canvasTex = tex as Phaser.Textures.CanvasTexture;
  canvasTex.clear();
  draw(canvasTex.getContext());
  canvasTex.refresh();
}
