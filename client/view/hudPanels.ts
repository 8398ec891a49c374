/**
 * Where the HUD's panels are on screen, for the camera to keep the own tank out of them:
 * the small-screen layout (compactLayout.ts) on touch or a small window, the desktop one
 * (hudLayout.ts) otherwise, laid out in HUD units and zoomed by the UI scale as the Hud
 * scene's camera zooms them. Pure.
 */
import { compactLayout, isCompact, type CompactLayout } from "./compactLayout.ts";
import { hudLayout, hudRects } from "./hudLayout.ts";
import type { Rect } from "./viewFit.ts";

export interface HudPanelOptions {
  /** the settings' UI scale: the Hud camera's zoom. */
  uiScale: number;
  touch: boolean;
  chatCollapsed: boolean;
}

/** The compact layout's panels (the sticks' zones are not panels: the tank may sit above a thumb). */
export function compactRects(l: CompactLayout): Rect[] {
  return [l.badge, l.hpText, l.hp, l.score, l.clock, l.roundInfo, l.ping, l.minimap, l.feed, l.chat, l.chatButton];
}

/** The HUD's panels in canvas px for a canvas of `width` x `height` px. */
export function hudPanelsOnScreen(width: number, height: number, o: HudPanelOptions): Rect[] {
  const z = o.uiScale > 0 ? o.uiScale : 1;
  const w = width / z;
  const h = height / z;
  const rects = isCompact(w, h, o.touch) ? compactRects(compactLayout(w, h)) : hudRects(hudLayout(w, h, { chatCollapsed: o.chatCollapsed }));
  return rects.map((r) => ({ x: r.x * z, y: r.y * z, w: r.w * z, h: r.h * z }));
}
