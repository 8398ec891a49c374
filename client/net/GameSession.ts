/**
 * One joined arena room, as the scenes see it: read-only views of the state, the
 * predicted self, interpolated remotes, shots in flight, and events. Scenes never touch
 * the Room; they call frame() once per rendered frame with a function that samples the
 * player's controls, and read what to draw.
 */
import { Callbacks, type Room } from "@colyseus/sdk";
import { Predict, type Reconciler } from "@colyseus/sdk/predict";
import type { Data } from "@colyseus/schema";
import { CHAT_MAX, NO_SLOT, RECONNECT_SECONDS, TELEPORT_DIST, TICK_HZ } from "../../shared/constants.ts";
import { SDK_BACKOFF, reconnectRetriesFor } from "../../shared/reconnect.ts";
import { ARENA_MAP } from "../../shared/maps/arena.ts";
import { Msg, type ChatOut, type HitOut, type KillOut, type RoundOut, type ServerStatsOut, type StandingRow } from "../../shared/messages.ts";
import { InputCommand, type ArenaState, type PlayerState } from "../../shared/schema.ts";
import { movePlayer, pullTrigger, type Command } from "../../shared/sim/index.ts";
import { formatChat, pushBounded, type ChatLine } from "./chatFormat.ts";
import { closeMessage } from "./closeReason.ts";
import { DueQueue } from "./dueQueue.ts";
import { Emitter } from "./emitter.ts";
import { CorrectionLog } from "./corrections.ts";
import { InterpDelay, UnderrunCounter, renderTarget } from "./interp.ts";
import { lerpDelays, setLerpDelay } from "./lerpDelay.ts";
import { NetGraphFeed, type NetGraphData } from "./netGraph.ts";
import { SessionShots } from "./sessionShots.ts";
import { followSeat, type SeatStore } from "./seatStore.ts";
import type { ConnectionStatus, KillView, PlayerView, RawPlayer, RoundView, SessionEvents } from "./sessionTypes.ts";
import type { EndedShot, LiveShot } from "./shots.ts";

export type { EndedShot, LiveShot } from "./shots.ts";
export type { ChatLine } from "./chatFormat.ts";
export type { ConnectionStatus, HitView, KillView, PlayerView, RoundView, SessionEvents } from "./sessionTypes.ts";

/** ms. The longest wait between two reconnection attempts after a dropped socket. */
const RECONNECT_MAX_DELAY_MS = 2000;
/** Lines of chat history kept (the debug surface reports this many). */
const CHAT_HISTORY = 50;
/** How the kill feed names a player who left before their shot landed. */
const LEFT_NAME = "someone who left";

export type JoinKind = "quick" | "private" | "code" | "list";

export class GameSession {
  readonly events = new Emitter<SessionEvents>();
  readonly sessionId: string;
  readonly roomId: string;
  readonly joinKind: JoinKind;
  /** Last 50 chat lines as plain text, oldest first. */
  readonly chatLog: string[] = [];
  /** Standings from the last "results" round message, best first. */
  standings: StandingRow[] = [];
  status: ConnectionStatus = "connected";
  /** The close code once the room closed without us leaving (closeReason.ts reads it); 0 before. */
  closeCode = 0;

  private readonly room: Room<unknown, ArenaState>;
  private readonly seats: SeatStore | null;
  private readonly predict: Predict<ArenaState>;
  private readonly input;
  private readonly shots: SessionShots;
  private me: Reconciler<PlayerState, Data<InputCommand>> | null = null;
  private selfState: PlayerState | null = null;
  private readonly trigger = { cooldown: 0 };
  /** The winner's name from the last "results" round message: shown if the winner left. */
  private resultWinnerName = "";
  private localAim = 0;
  private leaving = false;
  private closed = false;
  /** Remote interpolation: the adapted delay, and frames that ran past the newest patch. */
  readonly interp = new InterpDelay();
  readonly underruns = new UnderrunCounter();
  /** Own-player reconciles that moved the prediction. */
  readonly corrections = new CorrectionLog(TELEPORT_DIST);
  private readonly pendingKills = new DueQueue<KillView>();
  /** Patches counted and the server's step times, for the net graph (F3). */
  private readonly graph = new NetGraphFeed();
  private readonly detach: (() => void)[] = [];

