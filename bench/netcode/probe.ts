/**
 * A probe: a fight bot that plays the way the browser renders. Every frame it runs the
 * client's netcode (ProbeSession), then draws (reads) every player where the client would
 * draw it, flies its own shots against those rendered positions, and decides its next
 * commands from what it just drew. Alongside it keeps the client's measurements
 * (corrections, underruns) and a log of shots and server verdicts for the hit matcher.
 */
import { Callbacks, type Client, type Room } from "@colyseus/sdk";
import { NO_SLOT, ROOM_NAME, TELEPORT_DIST, TICK_HZ } from "../../shared/constants.ts";
import { ARENA_MAP } from "../../shared/maps/arena.ts";
import { Msg, type HitOut, type KillOut } from "../../shared/messages.ts";
import { ArenaState, type PlayerState } from "../../shared/schema.ts";
import { DEFAULT_MATCH, matchHits, type ServerEvent, type ServerSpawn, type ShotRecord } from "./hit-matcher.ts";
import { ProbeSession, type Reconcile } from "./probe-session.ts";
import { emptyStats, type ProbeStats, type UnderrunCause } from "./probe-stats.ts";
import { RenderedShots, type RenderedTarget } from "./rendered-hits.ts";
import { createStrategy } from "../../shared/brains/strategies.ts";
import type { BotView, SeenPlayer, Strategy } from "../../shared/brains/view.ts";

/** world units below which a reconcile agreed with the prediction (CorrectionLog's rule). */
const AGREED = 1e-6;
/** records kept per probe per kind: 4 shots/s and 30 patches/s for a few minutes at most. */
const MAX_RECORDS = 4000;
/** frames of underrun headroom kept per probe: five minutes at 60 Hz. */
const MAX_FRAMES = 18_000;
/** patch intervals: a gap longer than this between two patches is a gap, not cadence noise. */
const GAP_FACTOR = 1.5;
/** ms between samples of RTT, delay and jitter. */
const SAMPLE_EVERY_MS = 1000;

function push<T>(list: T[], item: T): void {
  if (list.length < MAX_RECORDS) list.push(item);
}

export class Probe {
  readonly name: string;
  private readonly strategy: Strategy;
  private session: ProbeSession | null = null;
  private readonly shots = new RenderedShots(ARENA_MAP);
  private readonly records = new Map<number, ShotRecord>();
  private readonly hits: ServerEvent[] = [];
  private readonly kills: ServerEvent[] = [];
  private readonly spawns: ServerSpawn[] = [];
  private nextShotId = 1;
  private frameNow = 0;
  private lastView: BotView = { selfId: "", self: null, players: [], phase: "playing" };
  // measurement window (client ms); counting is off outside it
  private measuring = false;
  private stats = emptyStats();
  private window = { from: 0, to: 0 };
  private framesAtStart = 0;
  private underrunsAtStart = 0;
  private nextSampleAt = 0;
  // underrun episodes: open while frames keep underrunning, judged by the patch that ends it
  private inUnderrun = false;
  private episodeOpen = false;
  private lastArrival = 0;
  private lastPatchServerMs = 0;
  /** own hp at the previous reconcile: a reconcile that raises it from 0 is a respawn. */
  private hpAtLastReconcile = 0;

  constructor(index: number, seed: number) {
    this.name = `probe-${index}`;
    this.strategy = createStrategy("fight", seed, { tickHz: TICK_HZ });
  }

  /** Joins by quick play, or room `roomId`; resolves with the room's id. */
  async join(client: Client, roomId: string | null): Promise<string> {
    const options = { name: this.name };
    const room = (roomId ? await client.joinById(roomId, options, ArenaState) : await client.joinOrCreate(ROOM_NAME, options, ArenaState)) as Room<unknown, ArenaState>;
    const session = new ProbeSession(room);
    this.session = session;
    session.onReconcile = (r) => this.recordReconcile(r);
    session.onFired = (x, y, aim) => this.recordShot(x, y, aim);
    room.onMessage(Msg.chat, () => {});
    room.onMessage(Msg.round, () => {});
    room.onMessage("*", () => {});
    room.onMessage(Msg.hit, (h: HitOut) => {
      if (h.shooter === this.mySlot()) push(this.hits, { at: performance.now(), id: this.idOfSlot(h.target) });
    });
    room.onMessage(Msg.kill, (k: KillOut) => push(this.kills, { at: performance.now(), id: this.idOfSlot(k.victim), by: this.idOfSlot(k.killer) }));
    room.onStateChange(() => this.patchArrived());
    // Own projectiles as the server fired them: tells a real shot from a mispredicted one.
    Callbacks.get(room).onAdd("projectiles", (p) => {
      if (p.ownerSlot === this.mySlot()) push(this.spawns, { at: performance.now(), x0: p.x0, y0: p.y0, angle: p.angle });
    });
    return room.roomId;
  }

  get joined(): boolean {
    return this.session !== null;
  }

  private get room(): Room<unknown, ArenaState> | null {
    return this.session?.room ?? null;
  }

  private mySlot(): number {
    return this.room?.state.players?.get(this.room.sessionId)?.slot ?? NO_SLOT;
  }

  private idOfSlot(slot: number): string {
    let found = "";
    this.room?.state.players?.forEach((p, id) => {
      if (p.slot === slot) found = id;
    });
    return found;
  }

