/**
 * The live room list, folded from a Colyseus LobbyRoom's messages:
 * "rooms" (the full list), "+" ([roomId, room], added or updated) and "-" (roomId).
 */
import { ROOM_NAME } from "../../shared/constants.ts";

/** The fields of the lobby's room listing we read. */
export interface RoomListing {
  roomId: string;
  name?: string;
  clients: number;
  maxClients: number;
  locked?: boolean;
  private?: boolean;
  metadata?: { map?: string } | null;
}

export interface RoomEntry {
  roomId: string;
  clients: number;
  maxClients: number;
  map: string;
  full: boolean;
}

export class LobbyList {
  private readonly rooms = new Map<string, RoomListing>();

  reset(list: readonly RoomListing[]): void {
    this.rooms.clear();
    for (const r of list) if (r && typeof r.roomId === "string") this.rooms.set(r.roomId, r);
  }

  upsert(roomId: string, room: RoomListing): void {
    this.rooms.set(roomId, { ...room, roomId });
  }

  remove(roomId: string): void {
    this.rooms.delete(roomId);
  }

  /** Public arena rooms, fullest joinable first, then by id so the order is stable. */
  entries(): RoomEntry[] {
    const out: RoomEntry[] = [];
    for (const r of this.rooms.values()) {
      if (r.private || (r.name !== undefined && r.name !== ROOM_NAME)) continue;
      const full = r.clients >= r.maxClients || r.locked === true;
      out.push({ roomId: r.roomId, clients: r.clients, maxClients: r.maxClients, map: r.metadata?.map ?? "", full });
    }
    return out.sort(
      (a, b) => Number(a.full) - Number(b.full) || b.clients - a.clients || (a.roomId < b.roomId ? -1 : a.roomId > b.roomId ? 1 : 0),
    );
  }
}
