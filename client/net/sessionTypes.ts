/** What GameSession hands the scenes: plain views and events, no SDK types. */
import type { RoundOut } from "../../shared/messages.ts";
import type { ChatLine } from "./chatFormat.ts";

export interface PlayerView {
  id: string;
  name: string;
  color: number;
  x: number;
  y: number;
  aim: number;
  hp: number;
  kills: number;
  deaths: number;
  shielded: boolean;
  /** connection dropped, seat held: out of play, not drawn. */
  away: boolean;
  /** a server bot filling an empty seat: its name is drawn with a tag. */
  bot: boolean;
  self: boolean;
}

export interface RoundView {
  phase: "playing" | "results";
  round: number;
  timeLeft: number;
  killLimit: number;
  /** the last round's winner, "" for a draw or while none. */
  winnerName: string;
}

export type ConnectionStatus = "connected" | "reconnecting";

/** A kill with its seats resolved to players: ids ("" for someone who has left) and names. */
export interface KillView {
  killer: string;
  victim: string;
  killerName: string;
  victimName: string;
}

/** A hit with its seats resolved to sessionIds ("" for someone who has left). */
export interface HitView {
  shooter: string;
  target: string;
  damage: number;
  hp: number;
}

export type SessionEvents = {
  chat: [line: ChatLine];
  kill: [kill: KillView];
  hit: [hit: HitView];
  round: [round: RoundOut];
  /** The local player's weapon fired on a predicted step (for a muzzle flash). */
  fired: [x: number, y: number, aim: number];
  /** Someone else's shot arrived: its owner ("" if gone), muzzle, and how many ms after
   *  now it starts to be drawn (others are drawn in the past; negative = already flying). */
  shot: [owner: string, x: number, y: number, drawnInMs: number];
  /** One own-player reconcile: how far it moved the prediction (x/y, world units), and
   *  the SDK's own max over every reconciled field (hp included). */
  reconciled: [xy: number, anyField: number];
  connection: [status: ConnectionStatus];
  /** The room is gone for good; the message says why. Not emitted after leave(). */
  closed: [message: string];
};

/** A player as the server sent it, unpredicted and uninterpolated (the test surface). */
export interface RawPlayer {
  id: string;
  name: string;
  x: number;
  y: number;
  hp: number;
  kills: number;
  deaths: number;
  bot: boolean;
}
