/**
 * Matches what a probe's screen showed against what the server decided, after the run:
 * each shot whose rendered flight touched target T (bench/netcode/rendered-hits.ts) is paired with
 * at most one `hit` message naming this shooter and T, and each hit message pairs with at
 * most one shot. Shots the screen showed as hits that the server never counted get a cause;
 * hit messages no screen hit explains are counted the other way round.
 *
 * Pure: every record carries the client time (ms) it happened at; nothing reads a clock.
 */

/** One shot as the probe saw it, from the fire frame to the frame that ended it. */
export interface ShotRecord {
  shotId: number;
  /** client ms of the fire frame. */
  firedAt: number;
  /** predicted origin and aim at the click (GameSession's "fired" event). */
  x0: number;
  y0: number;
  angle: number;
  /** the SDK's smoothed round trip at the click, ms. */
  rttMs: number;
  /** ms: how far in the past the server will rewind for this shot, estimated at the click:
   *  the render delta the input is stamped with (interp delay + rtt/2) plus the trip up. */
  claimedLagMs: number;
  /** on screen: the first target touched, or null (wall or range); undefined while flying. */
  screenTarget?: string | null;
  /** client ms of the frame that ended it on screen. */
  screenAt?: number;
  /** world units the line passed inside the hit circle (see ShotOutcome.margin). */
  margin?: number;
  /** a screen miss: the target it passed closest to, and its gap outside the hit circle. */
  nearestId?: string;
  nearestGap?: number;
}

/** Something the server told this probe, stamped with its client arrival time. */
export interface ServerEvent {
  at: number;
  /** hit: the target; kill: the victim. */
  id: string;
  /** kill: the killer ("" when unknown). */
  by?: string;
}

/** One of this probe's projectiles as it appeared in the synced state. */
export interface ServerSpawn {
  at: number;
  x0: number;
  y0: number;
  angle: number;
}

export interface MatchOptions {
  /** ms a hit message may arrive before the screen showed the hit (the server's copy of the
   *  shot can land a step or two earlier, and at 0 ms latency its message can beat the frame). */
  earlyMs: number;
  /** ms after screen time + rtt a hit message may still arrive. */
  lateMs: number;
  /** ms after the click a server projectile may appear and still be this shot. */
  spawnWindowMs: number;
  /** rad: a server projectile's angle must be this close to the click's aim (the wire's
   *  16-bit angle is ~1e-4 rad coarse). */
  angleTolerance: number;
  /** ms, the server's lag-compensation bound; 0 = compensation off. */
  maxRewindMs: number;
  /** the shooter's own id: its kill messages say it was dead when a shot never fired. */
  selfId?: string;
  /** client ms: only shots fired, spawns seen and hit messages received inside this span
   *  are counted; everything is still matched, so a shot fired just before the span
   *  keeps its own hit message. Absent = everything counts. */
  window?: { from: number; to: number };
}

export const DEFAULT_MATCH: Omit<MatchOptions, "maxRewindMs"> = { earlyMs: 150, lateMs: 300, spawnWindowMs: 1000, angleTolerance: 0.01 };

export const MISS_CAUSES = ["shooterDied", "phantom", "otherOrigin", "overkill", "targetDied", "hitOther", "noCompensation", "beyondBound", "mismatch"] as const;
export type MissCause = (typeof MISS_CAUSES)[number];

/** world units. Prediction replays the server bit for bit, so a predicted muzzle farther than
 *  this from the server's is not rounding: the server fired from somewhere else. */
export const ORIGIN_AGREES = 1;
/** A projectile's pairing cost: world units of origin error plus this many per radian of aim. */
const UNITS_PER_RAD = 1000;

/** world units. A screen hit whose line passed less than this inside the circle is a graze. */
export const GRAZE_MARGIN = 4;
/** world units. A screen miss that passed this close outside the circle is a near miss:
 *  1.5 steps of running, about what a step of timing between the two views moves a target. */
export const NEAR_MISS_GAP = 12;

export interface HitRegCounts {
  /** shots fired (predicted), and those the server's state never showed (phantoms). */
  fired: number;
  spawned: number;
  /** server projectiles of this shooter that no click predicted. */
  unpredictedSpawns: number;
  /** world units: largest distance between a predicted origin and the server's. */
  originErrorMax: number;
  /** shots the server fired from more than ORIGIN_AGREES away from the predicted muzzle. */
  otherOrigins: number;
  /** shots whose rendered flight touched a target: the denominator. */
  screenHits: number;
  /** of those, the ones a hit message confirmed. */
  counted: number;
  /** why the others were not counted. */
  missed: Record<MissCause, number>;
  /** screen hits that were grazes, and how many of those the server counted. */
  grazes: number;
  grazesCounted: number;
  /** hit messages no screen hit explains (the server saw a hit the screen did not). */
  serverOnly: number;
  /** of those: the screen showed that shot hitting someone else; the screen showed it
   *  passing within NEAR_MISS_GAP of that target (the gaps, world units); neither. */
  serverOnlyScreenOther: number;
  serverOnlyNearMiss: number;
  nearMissGaps: number[];
  /** all hit messages naming this shooter. */
  serverHits: number;
}

