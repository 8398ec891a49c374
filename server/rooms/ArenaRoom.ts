import { randomInt } from "node:crypto";
import { Room, type AuthContext, type Client, type Messages, type RoomException, type StepContext } from "@colyseus/core";
import { BOT_SKILL, FILL_TO, INPUT_BUFFER_SIZE, MAX_REWIND_MS, PATCH_EVERY_TICKS, RECONNECT_SECONDS, SEAT_RESERVATION_SECONDS } from "../../shared/constants.ts";
import { ARENA_MAP } from "../../shared/maps/arena.ts";
import { CLOSE_REASON, CloseCode, Msg, isAbuseClose, type JoinOptions } from "../../shared/messages.ts";
import { ArenaState, InputCommand } from "../../shared/schema.ts";
import type { Rules, SeenPosition, World } from "../../shared/sim/index.ts";
import { ArenaGame, type GameCounters } from "../game/arena-game.ts";
import { systemLine, type Delivery } from "../game/deliveries.ts";
import { flattenFrameCounters, type FrameGate } from "../game/frame-gate.ts";
import { screenFrames } from "../game/frame-screen.ts";
import { compensateLag } from "../game/lag-compensation.ts";
import { unusedRoomCode } from "../game/private-code.ts";
import { processTally } from "../game/process-tally.ts";
import { RoomStepTimes } from "../game/server-stats.ts";
import { ProcessCaps } from "../cluster/process-caps.ts";
import type { ServerConfig } from "../config.ts";
import { lockWhileServerFull, refuseBadJoinOptions, type ArenaMetadata } from "./matchmaking.ts";

/** Colyseus' close code for a client it closed after an undecodable message (CloseCode.WITH_ERROR). */
const COLYSEUS_WITH_ERROR = 4002;

/**
 * Options the server fixes for every arena room (defineRoom's defaults win over the
 * client's): ServerConfig's room settings (absent ones take their defaults from
 * shared/constants.ts), the process's caps (unlimited when absent), and a PRNG seed (a
 * fixed one makes a room replayable in tests).
 */
export type ArenaRoomOptions = Pick<ServerConfig, "maxPlayers"> &
  Partial<Pick<ServerConfig, "ticksPerPatch" | "maxRewindMs" | "reconnectSeconds" | "fillTo" | "botSkill">> & { rules: Rules; caps?: ProcessCaps; seed?: number };

/**
 * The arena room adapts Colyseus to the game (ArenaGame, rules in shared/sim): lifecycle,
 * inputs, messages, patches, the process's caps and the frame gate. No rules here.
 */
export class ArenaRoom extends Room<{ state: ArenaState; input: InputCommand; metadata: ArenaMetadata }> {
  state = new ArenaState();
  // Frame rates are limited by `gate`, per the room's tick rate and with our own close
  // code; Colyseus' own limit would close with its generic error code, 4002.
  maxMessagesPerSecond = Infinity;
  seatReservationTimeout = SEAT_RESERVATION_SECONDS;
  inputs = this.defineInput(InputCommand, {
    bufferMaxSize: INPUT_BUFFER_SIZE,
    sanitize: (cmd) => this.game.sanitize(cmd),
  });
  // Typed wide on purpose: clients may send any type; unknown ones are counted ("*").
  messages: Messages<ArenaRoom> = {
    [Msg.chat]: (client: Client, message: unknown) => this.deliver(this.game.chatFrom(client.sessionId, message, this.clock.elapsedTime)),
    "*": (client: Client) => this.deliver(this.game.unknownFrom(client.sessionId, this.clock.elapsedTime)),
  };

  game!: ArenaGame;
  world!: World;
  private gate!: FrameGate;
  /** set once the room closes itself after an error, so it does so once. */
  private failed = false;
  private inStep = false;
  private ticksPerPatch = PATCH_EVERY_TICKS;
  private maxRewindMs = MAX_REWIND_MS;
  private reconnectSeconds = RECONNECT_SECONDS;
  private caps = new ProcessCaps();
  /** give back this room's slot of the process's room cap, and stop following its load. */
  private releaseRoom: (() => void) | null = null;
  private unfollowCaps: (() => void) | null = null;
  /** where a shooter saw each target; null when lag compensation is off. */
  private seen: SeenPosition | null = null;
  private stepTimes!: RoomStepTimes;

  /**
   * Runs at matchmaking, before a seat is reserved: a request with bad options never holds
   * a seat (a flood of them once filled every seat of a process).
   */
  static async onAuth(_token: string, options: unknown, _context: AuthContext): Promise<boolean> {
    refuseBadJoinOptions(options);
    return true;
  }

