/** Draws a player's core shape (palette.ts PLAYER_MARKS) on a canvas: filled in the
 *  player's colour with a dark outline, so it reads on the dark body in any palette. */
import type { Ctx } from "./canvasTexture.ts";
import type { PlayerMark } from "./palette.ts";

/** A regular polygon (or star when `inner` is set) of `points` corners around (x, y). */
function polygon(ctx: Ctx, x: number, y: number, r: number, points: number, turn: number, inner?: number): void {
  const n = inner ? points * 2 : points;
  ctx.beginPath();
  for (let i = 0; i < n; i++) {
    const rr = inner && i % 2 === 1 ? inner : r;
    const a = turn + (i / n) * Math.PI * 2;
    if (i === 0) ctx.moveTo(x + Math.cos(a) * rr, y + Math.sin(a) * rr);
    else ctx.lineTo(x + Math.cos(a) * rr, y + Math.sin(a) * rr);
  }
  ctx.closePath();
}

/** The shape `mark` of radius `r` at (x, y). */
export function drawMark(ctx: Ctx, mark: PlayerMark, x: number, y: number, r: number, color: string): void {
  ctx.save();
  ctx.fillStyle = color;
  ctx.strokeStyle = "#05070a";
  ctx.lineWidth = 1.5;
  ctx.lineJoin = "round";
  switch (mark) {
    case "dot":
      ctx.beginPath();
      ctx.arc(x, y, r * 0.8, 0, Math.PI * 2);
      break;
    case "triangle":
      polygon(ctx, x, y, r, 3, 0);
      break;
    case "square":
      polygon(ctx, x, y, r, 4, Math.PI / 4);
      break;
    case "diamond":
      ctx.beginPath();
      ctx.moveTo(x + r, y);
      ctx.lineTo(x, y + r * 0.65);
      ctx.lineTo(x - r, y);
      ctx.lineTo(x, y - r * 0.65);
      ctx.closePath();
      break;
    case "plus": {
      // one outline (not two rectangles), so the stroke draws no lines across the middle
      const w = r * 0.38;
      const pts = [[w, -r], [w, -w], [r, -w], [r, w], [w, w], [w, r], [-w, r], [-w, w], [-r, w], [-r, -w], [-w, -w], [-w, -r]] as const;
      ctx.beginPath();
      pts.forEach(([px, py], i) => (i === 0 ? ctx.moveTo(x + px, y + py) : ctx.lineTo(x + px, y + py)));
      ctx.closePath();
      break;
    }
    case "ring":
      ctx.beginPath();
      ctx.arc(x, y, r * 0.85, 0, Math.PI * 2);
      ctx.moveTo(x + r * 0.4, y);
      ctx.arc(x, y, r * 0.4, 0, Math.PI * 2, true);
      break;
    case "bars": {
      // two bars across the aim, like a pause sign turned sideways
      const h = r * 0.32;
      ctx.beginPath();
      ctx.rect(x - r, y - r * 0.8, r * 2, h * 1.6);
      ctx.rect(x - r, y + r * 0.8 - h * 1.6, r * 2, h * 1.6);
      break;
    }
    case "star":
      polygon(ctx, x, y, r * 1.1, 5, -Math.PI / 2, r * 0.45);
      break;
  }
  ctx.fill("nonzero");
  ctx.stroke();
  ctx.restore();
}