export function emptyCounts(): HitRegCounts {
  return {
    fired: 0,
    spawned: 0,
    unpredictedSpawns: 0,
    originErrorMax: 0,
    otherOrigins: 0,
    screenHits: 0,
    counted: 0,
    missed: { shooterDied: 0, phantom: 0, otherOrigin: 0, overkill: 0, targetDied: 0, hitOther: 0, noCompensation: 0, beyondBound: 0, mismatch: 0 },
    grazes: 0,
    grazesCounted: 0,
    serverOnly: 0,
    serverOnlyScreenOther: 0,
    serverOnlyNearMiss: 0,
    nearMissGaps: [],
    serverHits: 0,
  };
}

export function addCounts(a: HitRegCounts, b: HitRegCounts): HitRegCounts {
  const missed = { ...a.missed };
  for (const c of MISS_CAUSES) missed[c] += b.missed[c];
  return {
    fired: a.fired + b.fired,
    spawned: a.spawned + b.spawned,
    unpredictedSpawns: a.unpredictedSpawns + b.unpredictedSpawns,
    originErrorMax: Math.max(a.originErrorMax, b.originErrorMax),
    otherOrigins: a.otherOrigins + b.otherOrigins,
    screenHits: a.screenHits + b.screenHits,
    counted: a.counted + b.counted,
    missed,
    grazes: a.grazes + b.grazes,
    grazesCounted: a.grazesCounted + b.grazesCounted,
    serverOnly: a.serverOnly + b.serverOnly,
    serverOnlyScreenOther: a.serverOnlyScreenOther + b.serverOnlyScreenOther,
    serverOnlyNearMiss: a.serverOnlyNearMiss + b.serverOnlyNearMiss,
    nearMissGaps: a.nearMissGaps.concat(b.nearMissGaps),
    serverHits: a.serverHits + b.serverHits,
  };
}

function inWindow(at: number, o: MatchOptions): boolean {
  return !o.window || (at >= o.window.from && at <= o.window.to);
}

function angleGap(a: number, b: number): number {
  const d = Math.abs(a - b) % (2 * Math.PI);
  return Math.min(d, 2 * Math.PI - d);
}

/**
 * Pairs server projectiles with clicks: each spawn, in arrival order, takes the unpaired
 * click before it (within the window, aim within the tolerance) whose origin and aim agree
 * best; a bot holds its aim for a while, so aim alone cannot tell two clicks apart. Returns,
 * per shotId, the distance between the predicted origin and the server's, and the spawns no
 * click explains.
 */
export function matchSpawns(shots: readonly ShotRecord[], spawns: readonly ServerSpawn[], o: MatchOptions): { originError: Map<number, number>; unpredicted: number } {
  const originError = new Map<number, number>();
  let unpredicted = 0;
  for (const sp of spawns) {
    let best: ShotRecord | null = null;
    let bestCost = Infinity;
    for (const s of shots) {
      if (originError.has(s.shotId) || s.firedAt > sp.at || sp.at - s.firedAt > o.spawnWindowMs) continue;
      const gap = angleGap(s.angle, sp.angle);
      if (gap > o.angleTolerance) continue;
      const cost = Math.hypot(sp.x0 - s.x0, sp.y0 - s.y0) + gap * UNITS_PER_RAD;
      if (cost < bestCost) {
        best = s;
        bestCost = cost;
      }
    }
    if (best) originError.set(best.shotId, Math.hypot(sp.x0 - best.x0, sp.y0 - best.y0));
    else if (inWindow(sp.at, o)) unpredicted++;
  }
  return { originError, unpredicted };
}

/** ms: the longest flight (range / speed) a server hit can come after its click, plus margin. */
const LONGEST_FLIGHT_MS = 1000;

/** The arrival window in which a hit message can be this screen hit's verdict. */
export function hitWindow(s: ShotRecord, o: MatchOptions): { from: number; to: number } {
  const screenAt = s.screenAt ?? s.firedAt;
  return { from: Math.max(s.firedAt, screenAt - o.earlyMs), to: screenAt + s.rttMs + o.lateMs };
}

/**
 * The whole verdict for one probe's run. Hit messages are taken in arrival order; each
 * pairs with the screen hit on the same target whose window holds it and ends first
 * (earliest deadline first, so one early pairing cannot starve a later one).
 */
