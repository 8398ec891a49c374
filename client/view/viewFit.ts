/**
 * The fixed logical view: every window shows the same VIEW_WIDTH x VIEW_HEIGHT of the
 * arena, scaled to fit and centred, with bars where the window's shape differs. Pure.
 */
import { VIEW_HEIGHT, VIEW_WIDTH } from "../../shared/constants.ts";

/** Screen rectangle (px) of the game view inside the window, and its world-to-px zoom. */
export interface ViewFit {
  x: number;
  y: number;
  width: number;
  height: number;
  zoom: number;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Fits the logical view into a `screenW` x `screenH` window (px), centred on whole pixels. */
export function fitView(screenW: number, screenH: number, viewW = VIEW_WIDTH, viewH = VIEW_HEIGHT): ViewFit {
  const w = Math.max(1, screenW);
  const h = Math.max(1, screenH);
  const zoom = Math.min(w / viewW, h / viewH);
  // Not rounded: the camera's world view is its size over its zoom, so a rounded box
  // would show a fraction of a unit more on one axis on some windows.
  const width = viewW * zoom;
  const height = viewH * zoom;
  return { x: Math.floor((w - width) / 2), y: Math.floor((h - height) / 2), width, height, zoom };
}

/** A screen rectangle (px) in view units: world units from the view's top-left corner. */
export function screenToView(r: Rect, fit: ViewFit): Rect {
  return { x: (r.x - fit.x) / fit.zoom, y: (r.y - fit.y) / fit.zoom, w: r.w / fit.zoom, h: r.h / fit.zoom };
}
