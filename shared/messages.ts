/**
 * Every message name and payload type, declared once for the server, the client, bots and
 * docs/protocol.md. The validators of client-to-server payloads are in validation.ts.
 */

/** Message type names. Strings, not numbers, so a packet capture reads itself. */
export const Msg = {
  /** client → server: a chat line; server → client: a rendered chat line. */
  chat: "chat",
  /** server → client: kill-feed entry. */
  kill: "kill",
  /** server → shooter and target: a projectile hit. */
  hit: "hit",
  /** server → client: a round ended or began. */
  round: "round",
  /** server → client: the room's own step times, every SERVER_STATS_EVERY_MS (net graph). */
  serverStats: "stats",
} as const;

// ── client → server ─────────────────────────────────────────────────────────
// Payload shapes and their zod validators live in validation.ts, which only the server
// loads, so the browser bundle carries no zod.

/** `chat` payload. */
export interface ChatIn {
  text: string;
}

/** Join options for joinOrCreate / create / joinById. */
export interface JoinOptions {
  /** raw name; the server sanitises it (see sanitizeName) and makes it unique. */
  name: string;
  /** create() only: a private room, reachable by its code and nothing else. */
  private?: boolean;
}

// ── server → client ─────────────────────────────────────────────────────────

export type ChatKind = "all" | "whisper" | "system" | "error";

export interface ChatOut {
  kind: ChatKind;
  /** sender's display name; "" for system and error lines. */
  from: string;
  /** whisper recipient's display name; "" otherwise. */
  to: string;
  text: string;
}

/**
 * Kill-feed entry. Players are named by seat (PlayerState.slot, NO_SLOT once the player
 * has left), one byte each: the client already has every seat's name and colour in the
 * state, so it renders the kill-feed line itself (kills stay out of the chat box).
 */
export interface KillOut {
  killer: number;
  victim: number;
}

/** A projectile hit, to the shooter and the target only. Seats as in KillOut. */
export interface HitOut {
  shooter: number;
  target: number;
  damage: number;
  /** target's hit points after the hit. */
  hp: number;
}

export interface StandingRow {
  name: string;
  kills: number;
  deaths: number;
  /** a server bot (as PlayerState.bot): clients tag its name. */
  bot: boolean;
  /** shots fired this round (trigger pulls). */
  shots: number;
  /** shots this round that damaged someone; accuracy is hits / shots. */
  hits: number;
}

export interface RoundOut {
  phase: "playing" | "results";
  round: number;
  /** the winner's sessionId on "results" (as ArenaState.winner); "" for a draw and on "playing". */
  winner: string;
  /** the winner's name, for display; "" when `winner` is. */
  winnerName: string;
  /** best first, on "results": most kills, then fewest deaths. Rows level on both are a
   *  tie (shown with one rank); a tie for first is a draw (`winner` ""). */
  standings: StandingRow[];
}

/**
 * How long this room's fixed steps took over the last few seconds (5 s), ms rounded to
 * 0.01. Sent by the room itself because behind a load balancer a client cannot pick which
 * process's /metrics it reads. All 0 while the room has run no step in the last few seconds.
 */
export interface ServerStatsOut {
  tickP50Ms: number;
  tickP99Ms: number;
  tickMaxMs: number;
}

/** What a player reads when this server has no room or seat left under its caps. */
export const SERVER_FULL_MESSAGE = "The server is full right now. Try again in a minute.";

/** The close reason sent with CloseCode.serverShutdown (clients show their own text for the code). */
export const SHUTDOWN_REASON = "server shutting down";


/**
 * Close codes the server uses besides Colyseus' own (4000-4010). Ours are 41xx for the
 * server's own reasons and 42xx for "this client broke a limit"; each close carries the
 * reason string beside it. The SDK reconnects only on 1001/1005/1006/4010, so none of
 * these makes it rejoin on its own.
 */
export const CloseCode = {
  /** The server is shutting down (SIGINT / SIGTERM). */
  serverShutdown: 4100,
  /** The room hit an error in its own code and closed; other rooms play on. */
  roomError: 4101,
  /** Too many frames or inputs per second, again and again: kicked, no seat held. */
  tooManyMessages: 4201,
  /** Malformed input frames, again and again: kicked, no seat held. */
  malformedInput: 4202,
  /** The client stopped reading: its unsent backlog passed the bound. A drop: the seat is held. */
  slowConsumer: 4203,
} as const;

/** The reason sent with each of our close codes (short and fixed: never built from client input). */
export const CLOSE_REASON: Record<(typeof CloseCode)[keyof typeof CloseCode], string> = {
  [CloseCode.serverShutdown]: "server shutting down",
  [CloseCode.roomError]: "room closed after a server error",
  [CloseCode.tooManyMessages]: "too many messages",
  [CloseCode.malformedInput]: "malformed input",
  [CloseCode.slowConsumer]: "not reading: send backlog over the limit",
};

/** Kicks for abuse: the player's seat is not held for a reconnection. */
export function isAbuseClose(code: number | undefined): boolean {
  return code === CloseCode.tooManyMessages || code === CloseCode.malformedInput;
}

/** The fixed line an unknown message type gets back, at most once per UNKNOWN_REPLY_EVERY_MS. */
export const UNKNOWN_MESSAGE_LINE = "Unknown message type.";

/**
 * A player-facing reason for a failed join. Colyseus refuses a locked room with
 * `room "ID" is locked` (it locks a room when its last seat is taken) or `ID is already
 * full.` when two joins race for the last seat. A room locked because its process is at
 * its player cap (--max-clients) is refused with SERVER_FULL_MESSAGE instead.
 */
export function explainJoinError(message: string): string {
  if (/is locked|already full/i.test(message)) return "Room full: that room has no free seat. Try Quick play.";
  if (/not found/i.test(message)) return "No room with that code. Check the code and try again.";
  return message;
}
