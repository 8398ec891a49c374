/**
 * One headless player: a real @colyseus/sdk client that joins an arena as `bot-<n>`, reads
 * the synced state into a BotView every fixed step, asks its strategy for a command and
 * sends it through the SDK's input channel, exactly as docs/protocol.md describes.
 */
import { wire } from "../devkit/wire-meter-install.ts"; // first: it wraps WebSocket before the SDK captures it
import { CloseCode as SdkCloseCode, type Client, type Room } from "@colyseus/sdk";
import { closeMessage, joinErrorMessage } from "../client/net/closeReason.ts";
import { NO_SLOT, RECONNECT_SECONDS, ROOM_NAME, TICK_HZ } from "../shared/constants.ts";
import { reconnectRetriesFor } from "../shared/reconnect.ts";
import { Msg, type HitOut, type KillOut, type RoundOut } from "../shared/messages.ts";
import { ArenaState, InputCommand } from "../shared/schema.ts";
import type { StrategyName } from "../shared/brains/strategies.ts";
import { createStrategy } from "../shared/brains/strategies.ts";
import type { BotView, SeenPlayer, Strategy } from "../shared/brains/view.ts";
import { processBaseOf, processIdOf, seatHostLost } from "./seat-host.ts";

export { wire };

/** steps. After a stall (GC, a busy thread) send at most this many overdue inputs at once
 *  and drop the rest, so a bot never bursts past the server's credit bank (8). */
export const MAX_CATCH_UP_STEPS = 3;
/** ms. Each bot pings the server this often: the socket's round trip, without the wait for
 *  the next server step that the SDK's input-ack RTT includes. */
const PING_EVERY_MS = 2000;
/** Checks of the seat's process after a drop: this many misses in a row, this far apart, mean
 *  the process is gone and the bot rejoins through quick play (about 1 s after the drop). */
const SEAT_HOST_MISSES = 2;
const SEAT_HOST_EVERY_MS = 500;
const SEAT_HOST_TIMEOUT_MS = 1000;
/** quick-play attempts, 1 s apart, when the bot's process is gone or restarting. */
const REHOME_ATTEMPTS = 5;
/** ms. How long a bot waits for the server to confirm it left before giving up. */
const LEAVE_TIMEOUT_MS = 3000;

/** Counters shared by every bot of a thread: cumulative, read by the thread's reporter. */
export interface Counters {
  inputs: number;
  patches: number;
  shots: number;
  kills: number;
  deaths: number;
  hits: number;
  errors: number;
  drops: number;
  reconnects: number;
  /** times the bot's process went away (SIGKILL, restart) and it rejoined through quick play. */
  rehomes: number;
  disconnects: number;
  /** console.warn / console.error lines from the SDK and schema decoder (e.g. a schema
   *  definition mismatch with the server). */
  warnings: number;
}

export function newCounters(): Counters {
  return { inputs: 0, patches: 0, shots: 0, kills: 0, deaths: 0, hits: 0, errors: 0, drops: 0, reconnects: 0, rehomes: 0, disconnects: 0, warnings: 0 };
}

export interface RoundEvent {
  roomId: string;
  round: number;
  phase: "playing" | "results";
  /** kills of the round's best player ("results" only). */
  topKills: number;
}

/** Where the bot reports what is not a counter. */
export interface BotSink {
  counters: Counters;
  /** an error or disconnect, as one line. */
  note(message: string): void;
  round(event: RoundEvent): void;
}

export type JoinHow = { kind: "quick" } | { kind: "create" } | { kind: "id"; roomId: string };

export type BotStatus = "idle" | "joining" | "playing" | "dropped" | "gone" | "failed" | "left";

export class Bot {
  status: BotStatus = "idle";
  room: Room<unknown, ArenaState> | null = null;
  /** ms of performance.now() when the bot joined, or while it stayed connected. */
  private connectedSince = 0;
  private connectedMs = 0;
  private strategy: Strategy | null = null;
  private timer: NodeJS.Timeout | null = null;
  private nextAt = 0;
  private stepMs = 1000 / TICK_HZ;
  private stopping = false;
  private nextPingAt = 0;
  private readonly seen = new Map<string, SeenPlayer>();
  private readonly players: SeenPlayer[] = [];
  private pingMs = 0;
  readonly name: string;
  readonly index: number;
  private readonly strategyName: StrategyName;
  private readonly seed: number;
  private readonly sink: BotSink;
  private client: Client | null = null;
  private url = "";

  constructor(index: number, strategyName: StrategyName, seed: number, sink: BotSink) {
    this.index = index;
    this.name = `bot-${index}`;
    this.strategyName = strategyName;
    this.seed = seed;
    this.sink = sink;
  }