  /** One rendered frame at `now` (ms, shared by every probe, like a rAF timestamp). */
  frame(now: number): void {
    const session = this.session;
    if (!session) return;
    this.frameNow = now;
    const underrunsBefore = session.underruns.underruns;
    // Commands come from the frame drawn last: a player reacts to what is on screen.
    session.frame(now, () => this.strategy.decide(this.lastView));
    this.trackUnderrun(session.underruns.underruns > underrunsBefore);
    if (this.measuring && session.room.clock.lastServerTime() > 0 && this.stats.headroomMs.length < MAX_FRAMES) {
      this.stats.headroomMs.push(session.room.clock.lastServerTime() - session.remoteRenderTime());
    }
    const view = this.draw(session);
    const targets: RenderedTarget[] = [];
    for (const p of view.players) if (p.id !== view.selfId && p.hp > 0 && !p.shielded) targets.push(p);
    for (const end of this.shots.frame(now, targets)) {
      const r = this.records.get(end.shotId);
      if (!r) continue;
      r.screenTarget = end.targetId;
      r.screenAt = end.endedAt;
      r.margin = end.margin;
      r.nearestId = end.nearestId;
      r.nearestGap = end.nearestGap;
    }
    this.lastView = view;
    if (this.measuring && now >= this.nextSampleAt) {
      this.nextSampleAt = now + SAMPLE_EVERY_MS;
      const clock = session.room.clock;
      this.stats.rttMs.push(clock.smoothedRtt());
      this.stats.delayMs.push(session.interp.delayMs);
      this.stats.jitterMs.push(clock.jitter());
    }
  }

  /** Every player as the client draws it this frame (GameSession.view: interpolated hp for
   *  the others, the state's shield). */
  private draw(session: ProbeSession): BotView {
    const players: SeenPlayer[] = [];
    let self: SeenPlayer | null = null;
    session.room.state.players?.forEach((p: PlayerState, id: string) => {
      const at = session.rendered(p, id === session.sessionId);
      const seen = { id, x: at.x, y: at.y, hp: at.hp, shielded: p.shielded };
      players.push(seen);
      if (id === session.sessionId) self = seen;
    });
    return { selfId: session.sessionId, self, players, phase: session.room.state.phase ?? "playing" };
  }

  private recordShot(x: number, y: number, aim: number): void {
    const session = this.session!;
    const shotId = this.nextShotId++;
    if (!this.shots.fire(shotId, this.frameNow, x, y, aim)) return;
    const rtt = session.room.clock.smoothedRtt();
    // The server rewinds by (its clock at the step) - (the stamped render time); the stamp
    // is serverNow - delay - rtt/2, and the input needs about rtt/2 more to be applied.
    const claimedLagMs = session.interp.delayMs + rtt;
    if (this.records.size < MAX_RECORDS) this.records.set(shotId, { shotId, firedAt: this.frameNow, x0: x, y0: y, angle: aim, rttMs: rtt, claimedLagMs });
  }

  private recordReconcile(r: Reconcile): void {
    const hp = this.room?.state.players?.get(this.room.sessionId)?.hp ?? 0;
    const respawned = this.hpAtLastReconcile <= 0 && hp > 0;
    this.hpAtLastReconcile = hp;
    if (!this.measuring) return;
    const s = this.stats;
    s.reconciles++;
    if (r.xy <= AGREED) {
      if (r.sdkMag >= 1) s.hpOnly++;
      return;
    }
    // A respawn near where the player died is shorter than TELEPORT_DIST but no misprediction.
    if (r.xy >= TELEPORT_DIST || respawned) {
      s.teleports++;
      return;
    }
    push(hp <= 0 ? s.deadCorrections : s.corrections, r.xy);
  }

  /** An underrun episode starts on its first underrunning frame and ends at the next patch. */
  private trackUnderrun(under: boolean): void {
    if (under && !this.inUnderrun && this.measuring) this.episodeOpen = true;
    this.inUnderrun = under;
  }

  private patchArrived(): void {
    const session = this.session;
    if (!session) return;
    const now = performance.now();
    const serverMs = session.room.clock.lastServerTime();
    if (this.episodeOpen) {
      this.episodeOpen = false;
      const interval = session.room.clock.patchInterval?.() || 1000 / TICK_HZ;
      let cause: UnderrunCause = "renderClock";
      if (serverMs - this.lastPatchServerMs > GAP_FACTOR * interval) cause = "serverGap";
      else if (now - this.lastArrival > GAP_FACTOR * interval) cause = "lateArrival";
      this.stats.episodes[cause]++;
    }
    this.lastArrival = now;
    if (serverMs !== this.lastPatchServerMs) this.lastPatchServerMs = serverMs;
  }

  beginWindow(now: number): void {
    this.measuring = true;
    this.window.from = now;
    this.nextSampleAt = now;
    const u = this.session?.underruns;
    this.framesAtStart = u?.frames ?? 0;
    this.underrunsAtStart = u?.underruns ?? 0;
  }

  endWindow(now: number): void {
    this.measuring = false;
    this.window.to = now;
    const u = this.session?.underruns;
    this.stats.frames = (u?.frames ?? 0) - this.framesAtStart;
    this.stats.underruns = (u?.underruns ?? 0) - this.underrunsAtStart;
    if (this.episodeOpen) this.stats.episodes.unended++;
    this.episodeOpen = false;
  }

  /** The probe's stats, with its shots matched against the server's verdicts. */
  finish(maxRewindMs: number): ProbeStats {
    const s = this.stats;
    s.probes = this.session ? 1 : 0;
    const selfId = this.session?.sessionId;
    s.hits = matchHits([...this.records.values()], this.hits, this.kills, this.spawns, { ...DEFAULT_MATCH, maxRewindMs, selfId, window: this.window });
    return s;
  }

  /** Leaves the room, or gives up after `timeoutMs`. */
  async leave(timeoutMs: number): Promise<void> {
    const session = this.session;
    if (!session) return;
    session.close();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([session.room.leave(true), new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
    } catch {
      // a socket that is already gone has nothing to leave
    } finally {
      clearTimeout(timer);
    }
  }
}
