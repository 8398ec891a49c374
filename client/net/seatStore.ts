/**
 * The seat this tab holds, kept in sessionStorage so a refresh (or a crash of the page)
 * rejoins it through the SDK's reconnection token instead of taking a second seat and
 * leaving a "name#2" behind a ghost. sessionStorage is per tab: two tabs keep two seats.
 * The token changes on every (re)join, so the session writes it again each time.
 */
import type { Room } from "@colyseus/sdk";
import type { JoinKind } from "./GameSession.ts";

/** What Storage offers that this needs; a Map-backed fake stands in for it in tests. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface SavedSeat {
  /** `roomId:token`, as the SDK's room.reconnectionToken. */
  token: string;
  kind: JoinKind;
}

const SEAT_KEY = "tickfire.seat";
const KINDS: readonly JoinKind[] = ["quick", "private", "code", "list"];
/** A token is the room id, a colon and the SDK's id: short printable text, nothing else. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{1,64}:[A-Za-z0-9_-]{1,64}$/;

export class SeatStore {
  private readonly store: KeyValueStore | null;

  constructor(store: KeyValueStore | null) {
    this.store = store;
  }

  save(seat: SavedSeat): void {
    if (!TOKEN_SHAPE.test(seat.token)) return;
    try {
      this.store?.setItem(SEAT_KEY, JSON.stringify(seat));
    } catch {
      // storage full or blocked: the tab only loses its rejoin on refresh
    }
  }

  /** The saved seat, or null when none or what is stored is not one of ours. */
  load(): SavedSeat | null {
    let raw: string | null = null;
    try {
      raw = this.store?.getItem(SEAT_KEY) ?? null;
    } catch {
      return null;
    }
    if (!raw) return null;
    try {
      const v = JSON.parse(raw) as Partial<SavedSeat>;
      if (typeof v.token === "string" && TOKEN_SHAPE.test(v.token) && KINDS.includes(v.kind as JoinKind)) return { token: v.token, kind: v.kind! };
    } catch {
      // not JSON: treated as no seat, and cleared below
    }
    this.clear();
    return null;
  }

  clear(): void {
    try {
      this.store?.removeItem(SEAT_KEY);
    } catch {
      // nothing to do: a blocked storage holds no seat either
    }
  }
}

/** The page's sessionStorage, or none where the browser refuses it (some private modes). */
export function pageSeatStore(): SeatStore {
  try {
    return new SeatStore(window.sessionStorage);
  } catch {
    return new SeatStore(null);
  }
}

/**
 * Keeps `seats` on the room's latest token: now, and after each reconnection of the SDK's
 * own, which hands out a new one (stored by the SDK right after its onReconnect callbacks,
 * hence the microtask). GameSession clears it once the room is gone for good.
 */
export function followSeat(room: Room, kind: JoinKind, seats: SeatStore): void {
  const save = () => {
    if (room.reconnectionToken) seats.save({ token: room.reconnectionToken, kind });
  };
  save();
  room.onReconnect(() => queueMicrotask(save));
}