  /** Joins; resolves with the room id, or null when the join failed (already reported). */
  async join(client: Client, how: JoinHow, url: string, reportFailure = true): Promise<string | null> {
    this.status = "joining";
    this.client = client;
    this.url = url;
    const options = { name: this.name };
    let room: Room<unknown, ArenaState>;
    try {
      if (how.kind === "quick") room = await client.joinOrCreate(ROOM_NAME, options, ArenaState);
      else if (how.kind === "create") room = await client.create(ROOM_NAME, options, ArenaState);
      else room = await client.joinById(how.roomId, options, ArenaState);
    } catch (err) {
      this.status = "failed";
      if (reportFailure) {
        this.sink.counters.errors++;
        this.sink.note(`join failed: ${joinErrorMessage(err, url)}`);
      }
      return null;
    }
    if (this.stopping) {
      await leaveWithin(room, LEAVE_TIMEOUT_MS);
      this.status = "left";
      return room.roomId;
    }
    this.room = room;
    // Retry as long as the server holds a dropped seat (it says how long in its state; the
    // SDK's default 15 retries would back off to ~60 s), the default hold until it has.
    let hold = RECONNECT_SECONDS;
    room.reconnection.maxRetries = reconnectRetriesFor(hold);
    room.onStateChange((state) => {
      if (state.reconnectSeconds !== hold) room.reconnection.maxRetries = reconnectRetriesFor((hold = state.reconnectSeconds));
    });
    this.listen(room);
    const input = room.input({ type: InputCommand, mode: "reliable" });
    // The server's advertised step rate wins; TICK_HZ only if it advertised none.
    const tickHz = input.tickRate ?? TICK_HZ;
    this.stepMs = 1000 / tickHz;
    this.strategy = createStrategy(this.strategyName, this.seed, { tickHz });
    this.status = "playing";
    this.connectedSince = performance.now();
    this.nextAt = performance.now() + this.stepMs;
    // spread the bots' pings over the interval (337 ms apart, mod 2 s)
    this.nextPingAt = performance.now() + ((this.index * 337) % PING_EVERY_MS);
    const tick = () => {
      const now = performance.now();
      let sent = 0;
      while (this.nextAt <= now && sent < MAX_CATCH_UP_STEPS) {
        this.step(room, input);
        this.nextAt += this.stepMs;
        sent++;
      }
      if (now >= this.nextPingAt && room.connection.isOpen) {
        this.nextPingAt = now + PING_EVERY_MS;
        room.ping((ms) => (this.pingMs = ms));
      }
      // Still behind after the catch-up: skip the missed steps rather than burst them.
      if (this.nextAt <= now) this.nextAt = now + this.stepMs;
      // Scheduled by absolute time, so timer lateness never accumulates into drift.
      this.timer = setTimeout(tick, this.nextAt - now);
    };
    this.timer = setTimeout(tick, this.stepMs);
    return room.roomId;
  }

  private listen(room: Room<unknown, ArenaState>): void {
    const c = this.sink.counters;
    room.onStateChange(() => c.patches++);
    room.onMessage(Msg.chat, () => {});
    // Kills and hits name players by seat.
    const mySlot = () => room.state.players?.get(room.sessionId)?.slot ?? NO_SLOT;
    room.onMessage(Msg.kill, (m: KillOut) => {
      const me = mySlot();
      if (me === NO_SLOT) return;
      if (m.killer === me) c.kills++;
      if (m.victim === me) c.deaths++;
    });
    room.onMessage(Msg.hit, (m: HitOut) => {
      const me = mySlot();
      if (me !== NO_SLOT && m.shooter === me) c.hits++;
    });
    room.onMessage(Msg.round, (m: RoundOut) => {
      this.sink.round({ roomId: room.roomId, round: m.round, phase: m.phase, topKills: m.standings[0]?.kills ?? 0 });
    });
    // Anything newer than this protocol: ignore quietly instead of the SDK's warning.
    room.onMessage("*", () => {});
    // Events of a room given up for another (rehome) are no longer this bot's.
    const mine = () => this.room === room;
    room.onError((code, message) => {
      if (!mine()) return;
      // A socket "error" event has no code, and the close right after it is counted as a
      // drop or a disconnect; while dropped, every failed reconnection attempt errors too.
      if (code === undefined || this.status === "dropped") return;
      c.errors++;
      this.sink.note(`room error ${code}${message ? `: ${message}` : ""}`);
    });
    room.onDrop((code, reason) => {
      if (!mine() || this.status === "dropped") return; // a failed retry of the same drop
      c.drops++;
      this.pauseClock();
      this.status = "dropped";
      this.sink.note(`dropped, reconnecting: ${closeMessage(code, reason)}`);
      void this.watchSeatHost(room);
    });
    room.onReconnect(() => {
      if (!mine()) return;
      c.reconnects++;
      this.connectedSince = performance.now();
      this.status = "playing";
    });
    room.onLeave((code, reason) => {
      if (!mine()) return;
      this.clearTimer();
      this.pauseClock();
      if (this.stopping) return;
      // Not a leave the bot asked for: its process restarted (4100), its seat was not kept, or
      // the SDK would not retry (a drop in the first 5 s). A player would press Quick play.
      if (code !== SdkCloseCode.CONSENTED) return void this.rehome(room, closeMessage(code, reason));
      c.disconnects++;
      this.status = "gone";
      this.sink.note(`left the room: ${closeMessage(code, reason)}`);
    });
  }

