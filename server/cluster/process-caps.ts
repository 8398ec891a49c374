/**
 * This process's caps (--max-rooms, --max-clients) and the counts they bound: arena rooms
 * open here, and players seated in them (away ones included). One object per game server,
 * handed to its rooms through their options, so a test can give a server its own; the load
 * board publishes it to the cluster (load-board.ts).
 */
import { ServerError } from "@colyseus/core";
import { SERVER_FULL_MESSAGE } from "../../shared/messages.ts";
import type { ServerConfig } from "../config.ts";

export type CapSettings = Pick<ServerConfig, "maxRooms" | "maxClients">;

export class ProcessCaps {
  readonly maxRooms: number;
  readonly maxClients: number;
  private roomCount = 0;
  private playerCount = 0;
  private readonly followers = new Set<() => void>();

  /** A cap left out is unlimited. */
  constructor(caps: Partial<CapSettings> = {}) {
    this.maxRooms = caps.maxRooms ?? Infinity;
    this.maxClients = caps.maxClients ?? Infinity;
  }

  get rooms(): number {
    return this.roomCount;
  }
  get players(): number {
    return this.playerCount;
  }
  /** Every seat of the process is taken: its rooms lock, so quick play looks elsewhere. */
  get full(): boolean {
    return this.playerCount >= this.maxClients;
  }

  /**
   * A room is being made: counted from now, or refused (503, the "server full" line) at the
   * room cap. Check and count are one step, so two rooms made at once cannot both pass.
   * Returns the room's release, for when it closes (a second call does nothing).
   */
  admitRoom(): () => void {
    if (this.roomCount >= this.maxRooms) throw new ServerError(503, SERVER_FULL_MESSAGE);
    this.roomCount++;
    this.changed();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.roomCount--;
      this.changed();
    };
  }

  /**
   * A player's socket arrived (its seat in the room was reserved earlier): seated, or refused
   * (503, the "server full" line) when every seat of the process is taken.
   */
  admitSeat(): void {
    if (this.full) throw new ServerError(503, SERVER_FULL_MESSAGE);
    this.playerCount++;
    this.changed();
  }

  /** A seated player is gone for good (left, or their seat hold ran out). */
  left(): void {
    this.playerCount--;
    this.changed();
  }

  /** Calls `listener` after every change of the counts; returns the unsubscribe. */
  follow(listener: () => void): () => void {
    this.followers.add(listener);
    return () => this.followers.delete(listener);
  }

  private changed(): void {
    for (const f of this.followers) f();
  }
}