  /** `seats`: where this tab keeps its seat for a rejoin after a refresh (seatStore.ts). */
  constructor(room: Room<unknown, ArenaState>, joinKind: JoinKind, seats: SeatStore | null = null) {
    this.room = room;
    this.seats = seats;
    this.joinKind = joinKind;
    this.sessionId = room.sessionId;
    this.roomId = room.roomId;
    // Remote players are drawn `interp.delayMs` in the past, between two snapshots; the
    // delay adapts (frame()) through setLerpDelay, so x/y attach with default-shaped configs.
    // The local player's x/y are overlaid by the reconciler below.
    this.predict = Predict.get(room, { mode: "lerp", delay: this.interp.delayMs, snap: TELEPORT_DIST });
    this.input = room.input({ type: InputCommand, mode: "reliable" });
    this.detach.push(
      // hp too: a remote player's health drops when the shot drawn in the same past reaches it
      this.predict.attachAll("players", { x: {}, y: {}, hp: {} }),
      // An angle needs its own attach (setLerpDelay keeps its delay in step too).
      this.predict.attachAll("players", { aim: { mode: "lerp", delay: this.interp.delayMs, angle: true } }),
    );

    const cb = Callbacks.get(room);
    this.detach.push(
      cb.onAdd("players", (player, id) => {
        if (id === this.sessionId) this.bindSelf(player);
      }),
      cb.onRemove("players", (_player, id) => {
        if (id === this.sessionId) this.unbindSelf();
      }),

    );

    this.shots = new SessionShots(room, {
      selfId: this.sessionId,
      selfSlot: () => this.selfState?.slot,
      idOfSlot: (slot) => this.idOfSlot(slot),
      onRemoteShot: (owner, x, y, bornMs) => this.events.emit("shot", owner, x, y, bornMs - this.remoteRenderTime()),
    });
    this.detach.push(() => this.shots.dispose());

    room.onMessage(Msg.chat, (m: ChatOut) => this.addChat({ kind: m.kind, text: formatChat(m) }));
    room.onMessage(Msg.kill, (k: KillOut) => {
      const killer = this.idOfSlot(k.killer);
      const victim = this.idOfSlot(k.victim);
      const kill = { killer, victim, killerName: this.nameOf(killer) || LEFT_NAME, victimName: this.nameOf(victim) || LEFT_NAME };
      // shown when the victim visibly falls: remote players are drawn interp.delayMs late
      this.pendingKills.push(performance.now() + this.interp.delayMs, kill);
    });
    room.onMessage(Msg.hit, (h: HitOut) => this.events.emit("hit", { ...h, shooter: this.idOfSlot(h.shooter), target: this.idOfSlot(h.target) }));
    room.onMessage(Msg.round, (r: RoundOut) => {
      if (r.phase === "results") {
        this.standings = r.standings;
        this.resultWinnerName = r.winnerName;
      }
      this.events.emit("round", r);
    });
    room.onMessage(Msg.serverStats, (st: ServerStatsOut) => (this.graph.serverTick = st));
    room.onStateChange(() => this.graph.patches++);

    // The SDK rejoins a dropped socket by itself, every 2 s at most, for as long as the
    // server holds the seat (it says how long in its state), then back to the menu with a
    // reason. Until the first state arrives, the default hold.
    room.reconnection.maxDelay = RECONNECT_MAX_DELAY_MS;
    const sizeRetries = (holdSeconds: number) => {
      room.reconnection.maxRetries = reconnectRetriesFor(holdSeconds, { ...SDK_BACKOFF, maxDelayMs: RECONNECT_MAX_DELAY_MS });
    };
    let hold = RECONNECT_SECONDS;
    sizeRetries(hold);
    room.onStateChange((state) => {
      if (state.reconnectSeconds !== hold) sizeRetries((hold = state.reconnectSeconds));
    });
    room.onDrop(() => this.setStatus("reconnecting"));
    // The SDK re-seeds prediction itself on a reconnect.
    room.onReconnect(() => this.setStatus("connected"));
    if (seats) followSeat(room, joinKind, seats);
    room.onLeave((code: number, reason?: string) => this.onClosed(code, reason));
  }