  /** While dropped: if the seat's process is gone for good, stop retrying it and rejoin. */
  private async watchSeatHost(room: Room<unknown, ArenaState>): Promise<void> {
    const base = processBaseOf(room.connection.url ?? "");
    if (!base) return;
    const lost = await seatHostLost(base, this.url, {
      processId: processIdOf(room.connection.url ?? ""),
      misses: SEAT_HOST_MISSES,
      everyMs: SEAT_HOST_EVERY_MS,
      timeoutMs: SEAT_HOST_TIMEOUT_MS,
      stillWaiting: () => this.room === room && this.status === "dropped" && !this.stopping,
    });
    if (lost && this.room === room && this.status === "dropped") await this.rehome(room, "its server process is gone");
  }

  /** Gives up `room` (its process is gone or restarting) and joins another through quick play. */
  private async rehome(room: Room<unknown, ArenaState>, why: string): Promise<void> {
    room.reconnection.maxRetries = 0; // ends the SDK's retry chain at its next attempt
    this.room = null;
    this.clearTimer();
    this.pauseClock();
    this.sink.counters.rehomes++;
    this.sink.note(`rejoining through quick play: ${why}`);
    for (let attempt = 1; attempt <= REHOME_ATTEMPTS && !this.stopping; attempt++) {
      if ((await this.join(this.client!, { kind: "quick" }, this.url, attempt === REHOME_ATTEMPTS)) !== null) return;
      await new Promise((r) => setTimeout(r, 1000));
    }
    this.status = "gone";
    this.sink.counters.disconnects++;
  }

  private step(room: Room<unknown, ArenaState>, input: ReturnType<Room["input"]>): void {
    // While the SDK reconnects, commands would only pile up in its send queue.
    if (this.status !== "playing" || !room.connection.isOpen) return;
    const view = this.view(room);
    let cmd;
    try {
      cmd = this.strategy!.decide(view);
    } catch (err) {
      this.sink.counters.errors++;
      this.sink.note(`strategy failed: ${(err as Error).message}`);
      return;
    }
    const data = input.data as InputCommand;
    data.moveX = cmd.moveX;
    data.moveY = cmd.moveY;
    data.aim = cmd.aim;
    data.fire = cmd.fire;
    input.send();
    this.sink.counters.inputs++;
    if (cmd.fire) this.sink.counters.shots++;
  }

  /**
   * The bot's BotView, rebuilt every step from its own copy of the state. The SeenPlayer
   * objects are reused from step to step (thousands of bots × 30 Hz × 16 players would
   * otherwise be a steady stream of garbage), so a strategy must copy what it keeps.
   */
  private view(room: Room<unknown, ArenaState>): BotView {
    const players = this.players;
    players.length = 0;
    let self: SeenPlayer | null = null;
    room.state.players?.forEach((p, id) => {
      if (p.away && id !== room.sessionId) return; // out of play: not a target
      let seen = this.seen.get(id);
      if (!seen) this.seen.set(id, (seen = { id, x: 0, y: 0, hp: 0, shielded: false }));
      seen.x = p.x;
      seen.y = p.y;
      seen.hp = p.hp;
      seen.shielded = p.shielded;
      players.push(seen);
      if (id === room.sessionId) self = seen;
    });
    // players who left: forget them now and then, not every step
    if (this.seen.size > players.length * 2) for (const id of this.seen.keys()) if (!room.state.players?.has(id)) this.seen.delete(id);
    return { selfId: room.sessionId, self, players, phase: room.state.phase ?? "playing" };
  }

  /** Players in the room as this bot's copy of the state has them. */
  seenPlayers(): number {
    return this.room?.state.players?.size ?? 0;
  }

  /** ms: the last ping's round trip; 0 before the first answer. */
  rttMs(): number {
    return this.status === "playing" ? this.pingMs : 0;
  }

  /** ms: the SDK's smoothed input round trip (send to ack in a patch), which includes
   *  waiting for the server's next step: up to one step more than the ping. */
  inputAckMs(): number {
    return this.status === "playing" && this.room ? this.room.clock.smoothedRtt() : 0;
  }

  /** ms this bot has been connected in total. */
  connectedTime(now: number): number {
    return this.connectedMs + (this.connectedSince > 0 ? now - this.connectedSince : 0);
  }

  private pauseClock(): void {
    if (this.connectedSince > 0) this.connectedMs += performance.now() - this.connectedSince;
    this.connectedSince = 0;
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Leaves the room cleanly (consented leave), or gives up after LEAVE_TIMEOUT_MS. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.clearTimer();
    const room = this.room;
    if (!room || (this.status !== "playing" && this.status !== "dropped")) return;
    this.pauseClock();
    await leaveWithin(room, LEAVE_TIMEOUT_MS);
    this.status = "left";
  }
}

async function leaveWithin(room: Room, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  try {
    await Promise.race([room.leave(true).then(() => undefined), timeout]);
  } catch {
    /* a socket that is already gone has nothing to leave */
  } finally {
    clearTimeout(timer);
  }
}
