/**
 * Where a new room goes in a cluster: the live process with the fewest arena rooms among
 * those under both of their caps. Pure, so the rule is tested without Redis.
 */

/** What each process publishes about itself (see load-board.ts). */
export interface ProcessLoad {
  processId: string;
  rooms: number;
  players: number;
  maxRooms: number;
  maxClients: number;
}

export function hasRoomForNewRoom(p: ProcessLoad): boolean {
  return p.rooms < p.maxRooms && p.players < p.maxClients;
}

/**
 * `live` are the processes Colyseus still lists; loads not among them are stale. When every
 * process is full the room goes to `self`, whose onCreate refuses it with the "full" message.
 */
export function chooseProcess(live: readonly string[], loads: readonly ProcessLoad[], self: string): string {
  const alive = new Set(live);
  const open = loads.filter((p) => alive.has(p.processId) && hasRoomForNewRoom(p));
  if (open.length === 0) return self;
  open.sort((a, b) => a.rooms - b.rooms || a.players - b.players || (a.processId === self ? -1 : b.processId === self ? 1 : 0));
  return open[0]!.processId;
}

export function encodeLoad(p: Omit<ProcessLoad, "processId">): string {
  return `${p.rooms},${p.players},${p.maxRooms},${p.maxClients}`;
}

export function decodeLoads(hash: Record<string, string>): ProcessLoad[] {
  const out: ProcessLoad[] = [];
  for (const [processId, value] of Object.entries(hash)) {
    const [rooms, players, maxRooms, maxClients] = value.split(",").map(Number);
    if ([rooms, players, maxRooms, maxClients].some((n) => n === undefined || !Number.isFinite(n))) continue;
    out.push({ processId, rooms: rooms!, players: players!, maxRooms: maxRooms!, maxClients: maxClients! });
  }
  return out;
}
