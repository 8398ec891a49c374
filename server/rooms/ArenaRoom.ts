import { randomInt } from "node:crypto";
import { Room, ServerError, matchMaker, type Client, type StepContext } from "@colyseus/core";
import {
  CHAT_BURST,
  CHAT_WINDOW_SECONDS,
  INPUT_BUFFER_SIZE,
  INPUT_CREDIT_MAX,
  MAX_MESSAGES_PER_SECOND,
  PATCH_EVERY_TICKS,
} from "../../shared/constants.ts";
import { ARENA_MAP } from "../../shared/maps/arena.ts";
import { ChatIn, CloseCode, JoinOptions, Msg, type ChatOut } from "../../shared/messages.ts";
import { sanitizeName, uniqueName } from "../../shared/names.ts";
import { ArenaState, InputCommand } from "../../shared/schema.ts";
import { addPlayer, applyCommand, createWorld, drainEvents, removePlayer, stepWorld, type Rules, type World } from "../../shared/sim/index.ts";
import { eventsToDeliveries, systemLine } from "../game/deliveries.ts";
import { newPlayerState, syncState } from "../game/sync.ts";
import { decideChat } from "../rules/chat.ts";
import { InputCredits } from "../rules/input-credits.ts";
import { SlidingWindowLimiter } from "../rules/rate-limit.ts";
import { makeRoomCode } from "../rules/room-code.ts";

/** Options the server fixes for every arena room (defineRoom's defaults win over the client's). */
export interface ArenaRoomOptions {
  rules: Rules;
  maxPlayers: number;
  /** PRNG seed; a fixed seed makes a room replayable in tests. */
  seed?: number;
}

/** Counters of input the room refused, for tests, logs and /healthz. */
export interface DropCounters {
  badMessages: number;
  chatRateLimited: number;
  unknownMessages: number;
}

/**
 * The arena room adapts Colyseus to shared/sim: it feeds inputs to the step, mirrors the
 * world into the schema state, and turns sim events and chat into messages. No rules here.
 */
export class ArenaRoom extends Room<{ state: ArenaState; input: InputCommand }> {
  state = new ArenaState();
  maxMessagesPerSecond = MAX_MESSAGES_PER_SECOND;
  inputs = this.defineInput(InputCommand, {
    bufferMaxSize: INPUT_BUFFER_SIZE,
    sanitize: { moveX: [-1, 1], moveY: [-1, 1] },
  });

  world!: World;
  readonly dropped: DropCounters = { badMessages: 0, chatRateLimited: 0, unknownMessages: 0 };
  private readonly names = new Map<string, string>();
  private readonly credits = new InputCredits(INPUT_CREDIT_MAX);
  private readonly chatLimiter = new SlidingWindowLimiter(CHAT_BURST, CHAT_WINDOW_SECONDS * 1000);
  private nextColor = 0;
  private inStep = false;

  async onCreate(options: ArenaRoomOptions & { private?: unknown }) {
    this.maxClients = options.maxPlayers;
    this.world = createWorld(ARENA_MAP, options.rules, options.seed ?? randomInt(2 ** 31));
    this.state.mapName = ARENA_MAP.name;
    if (options.private === true) {
      this.roomId = await unusedRoomCode();
      await this.setPrivate(true);
    }
    await this.setMetadata({ map: ARENA_MAP.name });

    this.onMessage(Msg.chat, (client, message) => this.onChat(client, message));
    this.onMessage("*", (client, type) => {
      this.dropped.unknownMessages++;
      this.sendChat(client, { kind: "error", from: "", to: "", text: `Unknown message type "${String(type)}".` });
    });

    this.setFixedTimestep((ctx) => this.step(ctx), options.rules.tickHz);
    // Advertised to clients as the patch cadence; the step itself broadcasts (below).
    this.patchRate = (1000 / options.rules.tickHz) * PATCH_EVERY_TICKS;
    syncState(this.world, this.state, this.clock.elapsedTime);
  }

  onAuth(_client: Client, options: unknown) {
    const parsed = JoinOptions.safeParse(options ?? {});
    if (!parsed.success) throw new ServerError(400, `invalid join options: ${parsed.error.issues[0]?.message ?? "bad shape"}`);
    if (sanitizeName(parsed.data.name) === "") {
      throw new ServerError(400, "invalid name: use 1 to 16 printable characters");
    }
    return true;
  }

