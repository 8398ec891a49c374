/**
 * Bot brains: pure functions of what a bot sees (BotView) plus their own seeded memory.
 * No clocks, no sockets, no platform randomness (a seeded Rng only): a strategy is driven once per fixed step, so
 * "time" is counted in steps, and the same seed and views give the same commands.
 * The SDK bots (bots/bot.ts), the JSON baseline in bench/ and the server's seat-filling
 * bots (server/game/bot-crew.ts) all drive these.
 */
import { PLAYER_SPEED, PLAYER_WEAPON, TELEPORT_DIST, TICK_HZ, WEAPONS } from "../constants.ts";
import { ARENA_MAP } from "../maps/arena.ts";
import type { ArenaMap, Point } from "../maps/types.ts";
import { NAV_CELL, lineOfSight, steer } from "../nav.ts";
import { createRng, nextFloat, nextInt, type Rng } from "../random.ts";
import type { Command } from "../sim/types.ts";
import { PathWalker, WAYPOINT_REACHED, dist } from "./path-walker.ts";
import type { BotView, SeenPlayer, Strategy, StrategyName } from "./view.ts";

export type { BotView, SeenPlayer, Strategy, StrategyName } from "./view.ts";

export const STRATEGY_NAMES: readonly StrategyName[] = ["fight", "wander", "idle", "chaos"];

export function isStrategyName(s: string): s is StrategyName {
  return (STRATEGY_NAMES as readonly string[]).includes(s);
}

// ── Tuning ──────────────────────────────────────────────────────────────────
/** rad. Largest aim error of a fight bot (±3°): a human wobble. At 400 u it shifts the shot
 *  by up to 21 u, about one player radius, so long shots miss now and then. */
export const AIM_ERROR_RAD = (3 * Math.PI) / 180;
/** steps. A bot's aim error is held this long (0.4 s at 30 Hz) before a new one is drawn:
 *  a hand drifts, it does not shake 30 times a second. A per-step jitter would also
 *  change every fighting bot's synced aim every tick, which no human does, and inflate
 *  the bandwidth the bench measures. */
export const AIM_ERROR_HOLD_STEPS = 12;
/** The weapon bots carry, as everyone does. */
const GUN = WEAPONS[PLAYER_WEAPON];
/** world units. Fire only inside this: 80% of the weapon's range, so shots arrive. */
export const FIRE_RANGE = GUN.range * 0.8;
/** world units. Enemies farther than a shot flies are not looked for (it saves rays). */
const SIGHT_RANGE = GUN.range;
/** world units. A fight bot closes in to about this distance, then strafes. */
const PREFERRED_RANGE = 320;
/** s. A strafing fight bot keeps one sideways direction for between these two times. */
const STRAFE_MIN_SECONDS = 0.6;
const STRAFE_MAX_SECONDS = 1.6;
/** 0..1. Weight of the newest sample in a target's velocity estimate (per step). */
const VELOCITY_SMOOTHING = 0.5;
/** world units. Wander goals closer than this are not worth walking to. */
const WANDER_MIN_TRIP = 200;

const NO_INPUT: Command = { moveX: 0, moveY: 0, aim: 0, fire: false };
const TAU = Math.PI * 2;

export interface StrategyOptions {
  /** Hz: the server's advertised step rate; strategies count time in steps. */
  tickHz?: number;
  map?: ArenaMap;
  /** how well a fight bot shoots; by default the headless bots' own (AIM_ERROR_RAD, no delay). */
  skill?: FightSkill;
}

/** A fight bot's handicap: the two knobs the server's skill levels turn. */
export interface FightSkill {
  /** rad. Largest aim error, drawn anew every AIM_ERROR_HOLD_STEPS. */
  aimErrorRad: number;
  /** s. A newly seen target is aimed at at once but fired on only after this long. */
  reactionSeconds: number;
}

/** The headless bots' skill, unchanged since before the server had bots of its own. */
export const HEADLESS_SKILL: FightSkill = { aimErrorRad: AIM_ERROR_RAD, reactionSeconds: 0 };

/** The one entry point for bots and the bench: a fresh brain per bot. */
export function createStrategy(name: StrategyName, seed: number, options: StrategyOptions = {}): Strategy {
  const tickHz = options.tickHz ?? TICK_HZ;
  const map = options.map ?? ARENA_MAP;
  switch (name) {
    case "idle":
      return { decide: () => ({ ...NO_INPUT }) };
    case "chaos":
      return new ChaosStrategy(seed);
    case "wander":
      return new WanderStrategy(seed, tickHz, map);
    case "fight":
      return new FightStrategy(seed, tickHz, map, options.skill ?? HEADLESS_SKILL);
  }
}

/**
 * Bot `index`'s seed in a run seeded `runSeed`, spread over the uint32 range so neighbouring
 * bots do not correlate. The bench's JSON bots use it too, so bot i plays alike on both sides.
 */
