/**
 * window.__tickfire: the stable surface the end-to-end tests read. Refreshed once per
 * game step from the running scenes and the current session.
 */
import * as Phaser from "phaser";
import type { SoundStats } from "./audio/player.ts";
import type { GameSession, NetGraphData } from "./net/net.ts";
import type { Settings } from "./settings.ts";

export interface TickfirePlayer {
  id: string;
  name: string;
  x: number;
  y: number;
  hp: number;
  kills: number;
  deaths: number;
  /** a server bot filling an empty seat. */
  bot: boolean;
}

export interface TickfireDebug {
  scene: string;
  renderer: "webgl" | "canvas";
  sessionId: string;
  roomId: string;
  /** Local player: x/y are the predicted (drawn) position; the rest raw server values. */
  self: { x: number; y: number; hp: number; kills: number; deaths: number } | null;
  /** Every player, raw values from the latest received state. */
  players: TickfirePlayer[];
  /** The room's round as the Hud shows it (null outside a game). */
  round: { phase: "playing" | "results"; round: number; timeLeft: number } | null;
  /** Last 50 chat lines as plain text, e.g. "[all] bob: hi". */
  chat: string[];
  lastError: string;
  fps: number;
  /** the SDK's smoothed round-trip estimate, ms (0 outside a game). */
  rttMs: number;
  /** The last rendered Game frames, oldest first: whether a step of this frame sent a move
   *  command, and where the local player's sprite was drawn. */
  frames: FrameRecord[];
  /** The net graph (F3): whether it is on screen, its last figures and the lines it shows. */
  netGraph: NetGraphSurface;
  /** Shots the local player fired (predicted, live steps only) since the page loaded. */
  shotsFired: number;
  /** Touch controls as the touch scene last drew them. */
  touch: TouchSurface;
  /** Sounds: the AudioContext's state and cues started / silenced by kind (null before Boot). */
  sound: SoundStats | null;
  /** The player's settings as in use now (null before Boot). */
  settings: Readonly<Settings> | null;
  /** The Game camera: what it shows and whom it follows (null outside a game). */
  view: ViewSurface | null;
  /** The death panel as drawn (null while alive). */
  death: DeathSurface | null;
  /** Kill feed lines on screen, newest last. */
  killFeed: string[];
  /** Canvas CSS pixels of a world point through the Game camera ({-1,-1} outside a game). */
  worldToScreen(x: number, y: number): { x: number; y: number };
}

export interface FrameRecord {
  /** performance.now() when the frame was drawn. */
  t: number;
  /** a fixed step sampled in this frame carried a move command. */
  moveSent: boolean;
  selfX: number;
  selfY: number;
  /** the local player in the latest received state, for comparison with the drawn one. */
  serverX: number;
  serverY: number;
}

export interface NetGraphSurface {
  visible: boolean;
  /** null outside a game, until the Hud's first refresh. */
  data: NetGraphData | null;
  lines: string[];
}

export interface StickSurface {
  active: boolean;
  /** where the thumb landed and where it is now, game px. */
  baseX: number;
  baseY: number;
  x: number;
  y: number;
}

export interface TouchSurface {
  /** the twin sticks are the controls (a touch landed, or the device is touch-first). */
  mode: boolean;
  /** the "turn your phone" hint covers the screen. */
  portraitHint: boolean;
  /** the HUD uses its small-screen layout. */
  compact: boolean;
  move: StickSurface;
  aim: StickSurface;
  firing: boolean;
  aimSensitivity: number;
}

export interface ViewSurface {
  /** the visible world rectangle (camera worldView), world units. */
  world: { x: number; y: number; width: number; height: number };
  zoom: number;
  /** the game view's box on the canvas, canvas px (the rest is letter-box). */
  viewport: { x: number; y: number; width: number; height: number };
  /** sessionId the camera follows: our own, or the killer's while we are dead. */
  following: string;
  /** the chat is collapsed to its newest line (C). */
  chatCollapsed: boolean;
}

export interface DeathSurface {
  lines: string[];
  killerId: string;
  killerName: string;
  /** damage of the killing hit, null if unknown. */
  damage: number | null;
  respawnInMs: number;
}

/** Frames kept for the tests: about two seconds at 60 fps. */
const FRAMES_KEPT = 120;

declare global {
  interface Window {
    __tickfire?: TickfireDebug;
  }
}

/** The scenes that own the screen, in the order they take over. Overlays are not listed. */
const MAIN_SCENES = ["Boot", "Preload", "Menu", "Game"];