  onJoin(client: Client, options: JoinOptions) {
    const name = uniqueName(sanitizeName(options.name), this.names.values());
    this.names.set(client.sessionId, name);
    this.state.players.set(client.sessionId, newPlayerState(name, this.nextColor++ % 8));
    addPlayer(this.world, client.sessionId);
    this.flushEvents();
    syncState(this.world, this.state, this.clock.elapsedTime);
    // socket.io's broadcast.emit: everyone but the one who joined hears about it.
    this.broadcast(Msg.chat, systemLine(`${name} joined`), { except: client });
    client.send(Msg.chat, systemLine(`Welcome, ${name}. Enter to chat, /w name to whisper.`));
  }

  onLeave(client: Client) {
    const name = this.names.get(client.sessionId) ?? "someone";
    removePlayer(this.world, client.sessionId);
    this.state.players.delete(client.sessionId);
    this.names.delete(client.sessionId);
    this.credits.forget(client.sessionId);
    this.chatLimiter.forget(client.sessionId);
    this.broadcast(Msg.chat, systemLine(`${name} left`));
  }

  onBeforeShutdown() {
    this.broadcast(Msg.chat, systemLine("The server is shutting down."));
    void this.disconnect(CloseCode.serverShutdown);
  }

  /** Patches go out from the end of the step only, so none carries a stale step. */
  broadcastPatch(): boolean {
    return this.inStep ? super.broadcastPatch() : false;
  }

  private step(ctx: StepContext) {
    for (const [id, player] of this.world.players) {
      const allowed = this.credits.grant(id);
      let used = 0;
      if (allowed > 0) {
        for (const cmd of this.inputs.get(id)) {
          applyCommand(this.world, player, cmd);
          if (++used >= allowed) break;
        }
      }
      this.credits.spend(id, used);
    }
    stepWorld(this.world);
    this.flushEvents();
    syncState(this.world, this.state, this.clock.elapsedTime);
    if (ctx.tick % PATCH_EVERY_TICKS === 0) {
      this.inStep = true;
      try {
        this.broadcastPatch();
      } finally {
        this.inStep = false;
      }
    }
  }

  private flushEvents() {
    for (const d of eventsToDeliveries(drainEvents(this.world), this.world, this.names)) {
      if (d.to === "all") this.broadcast(d.type, d.payload);
      else for (const c of this.clients) if (d.to.includes(c.sessionId)) c.send(d.type, d.payload);
    }
  }

  private onChat(client: Client, message: unknown) {
    const parsed = ChatIn.safeParse(message);
    if (!parsed.success) {
      this.dropped.badMessages++;
      this.sendChat(client, { kind: "error", from: "", to: "", text: "Message rejected: chat text must be 1 to 200 characters." });
      return;
    }
    if (!this.chatLimiter.tryTake(client.sessionId, this.clock.elapsedTime)) {
      this.dropped.chatRateLimited++;
      this.sendChat(client, { kind: "error", from: "", to: "", text: `Slow down: at most ${CHAT_BURST} messages every ${CHAT_WINDOW_SECONDS} s.` });
      return;
    }
    const from = this.names.get(client.sessionId) ?? "";
    const decision = decideChat(client.sessionId, parsed.data.text, { names: this.names });
    if (decision.kind === "error") {
      this.sendChat(client, { kind: "error", from: "", to: "", text: decision.text });
    } else if (decision.kind === "all") {
      this.broadcast(Msg.chat, { kind: "all", from, to: "", text: decision.text });
    } else {
      const line: ChatOut = { kind: "whisper", from, to: this.names.get(decision.targetId) ?? "", text: decision.text };
      const target = this.clients.getById(decision.targetId);
      target?.send(Msg.chat, line);
      this.sendChat(client, line); // the sender sees their own whisper, as in any chat client
    }
  }

  private sendChat(client: Client, line: ChatOut) {
    client.send(Msg.chat, line);
  }
}

async function unusedRoomCode(): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const code = makeRoomCode((n) => randomInt(n));
    const taken = await matchMaker.query({ roomId: code });
    if (taken.length === 0) return code;
  }
  throw new ServerError(503, "could not allocate a private room code; try again");
}