  get isPrivate(): boolean {
    return this.joinKind === "private" || this.joinKind === "code";
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /**
   * Once per rendered frame: sends one input per due fixed step (each sampled fresh from
   * the controls); the reconciler predicts each send. Call before reading positions.
   */
  frame(now: number, sample: () => Command): void {
    if (this.closed) return;
    this.watchInterpolation(now);
    this.announceKills(performance.now());
    this.shots.prune();
    const steps = this.predict.tick(now);
    // No socket while reconnecting: predicting unsent inputs would only be undone.
    if (this.status === "reconnecting") return;
    const d = this.input.data;
    for (let i = 0; i < steps; i++) {
      const c = sample();
      d.moveX = c.moveX;
      d.moveY = c.moveY;
      d.aim = c.aim;
      d.fire = c.fire;
      this.localAim = c.aim;
      this.input.send();
      this.predictFire(c);
    }
  }

  /** Shots in flight now, and shots that ended since the last call (for sparks). */
  updateShots(live: LiveShot[], ended: EndedShot[]): void {
    const clock = this.room.clock;
    this.shots.update(clock.serverNow(), this.remoteRenderTime(), live, ended);
  }

  /** The server time remote players (and their shots) are drawn at. Public for the bots'
   *  netcode probes, which draw exactly what this session draws. */
  remoteRenderTime(): number {
    const clock = this.room.clock;
    return renderTarget(clock.serverNow(), this.interp.delayMs, clock.smoothedRtt());
  }

  /** Adapts the interpolation delay to the measured cadence and jitter; counts underruns. */
  private watchInterpolation(now: number): void {
    const clock = this.room.clock;
    if (this.interp.adapt(now, clock.patchInterval?.() ?? 0, clock.jitter())) {
      setLerpDelay(this.predict, this.interp.delayMs, TELEPORT_DIST);
    }
    this.underruns.frame(this.remoteRenderTime(), clock.lastServerTime());
  }

  /** Fills `out` with every player: the local one predicted, the others interpolated. */
  players(out: PlayerView[]): PlayerView[] {
    out.length = 0;
    this.room.state.players?.forEach((p, id) => out.push(this.view(p, id)));
    return out;
  }

  self(): PlayerView | null {
    const p = this.room.state.players?.get(this.sessionId);
    return p ? this.view(p, this.sessionId) : null;
  }

  /** The sessionId sitting in `slot`, or "" for a player who has left. */
  private idOfSlot(slot: number): string {
    let found = "";
    if (slot === NO_SLOT) return found;
    this.room.state.players?.forEach((p, id) => {
      if (p.slot === slot) found = id;
    });
    return found;
  }

  nameOf(id: string): string {
    return this.room.state.players?.get(id)?.name ?? "";
  }

  round(): RoundView {
    const s = this.room.state;
    return {
      phase: s.phase === "results" ? "results" : "playing",
      round: s.round,
      timeLeft: s.timeLeft,
      killLimit: s.killLimit,
      winnerName: s.winner ? this.nameOf(s.winner) || this.resultWinnerName : "",
    };
  }

  /** The interpolation delays in use by every lerp profile (remote x/y/hp, aim), ms. */
  remoteDelaysMs(): number[] {
    return lerpDelays(this.predict);
  }

  /** Smoothed round-trip time to the server, ms. */
  pingMs(): number {
    return Math.round(this.room.clock.smoothedRtt());
  }

  /** The local player's position in the latest received state (not predicted); the
   *  debug surface compares it with what is drawn. */
  serverPosition(out: { x: number; y: number }): { x: number; y: number } {
    const p = this.room.state.players?.get(this.sessionId);
    out.x = p?.x ?? NaN;
    out.y = p?.y ?? NaN;
    return out;
  }

  /** Raw server values of every player (for the test/debug surface). */
  rawPlayers(): RawPlayer[] {
    const all = [...(this.room.state.players?.entries() ?? [])];
    return all.map(([id, p]) => ({ id, name: p.name, x: p.x, y: p.y, hp: p.hp, kills: p.kills, deaths: p.deaths, bot: p.bot }));
  }

  sendChat(text: string): void {
    const t = text.trim();
    if (!t || this.closed) return;
    this.room.send(Msg.chat, { text: t.slice(0, CHAT_MAX) });
  }

  /** Leaves on purpose; no "closed" event follows. */
  async leave(): Promise<void> {
    if (this.closed) return;
    this.leaving = true;
    try {
      await Promise.race([this.room.leave(true), new Promise((r) => setTimeout(r, 2000))]);
    } finally {
      this.dispose();
    }
  }

  /** How `p` (sessionId `id`) is drawn this frame. Scenes use players()/self(); the bots'
   *  netcode probes read one player at a time. */
  view(p: PlayerState, id: string): PlayerView {
    const self = id === this.sessionId;
    return {
      id,
      name: p.name,
      color: p.color,
      x: this.predict.value(p, "x"),
      y: this.predict.value(p, "y"),
      aim: self ? this.localAim : this.predict.value(p, "aim"),
      hp: self ? p.hp : Math.round(this.predict.value(p, "hp")),
      kills: p.kills,
      deaths: p.deaths,
      shielded: p.shielded,
      away: p.away,
      bot: p.bot,
      self,
    };
  }

  private bindSelf(player: PlayerState): void {
    if (this.selfState === player && this.me) return;
    this.unbindSelf();
    this.selfState = player;
    this.me = this.predict.reconciler(player, {
      input: this.input,
      fields: ["x", "y", "hp"],
      snap: TELEPORT_DIST,
      // The very function the server's step runs, with the server's fixed dt.
      step: (ctx, s, cmd) => movePlayer(s, cmd, ctx.dt, ARENA_MAP),
      // The SDK computes lastCorrection only while its debug overlay is loaded or this is
      // set (Infinity: telemetry on, never a warning). Position only: hp is reconciled too,
      // and a hit is no misprediction.
      warnOnDivergence: Number.POSITIVE_INFINITY,
      onReconcile: () => {
        const c = this.me?.lastCorrection;
        const xy = c ? Math.hypot(c.x ?? 0, c.y ?? 0) : 0;
        this.corrections.record(performance.now(), xy);
        this.events.emit("reconciled", xy, this.me?.lastCorrectionMag ?? 0);
      },
    });
  }

  private unbindSelf(): void {
    this.me?.dispose();
    this.me = null;
    this.selfState = null;
  }

  /** Pulls the sim's own trigger so the muzzle flash shows on the frame you fire. */
  private predictFire(c: Command): void {
    const dt = this.input.stepSeconds ?? 1 / TICK_HZ;
    const s = this.selfState;
    if (!pullTrigger(this.trigger, dt, c.fire && s !== null && s.hp > 0 && this.room.state.phase === "playing") || !s) return;
    // The prediction adopts a respawn only at the next reconcile: until then the state's
    // position (the spawn point) is the truer muzzle.
    const predicted = this.me && Math.hypot(this.me.state.x - s.x, this.me.state.y - s.y) < TELEPORT_DIST;
    const x = predicted ? this.me!.state.x : s.x;
    const y = predicted ? this.me!.state.y : s.y;
    this.events.emit("fired", x, y, c.aim);
    this.shots.predict(x, y, c.aim, this.room.clock.serverNow());
  }

  private announceKills(nowMs: number): void {
    // to the kill feed only: kill lines in the chat box would bury what players say
    for (const kill of this.pendingKills.takeDue(nowMs)) this.events.emit("kill", kill);
  }

  private addChat(line: ChatLine): void {
    pushBounded(this.chatLog, line.text, CHAT_HISTORY);
    this.events.emit("chat", line);
  }

  private setStatus(s: ConnectionStatus): void {
    if (this.status === s) return;
    this.status = s;
    this.events.emit("connection", s);
  }

  private onClosed(code: number, reason?: string): void {
    if (this.closed) return;
    this.closeCode = code;
    const deliberate = this.leaving;
    this.dispose();
    if (!deliberate) this.events.emit("closed", closeMessage(code, reason));
  }

  /** Stops predicting and drops every listener without leaving the room (leave() does both). */
  dispose(): void {
    if (this.closed) return;
    this.closed = true;
    // Gone for good (left, kicked, seat expired): a refresh must not try to come back.
    this.seats?.clear();
    this.unbindSelf();
    for (const d of this.detach.splice(0)) d();
    this.predict.dispose();
  }

  /** The net graph's numbers now (`now`: the frame clock, ms). Rates slide over about 1 s. */
  netGraph(now: number): NetGraphData {
    const clock = this.room.clock;
    return this.graph.read(now, {
      rttMs: clock.smoothedRtt(),
      jitterMs: clock.jitter(),
      interpDelayMs: this.interp.delayMs,
      underruns: this.underruns,
      corrections: this.corrections,
    });
  }
}
