/**
 * Where each HUD panel sits on a window, in screen pixels. The Hud and Chat scenes place
 * their objects by these boxes, and the camera keeps the own tank out of them
 * (tankSpot.ts), so the two can never disagree. Pure.
 */
import { MINIMAP_SIZE } from "./arenaArt.ts";
import type { Rect } from "./viewFit.ts";

/** Registry key: true while the player has collapsed the chat to its newest line. */
export const CHAT_COLLAPSED_KEY = "chatCollapsed";

/** px. Gap between the HUD and the window's edges. */
export const HUD_MARGIN = 16;
/** px. The HP gauge. */
export const HP_W = 240;
export const HP_H = 14;
/** Kill feed rows, and the px each takes. */
export const FEED_LINES = 5;
export const FEED_ROW = 20;
/** Chat rows shown while expanded (collapsed: the newest one only), and px per row. */
export const CHAT_ROWS = 6;
export const CHAT_ROW = 18;
/** px. The widest the chat column and the kill feed get; narrow windows get a share. */
const CHAT_MAX_W = 440;
const FEED_MAX_W = 300;
/** px. The chat block's bottom sits this far above the window's bottom (clears the HP gauge). */
export const CHAT_BOTTOM = 96;

export interface HudLayout {
  /** top-left: room badge. */
  badge: Rect;
  /** top-centre: round clock and round line. */
  clock: Rect;
  /** top-right: ping line and kill feed. */
  feed: Rect;
  /** bottom-left: kills/deaths, HP text and gauge. */
  vitals: Rect;
  /** bottom-left, above the vitals: chat lines (the input field opens over it). */
  chat: Rect;
  /** bottom-right: minimap. */
  minimap: Rect;
}

export interface HudOptions {
  /** chat collapsed to its newest line. */
  chatCollapsed: boolean;
}

export function hudLayout(width: number, height: number, opts: HudOptions): HudLayout {
  const M = HUD_MARGIN;
  const chatW = Math.min(CHAT_MAX_W, Math.round(width * 0.36));
  const feedW = Math.min(FEED_MAX_W, Math.round(width * 0.3));
  const chatH = (opts.chatCollapsed ? 1 : CHAT_ROWS) * CHAT_ROW;
  return {
    badge: { x: M, y: M, w: 220, h: 18 },
    clock: { x: width / 2 - 100, y: M - 4, w: 200, h: 56 },
    feed: { x: width - M - feedW, y: M, w: feedW, h: 22 + FEED_LINES * FEED_ROW },
    vitals: { x: M - 4, y: height - M - HP_H - 48, w: HP_W + 8, h: HP_H + 52 },
    chat: { x: M, y: height - CHAT_BOTTOM - chatH, w: chatW, h: chatH },
    minimap: { x: width - M - MINIMAP_SIZE, y: height - M - MINIMAP_SIZE, w: MINIMAP_SIZE, h: MINIMAP_SIZE },
  };
}

/** Every box of a layout, for the tank-clearance math. */
export function hudRects(l: HudLayout): Rect[] {
  return [l.badge, l.clock, l.feed, l.vitals, l.chat, l.minimap];
}
