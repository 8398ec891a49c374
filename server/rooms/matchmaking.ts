/**
 * Rules for matchmaking requests that Colyseus' matchmaker does not know, applied where
 * every /matchmake request passes: `matchMaker.controller.invokeMethod`, which Colyseus
 * lets a server replace (as it does `getCorsHeaders`).
 */
import { ServerError, matchMaker, type AuthContext, type Room } from "@colyseus/core";
import { SERVER_FULL_MESSAGE } from "../../shared/messages.ts";
import { nameProblem } from "../../shared/names.ts";
import { JoinOptionsSchema } from "../../shared/validation.ts";
import { roomIdForCode } from "../rules/room-code.ts";
import type { ProcessCaps } from "../cluster/process-caps.ts";

/** An arena room's listing metadata (matchMaker.query, the lobby's list). */
export interface ArenaMetadata {
  map: string;
  /** locked because its process is at its player cap, not because the room is full. */
  serverFull?: boolean;
}

export const PRIVATE_ONLY_WITH_CREATE = "invalid join options: private: true only with create (join, joinOrCreate and joinById never make a room private)";

/** What lockWhileServerFull needs of a room. */
type Lockable = Pick<Room, "locked" | "hasReachedMaxClients" | "setMatchmaking"> & { readonly metadata: ArenaMetadata };

/**
 * A process at its player cap locks its rooms: quick play then opens a room on another
 * process (or says every process is full) instead of offering a seat this process refuses.
 * The listing says why (serverFull), so a player who types the room's code reads the real
 * reason. Returns the stop, for when the room closes.
 */
export function lockWhileServerFull(room: Lockable, caps: ProcessCaps): () => void {
  let lockedForServer = false;
  const follow = async () => {
    const full = caps.full;
    // a room that is full itself stays as Colyseus has it
    if (full === lockedForServer || (full && room.locked) || (!full && room.hasReachedMaxClients())) return;
    lockedForServer = full;
    await room.setMatchmaking({ locked: full, metadata: { ...room.metadata, serverFull: full } });
  };
  void follow();
  return caps.follow(() => void follow());
}

/** Throws 400 naming what is wrong with a join's options (shape, then name). */
export function refuseBadJoinOptions(options: unknown): void {
  const parsed = JoinOptionsSchema.safeParse(options ?? {});
  if (!parsed.success) throw new ServerError(400, `invalid join options: ${parsed.error.issues[0]?.message ?? "bad shape"}`);
  const problem = nameProblem(parsed.data.name);
  if (problem) throw new ServerError(400, `invalid name: ${problem}`);
}

const guarded = Symbol("tickfire matchmaking rules");

/** Installs the rules once per process (every game server of a test shares the matchmaker). */
export function guardMatchmaking(): void {
  const controller = matchMaker.controller as typeof matchMaker.controller & { [guarded]?: true };
  if (controller[guarded]) return;
  controller[guarded] = true;
  const invoke = controller.invokeMethod;
  controller.invokeMethod = async function (method: string, roomName: string, clientOptions?: { private?: unknown }, authContext?: AuthContext) {
    // Only create makes a room; elsewhere `private` would be ignored without a word.
    if (method !== "create" && clientOptions?.private === true) throw new ServerError(400, PRIVATE_ONLY_WITH_CREATE);
    // joinById's "room name" is the room id: a private code in any case finds its room.
    const target = method === "joinById" ? roomIdForCode(roomName) : roomName;
    try {
      return await invoke.call(this, method, target, clientOptions, authContext);
    } catch (e) {
      if (method === "joinById" && /is locked/.test((e as Error).message) && (await lockedForServerFull(target))) throw new ServerError(503, SERVER_FULL_MESSAGE);
      throw e;
    }
  };
}

/** Colyseus refuses a locked room as "locked", which players read as "room full"; say when it is the server. */
async function lockedForServerFull(roomId: string): Promise<boolean> {
  const [listing] = await matchMaker.query({ roomId });
  return (listing?.metadata as ArenaMetadata | undefined)?.serverFull === true;
}
