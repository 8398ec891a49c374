import { randomInt } from "node:crypto";
import { Room, ServerError, matchMaker, type AuthContext, type Client, type Rewind, type RoomException, type StepContext } from "@colyseus/core";
import {
  INPUT_BUFFER_SIZE,
  INPUT_CREDIT_MAX,
  SEAT_RESERVATION_SECONDS,
  UNKNOWN_REPLY_EVERY_MS,
  MAX_REWIND_MS,
  NO_SLOT,
  PATCH_EVERY_TICKS,
  PLAYER_COLOR_COUNT,
  RECONNECT_SECONDS,
  SERVER_STATS_EVERY_MS,
} from "../../shared/constants.ts";
import { ARENA_MAP } from "../../shared/maps/arena.ts";
import { CLOSE_REASON, CloseCode, Msg, SERVER_FULL_MESSAGE, UNKNOWN_MESSAGE_LINE, isAbuseClose, type JoinOptions } from "../../shared/messages.ts";
import { JoinOptions as JoinOptionsSchema } from "../../shared/validation.ts";
import { nameProblem, sanitizeName, uniqueName } from "../../shared/names.ts";
import { ArenaState, InputCommand } from "../../shared/schema.ts";
import { InputCredits, addPlayer, applyCommand, createWorld, drainEvents, removePlayer, setAway, stepWorld, type Rules, type SeenPosition, type World } from "../../shared/sim/index.ts";
import { ChatDesk, type ChatCounters } from "../game/chat-desk.ts";
import { StepSchedule, TickStats, tickStats } from "../game/tick-stats.ts";
import { ROOM_TICK_CAPACITY, serverStats } from "../game/server-stats.ts";
import { eventsToDeliveries, systemLine, type Delivery } from "../game/deliveries.ts";
import { rewoundPositions, viewLagMs } from "../game/lag-compensation.ts";
import { processTally } from "../game/process-tally.ts";
import { newPlayerState, syncState } from "../game/sync.ts";
import { SlidingWindowLimiter } from "../rules/rate-limit.ts";
import { FrameGate, flattenFrameCounters, type GateAction } from "../game/frame-gate.ts";
import { onRawFrames } from "../game/raw-frames.ts";
import { makeRoomCode } from "../rules/room-code.ts";
import { lowestFreeSeat } from "../rules/seats.ts";

/** Colyseus' close code for a client it closed after an undecodable message (CloseCode.WITH_ERROR). */
const COLYSEUS_WITH_ERROR = 4002;

/** Options the server fixes for every arena room (defineRoom's defaults win over the client's). */
export interface ArenaRoomOptions {
  rules: Rules;
  maxPlayers: number;
  /** steps per state patch; PATCH_EVERY_TICKS when absent. */
  ticksPerPatch?: number;
  /** ms, lag compensation bound (0 = off); MAX_REWIND_MS when absent. */
  maxRewindMs?: number;
  /** s a dropped player's seat is held (0 = none); RECONNECT_SECONDS when absent. */
  reconnectSeconds?: number;
  /** caps of this process (arena rooms; players in them); unlimited when absent. */
  maxRooms?: number;
  maxClients?: number;
  /** PRNG seed; a fixed seed makes a room replayable in tests. */
  seed?: number;
}

/** Counters of input the room refused or corrected, for tests, logs and monitoring. */
export interface DropCounters extends ChatCounters {
  /** inputs whose move axes were out of [-1, 1] and were clamped. */
  clampedInputs: number;
  unknownMessages: number;
  /** frames refused before decoding (shape, rate) and clients closed for it; see FrameGate. */
  [frameCounter: string]: number;
}

/**
 * The arena room adapts Colyseus to shared/sim: it feeds inputs to the step, mirrors the
 * world into the schema state, and turns sim events and chat into messages. No rules here.
 */