export function matchHits(
  shots: readonly ShotRecord[],
  hits: readonly ServerEvent[],
  kills: readonly ServerEvent[],
  spawns: readonly ServerSpawn[],
  o: MatchOptions,
): HitRegCounts {
  const c = emptyCounts();
  const { originError, unpredicted } = matchSpawns(shots, spawns, o);
  const counts = (s: ShotRecord) => inWindow(s.firedAt, o);
  for (const s of shots) {
    if (!counts(s)) continue;
    c.fired++;
    const e = originError.get(s.shotId);
    if (e === undefined) continue;
    c.spawned++;
    c.originErrorMax = Math.max(c.originErrorMax, e);
    if (e > ORIGIN_AGREES) c.otherOrigins++;
  }
  c.unpredictedSpawns = unpredicted;
  c.serverHits = hits.filter((h) => inWindow(h.at, o)).length;

  const screenHits = shots.filter((s) => typeof s.screenTarget === "string");
  const paired = new Set<number>();
  const unexplained: ServerEvent[] = [];
  for (const h of [...hits].sort((a, b) => a.at - b.at)) {
    let best: ShotRecord | null = null;
    let bestEnd = Infinity;
    for (const s of screenHits) {
      if (paired.has(s.shotId) || s.screenTarget !== h.id) continue;
      const w = hitWindow(s, o);
      if (h.at >= w.from && h.at <= w.to && w.to < bestEnd) {
        best = s;
        bestEnd = w.to;
      }
    }
    if (best) paired.add(best.shotId);
    else unexplained.push(h);
  }
  c.serverOnly = unexplained.filter((h) => inWindow(h.at, o)).length;

  // Causes, most specific first. An unexplained hit message on another target explains at
  // most one miss (the server's copy of that shot struck someone else first).
  const usedOther = new Set<ServerEvent>();
  for (const s of screenHits) {
    if (!counts(s)) continue;
    c.screenHits++;
    const graze = (s.margin ?? 0) < GRAZE_MARGIN;
    if (graze) c.grazes++;
    if (paired.has(s.shotId)) {
      c.counted++;
      if (graze) c.grazesCounted++;
      continue;
    }
    const w = hitWindow(s, o);
    const other = unexplained.find((h) => !usedOther.has(h) && h.id !== s.screenTarget && h.at >= s.firedAt && h.at <= w.to);
    let cause: MissCause;
    const killOf = (id: string | null | undefined) => kills.find((k) => k.id === id && k.at >= s.firedAt && k.at <= w.to);
    const spawnError = originError.get(s.shotId);
    const targetKill = killOf(s.screenTarget);
    if (spawnError === undefined && o.selfId !== undefined && killOf(o.selfId)) cause = "shooterDied";
    else if (spawnError !== undefined && spawnError > ORIGIN_AGREES) cause = "otherOrigin";
    else if (targetKill && o.selfId !== undefined && targetKill.by === o.selfId) cause = "overkill";
    else if (targetKill) cause = "targetDied";
    else if (other) {
      usedOther.add(other);
      cause = "hitOther";
    } else if (spawnError === undefined) cause = "phantom";
    else if (o.maxRewindMs <= 0) cause = "noCompensation";
    else if (s.claimedLagMs > o.maxRewindMs) cause = "beyondBound";
    else cause = "mismatch";
    c.missed[cause]++;
  }
  explainServerOnly(c, shots.filter((s) => !paired.has(s.shotId)), unexplained, o);
  return c;
}

/**
 * What the screen showed for each hit message no screen hit explains: that shot hitting
 * someone else, or passing near that target; each shot explains at most one message.
 */
function explainServerOnly(c: HitRegCounts, unpaired: readonly ShotRecord[], unexplained: readonly ServerEvent[], o: MatchOptions): void {
  const used = new Set<number>();
  const candidate = (h: ServerEvent, s: ShotRecord) => !used.has(s.shotId) && s.firedAt <= h.at && h.at - s.firedAt <= LONGEST_FLIGHT_MS + s.rttMs + o.lateMs;
  for (const h of unexplained) {
    if (!inWindow(h.at, o)) continue;
    const other = unpaired.find((s) => candidate(h, s) && typeof s.screenTarget === "string" && s.screenTarget !== h.id);
    const near = other ? undefined : unpaired.find((s) => candidate(h, s) && s.screenTarget === null && s.nearestId === h.id && (s.nearestGap ?? Infinity) <= NEAR_MISS_GAP);
    if (other) {
      used.add(other.shotId);
      c.serverOnlyScreenOther++;
    } else if (near) {
      used.add(near.shotId);
      c.serverOnlyNearMiss++;
      c.nearMissGaps.push(near.nearestGap ?? Infinity);
    }
  }
}
