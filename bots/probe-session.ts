/**
 * The browser client's netcode, headless: the same SDK calls, in the same order, with the
 * same pure helpers as client/net/GameSession.ts (Predict lerp with the adapted delay set
 * on every lerp profile, attachAll x/y/hp and aim, the reconciler stepping the shared
 * stepBody with the SDK's correction telemetry on, one input per due fixed step from
 * predict.tick, the mirrored fire cooldown, the underrun counter).
 *
 * A mirror rather than GameSession itself because the bench reads each reconcile's
 * correction together with whether the player was dead at that moment, and the rendered
 * view of a PlayerState; keep it in step with GameSession.
 */
import { Callbacks, type Room } from "@colyseus/sdk";
import { Predict, type Reconciler } from "@colyseus/sdk/predict";
import type { Data } from "@colyseus/schema";
import { FIRE_COOLDOWN_SECONDS, TELEPORT_DIST, TICK_HZ } from "../shared/constants.ts";
import { ARENA_MAP } from "../shared/maps/arena.ts";
import { InputCommand, type ArenaState, type PlayerState } from "../shared/schema.ts";
import { stepBody, type Command } from "../shared/sim/index.ts";
import { InterpDelay, UnderrunCounter, renderTarget } from "../client/net/interp.ts";
import { setLerpDelay } from "../client/net/lerpDelay.ts";

/** One reconcile of the own player, as measured here. */
export interface Reconcile {
  /** world units the prediction moved (x, y), before smoothing hid it. */
  xy: number;
  /** what GameSession would record if the SDK computed it: max over x, y and hp. */
  sdkMag: number;
}

export class ProbeSession {
  readonly sessionId: string;
  readonly room: Room<unknown, ArenaState>;
  /** Remote interpolation, adapted and counted exactly as GameSession does. */
  readonly interp = new InterpDelay();
  readonly underruns = new UnderrunCounter();
  /** Called on each own-player reconcile; set by the owner. */
  onReconcile: (r: Reconcile) => void = () => {};
  /** Called when a predicted step fires (GameSession's "fired" event). */
  onFired: (x: number, y: number, aim: number) => void = () => {};
  status: "connected" | "reconnecting" = "connected";

  private readonly predict: Predict<ArenaState>;
  private readonly input;
  private me: Reconciler<PlayerState, Data<InputCommand>> | null = null;
  private selfState: PlayerState | null = null;
  private localCooldown = 0;
  private closed = false;
  private readonly detach: (() => void)[] = [];

  constructor(room: Room<unknown, ArenaState>) {
    this.room = room;
    this.sessionId = room.sessionId;
    this.predict = Predict.get(room, { mode: "lerp", delay: this.interp.delayMs, snap: TELEPORT_DIST });
    this.input = room.input({ type: InputCommand, mode: "reliable" });
    this.detach.push(
      // hp too: GameSession draws a remote player's health in the same past as its position
      this.predict.attachAll("players", { x: {}, y: {}, hp: {} }),
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
    room.onDrop(() => (this.status = "reconnecting"));
    room.onReconnect(() => (this.status = "connected"));
  }

  /** GameSession.frame: adapt + count, tick, then one sampled input per due step. */
  frame(now: number, sample: () => Command): void {
    if (this.closed) return;
    this.watchInterpolation(now);
    const steps = this.predict.tick(now);
    if (this.status === "reconnecting") return;
    const d = this.input.data;
    for (let i = 0; i < steps; i++) {
      const c = sample();
      d.moveX = c.moveX;
      d.moveY = c.moveY;
      d.aim = c.aim;
      d.fire = c.fire;
      this.input.send();
      this.predictFire(c);
    }
  }

  /** The server time remote players are drawn at (GameSession.remoteRenderTime). */
  remoteRenderTime(): number {
    const clock = this.room.clock;
    return renderTarget(clock.serverNow(), this.interp.delayMs, clock.smoothedRtt());
  }

  private watchInterpolation(now: number): void {
    const clock = this.room.clock;
    if (this.interp.adapt(now, clock.patchInterval?.() ?? 0, clock.jitter())) {
      setLerpDelay(this.predict, this.interp.delayMs, TELEPORT_DIST);
    }
    this.underruns.frame(this.remoteRenderTime(), clock.lastServerTime());
  }

  /** A player as GameSession.view draws it: position predicted for self and interpolated
   *  for the others; hp raw for self, interpolated (rounded) for the others. */
  rendered(p: PlayerState, self: boolean): { x: number; y: number; hp: number } {
    return { x: this.predict.value(p, "x"), y: this.predict.value(p, "y"), hp: self ? p.hp : Math.round(this.predict.value(p, "hp")) };
  }

  private bindSelf(player: PlayerState): void {
    if (this.selfState === player && this.me) return;
    this.unbindSelf();
    this.selfState = player;
    const me = this.predict.reconciler(player, {
      input: this.input,
      fields: ["x", "y", "hp"],
      snap: TELEPORT_DIST,
      // As in GameSession: the SDK's correction telemetry on, never a warning.
      warnOnDivergence: Number.POSITIVE_INFINITY,
      step: (ctx, s, cmd) => stepBody(s, cmd, ctx.dt, ARENA_MAP),
      onReconcile: () => {
        const c = me.lastCorrection;
        this.onReconcile({ xy: Math.hypot(c.x ?? 0, c.y ?? 0), sdkMag: me.lastCorrectionMag });
      },
    });
    this.me = me;
  }

  private unbindSelf(): void {
    this.me?.dispose();
    this.me = null;
    this.selfState = null;
  }

  /** GameSession.predictFire: the cooldown mirror decides when "fired" shows. */
  private predictFire(c: Command): void {
    const dt = this.input.stepSeconds ?? 1 / TICK_HZ;
    this.localCooldown = Math.max(0, this.localCooldown - dt);
    const s = this.selfState;
    if (!c.fire || this.localCooldown > 0 || !s || s.hp <= 0 || this.room.state.phase !== "playing") return;
    this.localCooldown = FIRE_COOLDOWN_SECONDS;
    const predicted = this.me && Math.hypot(this.me.state.x - s.x, this.me.state.y - s.y) < TELEPORT_DIST;
    const x = predicted ? this.me!.state.x : s.x;
    const y = predicted ? this.me!.state.y : s.y;
    this.onFired(x, y, c.aim);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.unbindSelf();
    for (const d of this.detach.splice(0)) d();
    this.predict.dispose();
  }
}
