/**
 * The HUD on a small screen (a phone held sideways): where each piece goes so that none
 * covers the player's own tank (the centre of the view, where the camera keeps it) or the
 * touch sticks (the two bottom corners). Pure: sizes in, boxes out, so it is tested without
 * a browser. Hud and Chat place their objects at these boxes when `isCompact` holds.
 */
import { TOUCH_STICK_INSET, TOUCH_STICK_RADIUS } from "../../shared/client-constants.ts";

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface CompactLayout {
  badge: Box;
  hpText: Box;
  hp: Box;
  score: Box;
  clock: Box;
  roundInfo: Box;
  ping: Box;
  /** the minimap, drawn at `minimapScale` of its full size. */
  minimap: Box;
  minimapScale: number;
  /** kill feed lines, right-aligned to `feed.x + feed.w`. */
  feed: Box;
  feedLines: number;
  /** chat lines, top-down from `chat.y`, wrapped to `chat.w`. */
  chat: Box;
  chatLines: number;
  chatButton: Box;
  /** the idle sticks' centres and the zones a thumb works in. */
  moveStick: { x: number; y: number };
  aimStick: { x: number; y: number };
  stickZones: [Box, Box];
  /** the tank's keep-clear box around the centre of the view. */
  self: Box;
}

const M = 10;
/** px. Heights of one line of the HUD's text styles (12 to 14 px fonts, 3 px stroke). */
const SMALL_LINE = 16;
const LINE = 18;
const CLOCK_H = 34;
/** px. "ROUND 12 · FIRST TO 15" in the 12 px HUD font. */
const ROUND_INFO_W = 150;
/** px. The minimap texture's full size (arenaArt's MINIMAP_SIZE) and its compact size. */
const MINIMAP_FULL = 168;
const MINIMAP_COMPACT = 84;
/** px. Half the side of the box kept clear around the tank: its body, barrel and hit flash. */
const SELF_CLEAR = 56;

/** Small screens get the compact HUD: any touch play, or a window too small for the
 *  desktop HUD (whose HP gauge, chat and minimap fill the bottom corners). */
export function isCompact(width: number, height: number, touch: boolean): boolean {
  return touch || width < 720 || height < 480;
}

/** The phone hint: the screen is taller than wide. */
export function isPortrait(width: number, height: number): boolean {
  return height > width;
}

export function compactLayout(width: number, height: number): CompactLayout {
  const cx = width / 2;
  const cy = height / 2;
  const stickSide = TOUCH_STICK_INSET + TOUCH_STICK_RADIUS;
  const stickZones: [Box, Box] = [
    { x: 0, y: height - stickSide, w: stickSide, h: stickSide },
    { x: width - stickSide, y: height - stickSide, w: stickSide, h: stickSide },
  ];
  // The side columns may use what the centre column (round line, tank) leaves, at most 240.
  const side = Math.max(80, Math.min(240, cx - ROUND_INFO_W / 2 - M * 2));
  const badge = { x: M, y: M, w: side, h: SMALL_LINE };
  const hpText = { x: M, y: badge.y + badge.h + 2, w: side, h: SMALL_LINE };
  const hp = { x: M, y: hpText.y + hpText.h + 2, w: Math.min(side, 150), h: 8 };
  const score = { x: M, y: hp.y + hp.h + 4, w: side, h: SMALL_LINE };
  const chatLines = 3;
  const chat = { x: M, y: score.y + score.h + 6, w: side, h: chatLines * LINE };
  const clock = { x: cx - 45, y: M - 4, w: 90, h: CLOCK_H };
  const roundInfo = { x: cx - ROUND_INFO_W / 2, y: clock.y + clock.h, w: ROUND_INFO_W, h: SMALL_LINE };
  const ping = { x: width - M - side, y: M, w: side, h: SMALL_LINE };
  const minimap = { x: width - M - MINIMAP_COMPACT, y: ping.y + ping.h + 4, w: MINIMAP_COMPACT, h: MINIMAP_COMPACT };
  const feedLines = 3;
  // Between the round line (centre) and the minimap: as wide as the right column allows.
  const feedX = Math.max(roundInfo.x + roundInfo.w + M, width - M - side);
  const feed = { x: feedX, y: minimap.y, w: minimap.x - M - feedX, h: feedLines * LINE };
  const chatButton = { x: cx - 36, y: height - M - 36, w: 72, h: 36 };
  return {
    badge,
    hpText,
    hp,
    score,
    clock,
    roundInfo,
    ping,
    minimap,
    minimapScale: MINIMAP_COMPACT / MINIMAP_FULL,
    feed,
    feedLines,
    chat,
    chatLines,
    chatButton,
    moveStick: { x: TOUCH_STICK_INSET, y: height - TOUCH_STICK_INSET },
    aimStick: { x: width - TOUCH_STICK_INSET, y: height - TOUCH_STICK_INSET },
    stickZones,
    self: { x: cx - SELF_CLEAR, y: cy - SELF_CLEAR, w: SELF_CLEAR * 2, h: SELF_CLEAR * 2 },
  };
}

export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Every HUD box of a layout, named, for checks. */
export function hudBoxes(l: CompactLayout): [string, Box][] {
  return [
    ["badge", l.badge],
    ["hpText", l.hpText],
    ["hp", l.hp],
    ["score", l.score],
    ["clock", l.clock],
    ["roundInfo", l.roundInfo],
    ["ping", l.ping],
    ["minimap", l.minimap],
    ["feed", l.feed],
    ["chat", l.chat],
    ["chatButton", l.chatButton],
  ];
}