  async onCreate(options: ArenaRoomOptions & { private?: unknown }) {
    this.caps = options.caps ?? this.caps;
    // Counted from here: onDispose (which Colyseus also runs when onCreate fails) gives it back.
    this.releaseRoom = this.caps.admitRoom();
    this.gate = screenFrames(this, options.rules.tickHz);
    this.maxClients = options.maxPlayers;
    // Bots are not clients: maxClients counts humans alone, and the game sends a bot home
    // before seating a human past the fill level, so a free seat is always a human's.
    this.game = new ArenaGame(this.state, ARENA_MAP, options.rules, options.seed ?? randomInt(2 ** 31), {
      fillTo: options.fillTo ?? FILL_TO,
      maxPlayers: options.maxPlayers,
      skill: options.botSkill ?? BOT_SKILL,
    });
    this.world = this.game.world;
    if (options.private === true) {
      this.roomId = await unusedRoomCode();
      await this.setPrivate(true);
    }
    await this.setMetadata({ map: ARENA_MAP.name });
    this.stepTimes = new RoomStepTimes(options.rules.tickHz, this.clock, (stats) => this.broadcast(Msg.serverStats, stats));
    this.setFixedTimestep((ctx) => this.step(ctx), options.rules.tickHz);
    // Advertised to clients as the patch cadence; the step itself broadcasts (below).
    this.ticksPerPatch = options.ticksPerPatch ?? PATCH_EVERY_TICKS;
    this.patchRate = (1000 / options.rules.tickHz) * this.ticksPerPatch;
    this.maxRewindMs = options.maxRewindMs ?? MAX_REWIND_MS;
    this.reconnectSeconds = options.reconnectSeconds ?? RECONNECT_SECONDS;
    // Told to clients so their reconnection retries cover exactly the seat hold.
    this.state.reconnectSeconds = this.reconnectSeconds;
    this.seen = compensateLag(this, this.state.players, this.maxRewindMs);
    this.game.sync(this.clock.elapsedTime);
    this.unfollowCaps = lockWhileServerFull(this, this.caps);
  }

  /** Whether shots are tested against targets as their shooter saw them. */
  get lagCompensated(): boolean {
    return this.seen !== null;
  }

  /** Input refused or corrected: the game's counters and the frame gate's (see FrameGate). */
  get dropped(): GameCounters & Record<string, number> {
    return { ...this.game.counters, ...flattenFrameCounters(this.gate.counters) };
  }

  onJoin(client: Client, options: JoinOptions) {
    // The process cap is checked as the socket arrives (the seat was reserved earlier).
    this.caps.admitSeat();
    this.deliver(this.game.join(client.sessionId, options.name, this.clock.elapsedTime));
  }

  onDrop(client: Client, code?: number) {
    // A room closing (shutdown, error) holds no seats: Colyseus refuses ("disposing") anyway.
    // A client kicked for abuse gets no seat to come back to either.
    // So does one Colyseus closed for an undecodable message (its 4002), which no honest SDK sends.
    if (code === CloseCode.serverShutdown || code === CloseCode.roomError || code === COLYSEUS_WITH_ERROR || isAbuseClose(code) || this.reconnectSeconds <= 0) return;
    this.game.setAway(client.sessionId, true, this.clock.elapsedTime);
    // Not awaited: Colyseus keeps the seat and calls onLeave itself if the window passes.
    this.allowReconnection(client, this.reconnectSeconds).catch(() => {});
  }

  onReconnect(client: Client) {
    this.game.setAway(client.sessionId, false, this.clock.elapsedTime);
  }

  onLeave(client: Client) {
    this.caps.left();
    this.gate.forget(client.sessionId);
    this.deliver(this.game.leave(client.sessionId));
  }

  onDispose() {
    this.unfollowCaps?.();
    this.releaseRoom?.();
    if (this.gate) processTally.retire({ ...this.dropped }); // no gate: stopped at the room cap
  }

  onBeforeShutdown() {
    this.broadcast(Msg.chat, systemLine("The server is shutting down."));
    this.closeAll(CloseCode.serverShutdown);
  }

  /**
   * A throw in this room's step, a message handler or a timer closes this room only: its
   * players are told why (4101), the process and its other rooms play on. A throw while a
   * player joins only refuses that join (Colyseus rethrows it to the matchmaker).
   */
  onUncaughtException(error: RoomException, methodName: string) {
    const cause = error.cause instanceof Error ? error.cause : error;
    processTally.roomErrors++;
    console.error(`tickfire: room ${this.roomId}: error in ${methodName}: ${cause.stack ?? cause.message}`);
    if (methodName === "onAuth" || methodName === "onJoin" || methodName === "onCreate" || this.failed) return;
    this.failed = true;
    console.error(`tickfire: room ${this.roomId} closed after that error; the process and its other rooms play on`);
    this.closeAll(CloseCode.roomError);
  }

  private closeAll(code: typeof CloseCode.serverShutdown | typeof CloseCode.roomError) {
    // Room.disconnect() sends the code alone; the reason goes with each client's own close.
    for (const client of this.clients) client.leave(code, CLOSE_REASON[code]);
    void this.disconnect(code);
  }

  /** Patches go out from the end of the step only, so none carries a stale step. */
  broadcastPatch(): boolean {
    return this.inStep ? super.broadcastPatch() : false;
  }

  private step(ctx: StepContext) {
    const begun = this.stepTimes.begin();
    this.deliver(this.game.step((id) => this.inputs.get(id), this.clock.elapsedTime, this.maxRewindMs, this.seen));
    if (ctx.tick % this.ticksPerPatch === 0) {
      this.inStep = true;
      try {
        this.broadcastPatch();
      } finally {
        this.inStep = false;
      }
    }
    this.stepTimes.end(begun, ctx.dtMs);
  }

  private deliver(deliveries: Delivery[]) {
    for (const d of deliveries) {
      if (d.to === "all") this.broadcast(d.type, d.payload);
      else if ("except" in d.to) this.broadcast(d.type, d.payload, { except: this.clients.getById(d.to.except) });
      else for (const id of d.to.only) this.clients.getById(id)?.send(d.type, d.payload);
    }
  }
}
