/**
 * Each process publishes its arena load (rooms, players, caps) to a Redis hash through the
 * Colyseus presence, and places new rooms by reading it back (placement.ts). Colyseus' own
 * "roomcount" stats are persisted at most once a second and know nothing of our caps, so a
 * join storm would pile new rooms onto one process, and a full process would still get them.
 */
import { matchMaker, type Presence } from "@colyseus/core";
import type { ProcessCaps } from "./process-caps.ts";
import { chooseProcess, decodeLoads, encodeLoad } from "./placement.ts";

export const LOAD_KEY = "tickfire:load";

/** Keeps this process's entry of LOAD_KEY current; returns a stop that removes it. */
export function publishLoad(presence: Presence, caps: ProcessCaps): () => Promise<void> {
  let writing: Promise<unknown> = Promise.resolve();
  const write = () => {
    const value = encodeLoad({ rooms: caps.rooms, players: caps.players, maxRooms: caps.maxRooms, maxClients: caps.maxClients });
    // chained, so Redis sees the writes in the order they happened
    writing = writing.then(() => presence.hset(LOAD_KEY, matchMaker.processId, value)).catch(() => {});
  };
  write();
  const unsubscribe = caps.follow(write);
  return async () => {
    unsubscribe();
    await writing;
    await presence.hdel(LOAD_KEY, matchMaker.processId).catch(() => {});
  };
}

/** Colyseus' hook for where a new room is created. */
export const selectProcessByLoad: matchMaker.SelectProcessIdCallback = async () => {
  const [listed, channels, loads] = await Promise.all([matchMaker.stats.fetchAll(), matchMaker.presence.channels("p:*"), matchMaker.presence.hgetall(LOAD_KEY)]);
  // A process whose IPC channel has no subscriber cannot create the room: its Redis connection
  // died with it. Asking it anyway costs the engine's 2 s IPC timeout before it falls back.
  const subscribed = new Set(channels.map((c) => c.slice(2)));
  return chooseProcess(
    listed.map((s) => s.processId).filter((id) => id === matchMaker.processId || subscribed.has(id)),
    decodeLoads(loads ?? {}),
    matchMaker.processId,
  );
};
