/** What to tell the player when the room closes without them asking to leave. */
import { CloseCode, explainJoinError } from "../../shared/messages.ts";

/** Colyseus' own close codes (from @colyseus/shared-types; repeated so this file stays SDK-free). */
const CONSENTED = 4000;
const COLYSEUS_SHUTDOWN = 4001;
const WITH_ERROR = 4002;
const FAILED_TO_RECONNECT = 4003;

export function closeMessage(code: number, reason?: string): string {
  const why = reason ? `: ${reason}` : "";
  switch (code) {
    case CloseCode.serverShutdown:
    case COLYSEUS_SHUTDOWN:
      // the menu's Quick play is the rejoin: in a cluster it lands on another process
      return "The server is restarting. Press Quick play to join another game.";
    case CloseCode.roomError:
      return "The game hit a server error and closed. Press Quick play to join another game.";
    case CloseCode.tooManyMessages:
      return "Disconnected: your connection sent too many messages.";
    case CloseCode.malformedInput:
      return "Disconnected: your connection sent data the server could not read.";
    case CloseCode.slowConsumer:
      return "Connection lost: your connection fell too far behind.";
    case CONSENTED:
      return "You were removed from the room";
    case WITH_ERROR:
      return `The room closed with an error${why}`;
    case FAILED_TO_RECONNECT:
      return "Connection lost: your seat was not kept. Press Quick play to join again.";
    case 1000:
    case 1001:
    case 1005:
    case 1006:
      return "Connection lost";
    default:
      return `Disconnected (code ${code}${why})`;
  }
}

/** The room closed because its server is shutting down (a restart or a deploy). */
export function isRestartClose(code: number): boolean {
  return code === CloseCode.serverShutdown || code === COLYSEUS_SHUTDOWN;
}

/** A join failure as one short line for the menu. */
export function joinErrorMessage(err: unknown, serverUrl: string): string {
  const raw = err instanceof Error ? err.message : typeof err === "string" ? err : "";
  const msg = raw.trim();
  if (!msg || /failed to fetch|networkerror|load failed|ECONNREFUSED|fetch failed/i.test(msg)) {
    return `Cannot reach the game server at ${serverUrl}`;
  }
  const explained = explainJoinError(msg);
  return explained.length > 160 ? `${explained.slice(0, 157)}...` : explained;
}
