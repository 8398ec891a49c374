import { LobbyRoom } from "@colyseus/core";
import { LOBBY_MAX_MESSAGES_PER_SECOND } from "../../shared/constants.ts";

/**
 * Colyseus' LobbyRoom (the menu's live room list) with a frame budget: by default a room
 * takes any number of frames per second, so one socket could keep a process busy. A menu
 * sends a filter once and a ping now and then; past the budget Colyseus closes the socket
 * (no seat to keep in a lobby).
 */
export class GuardedLobbyRoom extends LobbyRoom {
  maxMessagesPerSecond = LOBBY_MAX_MESSAGES_PER_SECOND;
  // Made as the server starts (app.ts) and kept while nobody is in it, so a client may
  // `join` it rather than `joinOrCreate` it.
  autoDispose = false;
}
