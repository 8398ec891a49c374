/**
 * The browser client's netcode, headless: the probe runs client/net/GameSession itself
 * (prediction through the SDK reconciler, the adapted interpolation, predicted shots, the
 * underrun counter), so what it measures is what a player's browser does. This adapter
 * only reshapes what the probe reads: each reconcile's correction, each predicted shot,
 * and how one player is drawn.
 */
import type { Room } from "@colyseus/sdk";
import type { ArenaState, PlayerState } from "../../shared/schema.ts";
import type { Command } from "../../shared/sim/index.ts";
import { GameSession } from "../../client/net/GameSession.ts";
import type { InterpDelay, UnderrunCounter } from "../../client/net/interp.ts";

/** One reconcile of the own player. */
export interface Reconcile {
  /** world units the prediction moved (x, y), before smoothing hid it. */
  xy: number;
  /** the SDK's max over every reconciled field, hp included. */
  sdkMag: number;
}

export class ProbeSession {
  readonly sessionId: string;
  readonly room: Room<unknown, ArenaState>;
  /** Called on each own-player reconcile; set by the owner. */
  onReconcile: (r: Reconcile) => void = () => {};
  /** Called when a predicted step fires (GameSession's "fired" event). */
  onFired: (x: number, y: number, aim: number) => void = () => {};
  private readonly session: GameSession;

  constructor(room: Room<unknown, ArenaState>) {
    this.room = room;
    this.sessionId = room.sessionId;
    this.session = new GameSession(room, "quick");
    this.session.events.on("reconciled", (xy, sdkMag) => this.onReconcile({ xy, sdkMag }));
    this.session.events.on("fired", (x, y, aim) => this.onFired(x, y, aim));
  }

  get interp(): InterpDelay {
    return this.session.interp;
  }

  get underruns(): UnderrunCounter {
    return this.session.underruns;
  }

  frame(now: number, sample: () => Command): void {
    this.session.frame(now, sample);
  }

  remoteRenderTime(): number {
    return this.session.remoteRenderTime();
  }

  /** A player as the browser draws it this frame. */
  rendered(p: PlayerState, self: boolean): { x: number; y: number; hp: number } {
    return this.session.view(p, self ? this.sessionId : "");
  }

  close(): void {
    this.session.dispose();
  }
}