const surface: TickfireDebug = {
  scene: "",
  renderer: "canvas",
  sessionId: "",
  roomId: "",
  self: null,
  players: [],
  round: null,
  chat: [],
  lastError: "",
  fps: 0,
  rttMs: 0,
  frames: [],
  netGraph: { visible: false, data: null, lines: [] },
  shotsFired: 0,
  touch: {
    mode: false,
    portraitHint: false,
    compact: false,
    move: { active: false, baseX: 0, baseY: 0, x: 0, y: 0 },
    aim: { active: false, baseX: 0, baseY: 0, x: 0, y: 0 },
    firing: false,
    aimSensitivity: 1,
  },
  sound: null,
  settings: null,
  view: null,
  death: null,
  killFeed: [],
  worldToScreen: () => ({ x: -1, y: -1 }),
};

let session: GameSession | null = null;
let stopCountingShots: (() => void) | null = null;

export function setDebugSession(s: GameSession | null): void {
  session = s;
  stopCountingShots?.();
  stopCountingShots = s ? s.events.on("fired", () => void surface.shotsFired++) : null;
  if (!s) {
    surface.sessionId = "";
    surface.roomId = "";
    surface.self = null;
    surface.players = [];
    surface.round = null;
    surface.netGraph = { visible: false, data: null, lines: [] };
    surface.view = null;
    surface.death = null;
    surface.killFeed = [];
  }
}

/** Called by the Game scene each frame with its camera. */
export function reportView(view: ViewSurface | null): void {
  surface.view = view;
}

/** Called by the Hud each frame with the death panel and kill feed as drawn. */
export function reportDeathAndFeed(death: DeathSurface | null, killFeed: string[]): void {
  surface.death = death;
  surface.killFeed = killFeed;
}

/** Called by the Hud each frame with the net graph as drawn. */
export function reportNetGraph(visible: boolean, data: NetGraphData | null, lines: string[]): void {
  const g = surface.netGraph;
  g.visible = visible;
  g.data = data;
  g.lines = lines;
}

/** Called by the Game scene once per rendered frame. */
export function recordFrame(moveSent: boolean, selfX: number, selfY: number): void {
  const frames = surface.frames;
  const server = session?.serverPosition({ x: NaN, y: NaN }) ?? { x: NaN, y: NaN };
  frames.push({ t: performance.now(), moveSent, selfX, selfY, serverX: server.x, serverY: server.y });
  if (frames.length > FRAMES_KEPT) frames.shift();
}

/** Called by the touch scene each frame. */
export function reportTouch(t: TouchSurface): void {
  surface.touch = t;
}

/** The live sound counters and settings, published once at boot (both update in place
 *  or through this on change). */
export function reportSound(stats: SoundStats): void {
  surface.sound = stats;
}

export function reportSettings(s: Readonly<Settings>): void {
  surface.settings = s;
}

export function reportError(message: string): void {
  surface.lastError = message;
}

export function installDebugSurface(game: Phaser.Game): void {
  window.__tickfire = surface;
  surface.worldToScreen = (x, y) => {
    const scene = game.scene.getScene("Game");
    if (!scene?.sys.isActive()) return { x: -1, y: -1 };
    const cam = scene.cameras.main;
    const scaleX = game.canvas.clientWidth / game.scale.width;
    const scaleY = game.canvas.clientHeight / game.scale.height;
    return {
      x: (cam.x + (x - cam.worldView.x) * cam.zoom) * scaleX,
      y: (cam.y + (y - cam.worldView.y) * cam.zoom) * scaleY,
    };
  };
  surface.renderer = game.renderer.type === Phaser.WEBGL ? "webgl" : "canvas";
  game.events.on(Phaser.Core.Events.POST_STEP, () => refresh(game));
}

function refresh(game: Phaser.Game): void {
  const active = game.scene.getScenes(true).map((s) => s.scene.key);
  surface.scene = MAIN_SCENES.filter((k) => active.includes(k)).pop() ?? active[0] ?? "";
  surface.fps = Math.round(game.loop.actualFps);
  const s = session;
  if (!s || !s.isOpen) return;
  surface.sessionId = s.sessionId;
  surface.roomId = s.roomId;
  surface.players = s.rawPlayers();
  const round = s.round();
  surface.round = { phase: round.phase, round: round.round, timeLeft: round.timeLeft };
  surface.chat = s.chatLog.slice();
  surface.rttMs = s.pingMs();
  const me = s.self();
  const raw = surface.players.find((p) => p.id === s.sessionId);
  surface.self = me && raw ? { x: me.x, y: me.y, hp: raw.hp, kills: raw.kills, deaths: raw.deaths } : null;
}