export class ArenaRoom extends Room<{ state: ArenaState; input: InputCommand }> {
  state = new ArenaState();
  // Frame rates are limited by `gate`, per the room's tick rate and with our own close
  // code; Colyseus' own limit would close with its generic error code, 4002.
  maxMessagesPerSecond = Infinity;
  seatReservationTimeout = SEAT_RESERVATION_SECONDS;
  inputs = this.defineInput(InputCommand, {
    bufferMaxSize: INPUT_BUFFER_SIZE,
    // Sanitisers fix values in place; out-of-range axes are clamped and counted.
    // `aim` needs nothing: the 16-bit angle field wraps any value, NaN included, into [0, 2π).
    sanitize: (cmd) => {
      if (Math.abs(cmd.moveX) > 1 || Math.abs(cmd.moveY) > 1) {
        this.clampedInputs++;
        cmd.moveX = Math.sign(cmd.moveX);
        cmd.moveY = Math.sign(cmd.moveY);
      }
    },
  });

  world!: World;
  private readonly names = new Map<string, string>();
  private readonly chat = new ChatDesk(this.names);
  private readonly credits = new InputCredits(INPUT_CREDIT_MAX);
  private clampedInputs = 0;
  private unknownMessages = 0;
  private readonly unknownReplies = new SlidingWindowLimiter(1, UNKNOWN_REPLY_EVERY_MS);
  private gate!: FrameGate;
  /** set once the room closes itself after an error, so it does so once. */
  private failed = false;
  private nextColor = 0;
  private inStep = false;
  private ticksPerPatch = PATCH_EVERY_TICKS;
  private maxRewindMs = MAX_REWIND_MS;
  private reconnectSeconds = RECONNECT_SECONDS;
  private maxClientsPerProcess = Infinity;
  /** this room counts toward the process' room cap (onCreate got past it). */
  private counted = false;
  /** locked because the process is at its player cap, so quick play looks elsewhere. */
  private lockedForProcess = false;
  private unwatchLoad: (() => void) | null = null;
  /** players' synced x/y history; null when lag compensation is off. */
  private rewind: Rewind | null = null;
  /** where a shooter saw each target, from `rewind`; undefined when compensation is off. */
  private seen: SeenPosition | undefined;
  private schedule!: StepSchedule;
  /** This room's own step times, for its clients' net graph (tickStats mixes every room). */
  private readonly ownTicks = new TickStats(ROOM_TICK_CAPACITY);

  /**
   * Runs at matchmaking, before a seat is reserved: a request with bad options never holds
   * a seat (a flood of them once filled every seat of a process).
   */
  static async onAuth(_token: string, options: unknown, _context: AuthContext): Promise<boolean> {
    const parsed = JoinOptionsSchema.safeParse(options ?? {});
    if (!parsed.success) throw new ServerError(400, `invalid join options: ${parsed.error.issues[0]?.message ?? "bad shape"}`);
    const problem = nameProblem(parsed.data.name);
    if (problem) throw new ServerError(400, `invalid name: ${problem}`);
    return true;
  }

