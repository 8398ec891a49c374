/**
 * Tuning numbers only the browser client reads: the touch sticks and the sounds and player
 * settings. Units and reasons as in constants.ts, which holds everything the server, the
 * sim or several sides share.
 */
import { PLAYER_WEAPON, WEAPONS } from "./constants.ts";

// --- Touch controls (phone twin-stick) -----------------------------------------------------
// Screen sizes are game pixels (pointer coordinates), CSS pixels while the canvas is not scaled.
/** px. How far a thumb drags a stick from where it landed for full deflection: about a
 *  centimetre on a phone (~60 CSS px), a short slide that never leaves the thumb's reach. */
export const TOUCH_STICK_RADIUS = 60;
/** fraction of TOUCH_STICK_RADIUS. A resting thumb wobbles a few pixels: drags shorter than
 *  this (12 px) neither move nor re-aim, so a touch that lands does not twitch the tank. */
export const TOUCH_DEAD_ZONE = 0.2;
/** fraction of TOUCH_STICK_RADIUS (after sensitivity). The aim stick fires while dragged at
 *  least this far; a shorter drag only turns, so a player can line up a shot before firing. */
export const TOUCH_FIRE_THRESHOLD = 0.5;
/** Touch aim sensitivity: a factor on the aim stick's deflection (2 = half the thumb travel
 *  to aim and fire, 0.5 = twice). Default 1; a settings panel picks within [MIN, MAX]. At MIN
 *  a full-radius drag still reaches TOUCH_FIRE_THRESHOLD, so every setting can fire. */
export const TOUCH_AIM_SENSITIVITY_DEFAULT = 1;
export const TOUCH_AIM_SENSITIVITY_MIN = 0.5;
export const TOUCH_AIM_SENSITIVITY_MAX = 2;
/** px. Idle sticks are drawn this far from their bottom corner (centre of the ring). */
export const TOUCH_STICK_INSET = 96;
/** u. In touch mode the crosshair sits this far ahead of the tank along the aim (there is no
 *  mouse to put it under): well inside the smallest view, short of the 900 u shot range. */
export const TOUCH_AIM_MARK_DIST = 150;

// ── Sound and player settings (client) ──────────────────────────────────────
/** world units. Sounds from farther than this are not played: the weapon's full range
 *  (900), so every shot that can reach you is heard and the far side of the arena is not. */
export const HEARING_RANGE = WEAPONS[PLAYER_WEAPON].range;
/** 0..1. Stereo spread of a sound at HEARING_RANGE to one side: never fully one speaker,
 *  so a shot far left still reaches a listener with one earbud in the right ear. */
export const MAX_PAN = 0.8;
/** hp. At or below this the low-health warning beats: two more hits of the standard
 *  weapon kill you, a useful moment to break off. */
export const LOW_HP_WARNING = 2 * WEAPONS[PLAYER_WEAPON].damage;
/** ms. The low-health beat repeats this often while it lasts: a slow heartbeat that is
 *  noticed without drowning the shots. */
export const LOW_HP_REPEAT_MS = 900;
/** ms. A remote shot's sound waits until it is drawn (others are drawn in the past), but
 *  never longer than this: a late patch must not play a shot seconds afterwards. */
export const REMOTE_SHOT_MAX_DELAY_MS = 400;
/** ms. A remote shot already this far into its flight when it arrives (e.g. in the state
 *  on joining) is not announced: its sound would come after it was seen. */
export const REMOTE_SHOT_STALE_MS = 150;
/** 0..1. Master volume on first visit: loud enough to notice, room to turn it up. */
export const DEFAULT_VOLUME = 0.7;
/** x. UI scale bounds (menu, panels, HUD): 0.75 fits a small phone, 1.5 a TV across a room. */
export const UI_SCALE_MIN = 0.75;
export const UI_SCALE_MAX = 1.5;
// Touch aim sensitivity: TOUCH_AIM_SENSITIVITY_* in the touch controls' section above.
/** sounds. At most this many cues play at once; more are dropped (counted): a 16-player
 *  firefight stays a few dozen WebAudio nodes, and the newest shots are lost in the din anyway. */
export const MAX_VOICES = 24;
