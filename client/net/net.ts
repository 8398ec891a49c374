/**
 * The client's door to the server: join an arena three ways, and watch the public room
 * list. Everything returned is SDK-free for the scenes (GameSession, LobbyFeed).
 */
import { Client, type Room } from "@colyseus/sdk";
import { LOBBY_ROOM_NAME, ROOM_NAME } from "../../shared/constants.ts";
import { ArenaState } from "../../shared/schema.ts";
import { isRestartClose, joinErrorMessage } from "./closeReason.ts";
import { Emitter } from "./emitter.ts";
import { GameSession, type JoinKind } from "./GameSession.ts";
import { LobbyList, type RoomEntry, type RoomListing } from "./lobbyList.ts";
import { pageSeatStore, type SeatStore } from "./seatStore.ts";
import { healthProbe, waitForServer } from "./serverWatch.ts";
import { resolveServerUrl } from "./serverUrl.ts";

export type { RoomEntry } from "./lobbyList.ts";
export type { GameSession, PlayerView, RoundView, LiveShot, EndedShot, ConnectionStatus } from "./GameSession.ts";
export type { NetGraphData } from "./netGraph.ts";

/** ms. A join that has not answered by then is reported as failed. */
const JOIN_TIMEOUT_MS = 10_000;
/** ms. Waits before retrying the lobby connection after it failed or dropped: quick at first
 *  (in a cluster the lobby's process may be gone while the others serve), then every 3 s. */
const LOBBY_RETRY_MS = [250, 1_000, 3_000];

export type LobbyStatus = "connecting" | "live" | "offline";

export class LobbyFeed {
  readonly events = new Emitter<{ change: [] }>();
  status: LobbyStatus = "connecting";
  private readonly list = new LobbyList();
  private readonly client: Client;
  private room: Room | null = null;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private retries = 0;

  constructor(client: Client) {
    this.client = client;
    void this.connect();
  }

  rooms(): RoomEntry[] {
    return this.list.entries();
  }

  close(): void {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    const room = this.room;
    this.room = null;
    room?.leave(true).catch(() => {});
    this.events.clear();
  }

  private async connect(): Promise<void> {
    this.setStatus("connecting");
    let room: Room;
    try {
      room = await withTimeout(this.client.joinOrCreate(LOBBY_ROOM_NAME, { filter: { name: ROOM_NAME } }), JOIN_TIMEOUT_MS);
    } catch {
      this.scheduleRetry();
      return;
    }
    if (this.stopped) {
      room.leave(true).catch(() => {});
      return;
    }
    this.room = room;
    this.retries = 0;
    room.reconnection.enabled = false;
    room.onMessage("rooms", (rooms: RoomListing[]) => {
      this.list.reset(Array.isArray(rooms) ? rooms : []);
      this.setStatus("live", true);
    });
    room.onMessage("+", ([roomId, listing]: [string, RoomListing]) => {
      this.list.upsert(roomId, listing);
      this.events.emit("change");
    });
    room.onMessage("-", (roomId: string) => {
      this.list.remove(roomId);
      this.events.emit("change");
    });
    room.onLeave(() => {
      if (this.room !== room) return;
      this.room = null;
      this.list.reset([]);
      this.scheduleRetry();
    });
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    this.setStatus("offline", true);
    this.retry = setTimeout(() => {
      this.retry = null;
      if (!this.stopped) void this.connect();
    }, LOBBY_RETRY_MS[Math.min(this.retries++, LOBBY_RETRY_MS.length - 1)]);
  }

  private setStatus(s: LobbyStatus, force = false): void {
    if (this.status === s && !force) return;
    this.status = s;
    this.events.emit("change");
  }
}

export class Net {
  readonly serverUrl: string;
  /** The last game closed because its server shut down; the menu waits for one to answer. */
  restartPending = false;
  private readonly client: Client;
  private readonly seats: SeatStore;

  constructor(serverUrl: string, seats: SeatStore = pageSeatStore()) {
    this.serverUrl = serverUrl;
    this.client = new Client(serverUrl);
    this.seats = seats;
  }

  /** This tab held a seat when it was last unloaded (a refresh): resume() may get it back. */
  hasSavedSeat(): boolean {
    return this.seats.load() !== null;
  }

  /**
   * Rejoins the seat this tab held, with its name, score and position, while the server
   * still holds it (--reconnect-seconds). Rejects, and forgets the seat, once it is gone.
   */
  async resume(): Promise<GameSession> {
    const seat = this.seats.load();
    if (!seat) throw new Error("No game to rejoin");
    try {
      return await this.join(seat.kind, () => this.client.reconnect(seat.token, ArenaState));
    } catch (err) {
      this.seats.clear();
      throw err;
    }
  }

  /** Resolves true once a server answers /healthz again; false if `signal` aborts first. */
  waitForServer(signal: AbortSignal): Promise<boolean> {
    return waitForServer(healthProbe(this.serverUrl, window.location.origin), signal);
  }

  quickPlay(name: string): Promise<GameSession> {
    return this.join("quick", () => this.client.joinOrCreate(ROOM_NAME, { name }, ArenaState));
  }

  /** A private room; its code (the room id) is session.roomId. */
  createPrivate(name: string): Promise<GameSession> {
    return this.join("private", () => this.client.create(ROOM_NAME, { name, private: true }, ArenaState));
  }

  joinByCode(code: string, name: string): Promise<GameSession> {
    const id = code.trim().toUpperCase();
    if (!id) return Promise.reject(new Error("Enter a room code"));
    return this.join("code", () => this.client.joinById(id, { name }, ArenaState));
  }

  /** A public room picked from the list. */
  joinListed(roomId: string, name: string): Promise<GameSession> {
    return this.join("list", () => this.client.joinById(roomId, { name }, ArenaState));
  }

  openLobby(): LobbyFeed {
    return new LobbyFeed(this.client);
  }

  private async join(kind: JoinKind, start: () => Promise<Room<unknown, ArenaState>>): Promise<GameSession> {
    try {
      const room = await withTimeout(start(), JOIN_TIMEOUT_MS, (late) => late.leave(true).catch(() => {}));
      this.restartPending = false;
      const session = new GameSession(room, kind, this.seats);
      session.events.on("closed", () => {
        if (isRestartClose(session.closeCode)) this.restartPending = true;
      });
      return session;
    } catch (err) {
      throw new Error(joinErrorMessage(err, this.serverUrl), { cause: err });
    }
  }
}

let shared: Net | null = null;

/** The one Net of this page, pointed at the server this page should talk to. */
export function getNet(): Net {
  shared ??= new Net(resolveServerUrl(window.location, import.meta.env.DEV, Number(import.meta.env.VITE_GAME_PORT) || undefined));
  return shared;
}

/** Rejects after `ms`; a result that arrives too late is handed to `onLate` to clean up. */
function withTimeout<T>(p: Promise<T>, ms: number, onLate?: (value: T) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let done = false;
    const timer = setTimeout(() => {
      done = true;
      reject(new Error("The server did not answer in time"));
    }, ms);
    p.then(
      (v) => {
        if (done) onLate?.(v);
        else {
          done = true;
          clearTimeout(timer);
          resolve(v);
        }
      },
      (e: unknown) => {
        if (!done) {
          done = true;
          clearTimeout(timer);
          reject(e);
        }
      },
    );
  });
}