  async onCreate(options: ArenaRoomOptions & { private?: unknown }) {
    if (processTally.arenaRooms >= (options.maxRooms ?? Infinity)) throw new ServerError(503, SERVER_FULL_MESSAGE);
    this.gate = new FrameGate(options.rules.tickHz, () => {
      const mode = this._timelineMode();
      return { render: mode?.snapshot ?? false, reckon: mode?.reckon ?? false };
    });
    onRawFrames(this, (client, bytes) => this.screen(client, bytes), (client) => this.enforce(client, this.gate.undecodable(client.sessionId)));
    this.maxClientsPerProcess = options.maxClients ?? Infinity;
    this.maxClients = options.maxPlayers;
    this.world = createWorld(ARENA_MAP, options.rules, options.seed ?? randomInt(2 ** 31));
    this.state.mapName = ARENA_MAP.name;
    if (options.private === true) {
      this.roomId = await unusedRoomCode();
      await this.setPrivate(true);
    }
    await this.setMetadata({ map: ARENA_MAP.name });

    this.onMessage(Msg.chat, (client, message) => this.deliver(this.chat.receive(client.sessionId, message, this.clock.elapsedTime)));
    this.onMessage("*", (client) => {
      this.unknownMessages++;
      // Never echo the type (its size is the sender's): one short fixed line now and then.
      if (this.unknownReplies.tryTake(client.sessionId, this.clock.elapsedTime)) {
        client.send(Msg.chat, { kind: "error", from: "", to: "", text: UNKNOWN_MESSAGE_LINE });
      }
    });

    this.schedule = new StepSchedule(1000 / options.rules.tickHz);
    this.setFixedTimestep((ctx) => this.step(ctx), options.rules.tickHz);
    // Behind a load balancer a client cannot pick which process's /metrics it reads, so the
    // room tells its own clients how long its steps take.
    this.clock.setInterval(() => this.broadcast(Msg.serverStats, serverStats(this.ownTicks, performance.now())), SERVER_STATS_EVERY_MS);
    // Advertised to clients as the patch cadence; the step itself broadcasts (below).
    this.ticksPerPatch = options.ticksPerPatch ?? PATCH_EVERY_TICKS;
    this.patchRate = (1000 / options.rules.tickHz) * this.ticksPerPatch;
    this.maxRewindMs = options.maxRewindMs ?? MAX_REWIND_MS;
    this.reconnectSeconds = options.reconnectSeconds ?? RECONNECT_SECONDS;
    // Told to clients so their reconnection retries cover exactly the seat hold.
    this.state.reconnectSeconds = this.reconnectSeconds;
    if (this.maxRewindMs > 0) {
      // Records what each patch carried; clients then stamp inputs with their render time.
      this.rewind = this.allowRewindState({ maxRewindMs: this.maxRewindMs });
      this.rewind.attachAll(this.state.players, { fields: ["x", "y"] });
      this.seen = rewoundPositions(this.rewind, this.stateOf, () => this.clock.elapsedTime);
    }
    this.syncNow();
    // counted once created: a room that failed to set up never takes a slot of the cap
    processTally.roomOpened();
    this.counted = true;
    this.unwatchLoad = processTally.onLoadChange(() => void this.followProcessLoad());
    void this.followProcessLoad();
  }

  /**
   * A process at its player cap locks its rooms: quick play then opens a room on another
   * process (or says every process is full) instead of offering a seat this process refuses.
   */
  private async followProcessLoad(): Promise<void> {
    const full = processTally.arenaPlayers >= this.maxClientsPerProcess;
    if (full && !this.lockedForProcess && !this.locked) {
      this.lockedForProcess = true;
      await this.lock();
    } else if (!full && this.lockedForProcess && !this.hasReachedMaxClients()) {
      this.lockedForProcess = false;
      await this.unlock();
    }
  }

  /** Whether shots are tested against targets as their shooter saw them. */
  get lagCompensated(): boolean {
    return this.rewind !== null;
  }

  get dropped(): DropCounters {
    return { ...this.chat.counters, clampedInputs: this.clampedInputs, unknownMessages: this.unknownMessages, ...flattenFrameCounters(this.gate.counters) };
  }

  onJoin(client: Client, options: JoinOptions) {
    // The process cap is checked as the socket arrives (the seat was reserved earlier).
    if (processTally.arenaPlayers >= this.maxClientsPerProcess) throw new ServerError(503, SERVER_FULL_MESSAGE);
    processTally.playerSeated();
    const name = uniqueName(sanitizeName(options.name), this.names.values());
    this.names.set(client.sessionId, name);
    const seat = lowestFreeSeat([...this.state.players.values()].map((p) => p.slot));
    this.state.players.set(client.sessionId, newPlayerState(name, this.nextColor++ % PLAYER_COLOR_COUNT, seat));
    addPlayer(this.world, client.sessionId);
    this.flushEvents();
    this.syncNow();
    // Everyone but the one who joined hears about it; the joiner gets its own welcome.
    this.deliver([
      { to: { except: client.sessionId }, type: Msg.chat, payload: systemLine(`${name} joined`) },
      { to: { only: [client.sessionId] }, type: Msg.chat, payload: systemLine(`Welcome, ${name}. Enter to chat, /w name to whisper.`) },
    ]);
  }