export function botSeed(runSeed: number, index: number): number {
  return (Math.imul(runSeed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(index + 1, 0xc2b2ae35)) >>> 0;
}

/** Radians in [0, 2π), the range the wire's angle field carries. */
export function wrapAngle(a: number): number {
  const w = a % TAU;
  return w < 0 ? w + TAU : w;
}

/** Random legal inputs, one per step: any axis in {-1, 0, 1}, any aim, fire or not. */
class ChaosStrategy implements Strategy {
  private readonly rng: Rng;
  constructor(seed: number) {
    this.rng = createRng(seed);
  }
  decide(): Command {
    return {
      moveX: nextInt(this.rng, 3) - 1,
      moveY: nextInt(this.rng, 3) - 1,
      aim: nextFloat(this.rng) * TAU,
      fire: nextFloat(this.rng) < 0.5,
    };
  }
}

/** Roams between random reachable points, facing where it walks. */
class WanderStrategy implements Strategy {
  private readonly rng: Rng;
  private readonly walker: PathWalker;
  private readonly map: ArenaMap;
  private goal: Point | null = null;
  private aim = 0;

  constructor(seed: number, tickHz: number, map: ArenaMap) {
    this.rng = createRng(seed);
    this.walker = new PathWalker(tickHz, map);
    this.map = map;
  }

  decide(view: BotView): Command {
    const self = view.self;
    if (!self || self.hp <= 0 || view.phase !== "playing") {
      this.goal = null;
      return { ...NO_INPUT, aim: this.aim };
    }
    if (!this.goal || dist(self, this.goal) < WAYPOINT_REACHED) this.goal = this.pickGoal(self);
    const move = this.walker.toward(self, this.goal);
    if (!move) {
      this.goal = null; // unreachable after all: pick another next step
      return { ...NO_INPUT, aim: this.aim };
    }
    if (move.moveX !== 0 || move.moveY !== 0) this.aim = wrapAngle(Math.atan2(move.moveY, move.moveX));
    return { ...move, aim: this.aim, fire: false };
  }

  /** A random open nav cell a fair walk away (open cells are reachable on this map). */
  private pickGoal(self: Point): Point {
    const grid = this.walker.grid;
    for (let attempt = 0; attempt < 50; attempt++) {
      const cell = nextInt(this.rng, grid.open.length);
      if (!grid.open[cell]) continue;
      const p = { x: ((cell % grid.cols) + 0.5) * NAV_CELL, y: (Math.floor(cell / grid.cols) + 0.5) * NAV_CELL };
      if (dist(self, p) >= WANDER_MIN_TRIP) return p;
    }
    return this.map.spawns[nextInt(this.rng, this.map.spawns.length)]!;
  }
}

interface Track {
  x: number;
  y: number;
  /** u per step, smoothed. */
  vx: number;
  vy: number;
  /** the update that last saw this player; older tracks belong to players who left. */
  stamp: number;
}

/**
 * Hunts: the nearest visible, living, unshielded enemy is the target; with none in sight
 * it walks the nav grid toward the nearest living enemy. It leads moving targets by their
 * smoothed velocity, aims with a seeded error of up to its skill's aimErrorRad, fires inside
 * FIRE_RANGE with a clear line once the target has been in sight its reaction time, and
 * strafes at close range.
 */
class FightStrategy implements Strategy {
  private readonly rng: Rng;
  private readonly walker: PathWalker;
  private readonly map: ArenaMap;
  private readonly tickHz: number;
  /** last seen position and velocity (u/step) per player id, for leading. */
  private readonly tracks = new Map<string, Track>();
  private stamp = 0;
  private strafe = 1;
  private strafeLeft = 0;
  private aim = 0;
  private aimError = 0;
  private aimErrorSteps = 0;
  private readonly aimErrorRad: number;
  private readonly reactionSteps: number;
  /** who is in the sights, and for how many steps in a row. */
  private sightedId = "";
  private sightedSteps = 0;

  constructor(seed: number, tickHz: number, map: ArenaMap, skill: FightSkill) {
    this.rng = createRng(seed);
    this.walker = new PathWalker(tickHz, map);
    this.map = map;
    this.tickHz = tickHz;
    this.aimErrorRad = skill.aimErrorRad;
    this.reactionSteps = Math.round(skill.reactionSeconds * tickHz);
  }

  decide(view: BotView): Command {
    this.updateTracks(view.players);
    const self = view.self;
    if (!self || self.hp <= 0 || view.phase !== "playing") {
      this.walker.reset();
      return { ...NO_INPUT, aim: this.aim };
    }
    const target = this.visibleTarget(view, self);
    this.sighted(target);
    if (target) return this.engage(self, target);
    const prey = nearest(self, view.players, (p) => p.id !== self.id && p.hp > 0);
    if (!prey) return { ...NO_INPUT, aim: this.aim };
    const move = this.walker.toward(self, prey) ?? { moveX: 0, moveY: 0 };
    if (move.moveX !== 0 || move.moveY !== 0) this.aim = wrapAngle(Math.atan2(move.moveY, move.moveX));
    return { ...move, aim: this.aim, fire: false };
  }

  private visibleTarget(view: BotView, self: SeenPlayer): SeenPlayer | null {
    // Nearest first, so the costly test (a ray against every wall) stops at the first hit.
    const candidates: { p: SeenPlayer; d: number }[] = [];
    for (const p of view.players) {
      if (p.id === self.id || p.hp <= 0 || p.shielded) continue;
      const d = dist(self, p);
      if (d <= SIGHT_RANGE) candidates.push({ p, d });
    }
    candidates.sort((a, b) => a.d - b.d);
    for (const c of candidates) if (lineOfSight(this.map, self, c.p)) return c.p;
    return null;
  }

  /** Counts the steps the same target has stayed in sight; a new one starts over. */
  private sighted(target: SeenPlayer | null): void {
    const id = target?.id ?? "";
    if (id !== this.sightedId) {
      this.sightedId = id;
      this.sightedSteps = 0;
    }
    if (target) this.sightedSteps++;
  }

  private engage(self: SeenPlayer, target: SeenPlayer): Command {
    const d = dist(self, target);
    if (this.aimErrorSteps-- <= 0) {
      this.aimError = (nextFloat(this.rng) * 2 - 1) * this.aimErrorRad;
      this.aimErrorSteps = AIM_ERROR_HOLD_STEPS;
    }
    this.aim = aimAt(self, target, this.tracks.get(target.id), this.aimError, this.tickHz);
    let move: { moveX: number; moveY: number };
    if (d > PREFERRED_RANGE) {
      // In sight means a clear ray: walk straight at it (walls slide us past corners),
      // which saves a path search per re-plan for every fighting bot.
      move = steer(self, target);
    } else {
      // Sideways to the line of fire, flipping now and then: harder to hit than standing.
      if (--this.strafeLeft <= 0) {
        this.strafe = nextFloat(this.rng) < 0.5 ? -1 : 1;
        const span = STRAFE_MIN_SECONDS + nextFloat(this.rng) * (STRAFE_MAX_SECONDS - STRAFE_MIN_SECONDS);
        this.strafeLeft = Math.round(span * this.tickHz);
      }
      const side = Math.atan2(target.y - self.y, target.x - self.x) + (this.strafe * Math.PI) / 2;
      move = steer(self, { x: self.x + Math.cos(side), y: self.y + Math.sin(side) });
    }
    // The step a target first shows counts as 1, so a reaction of 0 fires at once.
    return { ...move, aim: this.aim, fire: d < FIRE_RANGE && this.sightedSteps > this.reactionSteps };
  }

  /** Updated in place: this runs every step for every bot, so it allocates nothing. */
  private updateTracks(players: readonly SeenPlayer[]): void {
    const stamp = ++this.stamp;
    for (const p of players) {
      const t = this.tracks.get(p.id);
      if (!t) {
        this.tracks.set(p.id, { x: p.x, y: p.y, vx: 0, vy: 0, stamp });
        continue;
      }
      // A jump longer than a sprint is a respawn teleport, not speed: start over.
      if (Math.hypot(p.x - t.x, p.y - t.y) < TELEPORT_DIST) {
        t.vx += VELOCITY_SMOOTHING * (p.x - t.x - t.vx);
        t.vy += VELOCITY_SMOOTHING * (p.y - t.y - t.vy);
      } else {
        t.vx = 0;
        t.vy = 0;
      }
      t.x = p.x;
      t.y = p.y;
      t.stamp = stamp;
    }
    if (this.tracks.size > players.length) for (const [id, t] of this.tracks) if (t.stamp !== stamp) this.tracks.delete(id);
  }
}

function nearest(self: Point, players: readonly SeenPlayer[], ok: (p: SeenPlayer) => boolean): SeenPlayer | null {
  let best: SeenPlayer | null = null;
  let bestD = Infinity;
  for (const p of players) {
    if (!ok(p)) continue;
    const d = dist(self, p);
    if (d < bestD) {
      best = p;
      bestD = d;
    }
  }
  return best;
}

/**
 * The aim at `target`, led by its velocity (u per step, capped at running speed) over the
 * shot's flight time, plus the bot's current aim error (rad).
 */
export function aimAt(self: Point, target: Point, track: { vx: number; vy: number } | undefined, errorRad: number, tickHz = TICK_HZ): number {
  let tx = target.x;
  let ty = target.y;
  if (track) {
    const maxStep = PLAYER_SPEED / tickHz;
    const speed = Math.hypot(track.vx, track.vy);
    const k = speed > maxStep ? maxStep / speed : 1;
    const flightSteps = (dist(self, target) / GUN.speed) * tickHz;
    tx += track.vx * k * flightSteps;
    ty += track.vy * k * flightSteps;
  }
  return wrapAngle(Math.atan2(ty - self.y, tx - self.x) + errorRad);
}
