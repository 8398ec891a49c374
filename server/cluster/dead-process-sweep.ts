/**
 * Colyseus removes a dead process's rooms from the shared list only when a process starts or
 * when a seat reservation on one of them times out (MatchMaker.healthCheckProcessId). After a
 * SIGKILL the list would keep showing its rooms until someone tried to join each. This sweep
 * asks the engine to health-check, every `everyMs`, each listed process whose IPC channel has
 * no subscriber any more (its Redis connection died with it), and tells lobbies to drop the
 * rooms the engine removed: lobbies only hear about rooms from the process that owns them.
 */
import { matchMaker, updateLobby, type Room } from "@colyseus/core";
import { LOAD_KEY } from "./load-board.ts";

export interface SweepReport {
  processId: string;
  rooms: number;
}

export function startDeadProcessSweep(everyMs: number, onSwept: (r: SweepReport) => void): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweepOnce(onSwept)
      .catch(() => {}) // Redis unreachable for a moment: try again next round
      .finally(() => (running = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

async function sweepOnce(onSwept: (r: SweepReport) => void): Promise<void> {
  const [listed, channels] = await Promise.all([matchMaker.stats.fetchAll(), matchMaker.presence.channels("p:*")]);
  const subscribed = new Set(channels.map((c) => c.slice(2)));
  const suspects = listed.map((s) => s.processId).filter((id) => id !== matchMaker.processId && !subscribed.has(id));
  await Promise.all(
    suspects.map(async (processId) => {
      const rooms = await matchMaker.query({ processId });
      // the engine's own check: an IPC healthcheck with its timeout, then its cleanup
      const alive = await matchMaker.healthCheckProcessId(processId);
      if (alive) return;
      for (const room of rooms) updateLobby(listingOnly(room.roomId), true);
      await matchMaker.presence.hdel(LOAD_KEY, processId);
      onSwept({ processId, rooms: rooms.length });
    }),
  );
}

/** updateLobby reads only the room's listing; the room itself died with its process. */
function listingOnly(roomId: string): Room {
  return { _listing: { roomId, unlisted: false } } as unknown as Room;
}