  onDrop(client: Client, code?: number) {
    // A room closing (shutdown, error) holds no seats: Colyseus refuses ("disposing") anyway.
    // A client kicked for abuse gets no seat to come back to either.
    // So does one Colyseus closed for an undecodable message (its 4002), which no honest SDK sends.
    if (code === CloseCode.serverShutdown || code === CloseCode.roomError || code === COLYSEUS_WITH_ERROR || isAbuseClose(code) || this.reconnectSeconds <= 0) return;
    // Out of play while away: not drawn, not hittable, no commands; still seated.
    setAway(this.world, client.sessionId, true);
    this.syncNow();
    // Not awaited: Colyseus keeps the seat and calls onLeave itself if the window passes.
    this.allowReconnection(client, this.reconnectSeconds).catch(() => {});
  }

  onReconnect(client: Client) {
    setAway(this.world, client.sessionId, false);
    this.syncNow();
  }

  onLeave(client: Client) {
    processTally.playerLeft();
    const name = this.names.get(client.sessionId) ?? "someone";
    removePlayer(this.world, client.sessionId);
    this.state.players.delete(client.sessionId);
    this.names.delete(client.sessionId);
    this.credits.forget(client.sessionId);
    this.chat.forget(client.sessionId);
    this.gate.forget(client.sessionId);
    this.unknownReplies.forget(client.sessionId);
    this.broadcast(Msg.chat, systemLine(`${name} left`));
  }

  onDispose() {
    processTally.retire({ ...this.dropped });
    this.unwatchLoad?.();
    if (this.counted) processTally.roomClosed();
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

  /** Every raw frame a client sends, before Colyseus decodes it: false drops the frame. */
  private screen(client: Client, bytes: Uint8Array): boolean {
    return this.enforce(client, this.gate.check(client.sessionId, bytes, this.clock.elapsedTime));
  }

  private enforce(client: Client, action: GateAction): boolean {
    if (action.pass) return true;
    if (action.close !== undefined) this.kickClient(client.sessionId, action.close, CLOSE_REASON[action.close]);
    return false;
  }

  /** Patches go out from the end of the step only, so none carries a stale step. */
  broadcastPatch(): boolean {
    return this.inStep ? super.broadcastPatch() : false;
  }

  private step(ctx: StepContext) {
    const start = performance.now();
    const due = this.schedule.due(start);
    const now = this.clock.elapsedTime;
    for (const [id, player] of this.world.players) {
      // Consumed one by one, so the SDK's ack names exactly the inputs applied; `break`
      // leaves the rest buffered for the next step.
      const allowed = this.credits.grant(id);
      let used = 0;
      const pending = this.inputs.get(id);
      for (const cmd of pending) {
        applyCommand(this.world, player, cmd, viewLagMs(now, pending.renderTime, this.maxRewindMs));
        if (++used >= allowed) break;
      }
      this.credits.spend(id, used);
    }
    stepWorld(this.world, this.seen);
    this.flushEvents();
    this.syncNow();
    if (ctx.tick % this.ticksPerPatch === 0) {
      this.inStep = true;
      try {
        this.broadcastPatch();
      } finally {
        this.inStep = false;
      }
    }
    const end = performance.now();
    tickStats.record(due, start, end, ctx.dtMs);
    this.ownTicks.record(due, start, end, ctx.dtMs);
  }

  private readonly stateOf = (id: string) => this.state.players.get(id);
  private readonly slotOf = (id: string) => this.stateOf(id)?.slot ?? NO_SLOT;

  private syncNow() {
    syncState(this.world, this.state, this.clock.elapsedTime, this.slotOf);
  }

  private flushEvents() {
    this.deliver(eventsToDeliveries(drainEvents(this.world), this.world, this.names, this.slotOf));
  }

  private deliver(deliveries: Delivery[]) {
    for (const d of deliveries) {
      if (d.to === "all") this.broadcast(d.type, d.payload);
      else if ("except" in d.to) this.broadcast(d.type, d.payload, { except: this.clients.getById(d.to.except) });
      else for (const id of d.to.only) this.clients.getById(id)?.send(d.type, d.payload);
    }
  }
}

async function unusedRoomCode(): Promise<string> {
  // 20 tries at 28 M codes: a clash every time means something else is wrong
  for (let attempt = 0; attempt < 20; attempt++) {
    const code = makeRoomCode((n) => randomInt(n));
    const taken = await matchMaker.query({ roomId: code });
    if (taken.length === 0) return code;
  }
  throw new ServerError(503, "could not allocate a private room code; try again");
}
