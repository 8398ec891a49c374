/**
 * One arena's game without the network: the world and who sits in it (names, seats,
 * colours), input credits, chat, and the schema state mirrored from the world. ArenaRoom
 * hands it what Colyseus hears and sends the deliveries it returns; times come in as
 * arguments (the room's clock, ms).
 */
import { BOT_SKILL, INPUT_CREDIT_MAX, NO_SLOT, PLAYER_COLOR_COUNT, UNKNOWN_REPLY_EVERY_MS, type BotSkillLevel } from "../../shared/constants.ts";
import type { ArenaMap } from "../../shared/maps/types.ts";
import { Msg, UNKNOWN_MESSAGE_LINE } from "../../shared/messages.ts";
import { sanitizeName, uniqueName } from "../../shared/names.ts";
import type { ArenaState } from "../../shared/schema.ts";
import { InputCredits, addPlayer, applyCommand, createWorld, drainEvents, removePlayer, setAway, stepWorld, type Command, type Rules, type SeenPosition, type World } from "../../shared/sim/index.ts";
import { botName, botToDismiss, botsWanted, fightSkill } from "../rules/bot-fill.ts";
import { SlidingWindowLimiter } from "../rules/rate-limit.ts";
import { lowestFreeSeat } from "../rules/seats.ts";
import { BotCrew } from "./bot-crew.ts";
import { ChatDesk, type ChatCounters } from "./chat-desk.ts";
import { eventsToDeliveries, systemLine, type Delivery } from "./deliveries.ts";
import { viewLagMs } from "./lag-compensation.ts";
import { newPlayerState, syncState } from "./sync.ts";

/** Input the game refused or corrected, for tests, logs and monitoring. */
export interface GameCounters extends ChatCounters {
  /** inputs whose move axes were out of [-1, 1] and were clamped. */
  clampedInputs: number;
  unknownMessages: number;
}

/** A player's buffered inputs (Colyseus' input buffer, or a bot's one command): `renderTime` is the stamp of the input last drained. */
export type PendingInputs = Iterable<Command> & { readonly renderTime: number };

/** Seat filling (server/rules/bot-fill.ts): bots top the room up to `fillTo` (0 = none), within `maxPlayers`. */
export interface BotFill {
  fillTo: number;
  maxPlayers: number;
  skill: BotSkillLevel;
}

const NO_FILL: BotFill = { fillTo: 0, maxPlayers: 0, skill: BOT_SKILL };

export class ArenaGame {
  readonly world: World;
  private readonly state: ArenaState;
  private readonly names = new Map<string, string>();
  private readonly chat = new ChatDesk(this.names);
  private readonly credits = new InputCredits(INPUT_CREDIT_MAX);
  private readonly unknownReplies = new SlidingWindowLimiter(1, UNKNOWN_REPLY_EVERY_MS);
  private clampedInputs = 0;
  private unknownMessages = 0;
  private nextColor = 0;
  private readonly fill: BotFill;
  /** the server's own players: seated here like humans, their commands decided by the crew. */
  readonly bots: BotCrew;

  constructor(state: ArenaState, map: ArenaMap, rules: Rules, seed: number, fill: BotFill = NO_FILL) {
    this.state = state;
    this.world = createWorld(map, rules, seed);
    this.fill = fill;
    this.bots = new BotCrew(fightSkill(fill.skill), seed, rules.tickHz, map);
    state.mapName = map.name;
  }

  /** Seated players who are not bots, away ones included (they hold their seats). */
  get humans(): number {
    return this.state.players.size - this.bots.size;
  }

  get counters(): GameCounters {
    return { ...this.chat.counters, clampedInputs: this.clampedInputs, unknownMessages: this.unknownMessages };
  }

  readonly slotOf = (id: string) => this.state.players.get(id)?.slot ?? NO_SLOT;

  /** Fixes an input in place: out-of-range axes are clamped and counted. `aim` needs
   *  nothing: the 16-bit angle field wraps any value, NaN included, into [0, 2π). */
  sanitize(cmd: Command): void {
    if (Math.abs(cmd.moveX) > 1 || Math.abs(cmd.moveY) > 1) {
      this.clampedInputs++;
      cmd.moveX = Math.sign(cmd.moveX);
      cmd.moveY = Math.sign(cmd.moveY);
    }
  }

  /**
   * Seats a human under a unique name, in the lowest free seat. A bot goes home first when
   * the room is at its fill level, so seats never outnumber the room's players; bots come
   * after when the room is below it.
   */
  join(id: string, rawName: string, nowMs: number): Delivery[] {
    this.dismissBotsPast(this.botsWantedFor(this.humans + 1));
    const name = this.seat(id, sanitizeName(rawName), false);
    this.enlistBotsUpTo(this.botsWantedFor(this.humans));
    const events = this.events();
    this.sync(nowMs);
    // Everyone but the one who joined hears about it; the joiner gets a welcome of their own.
    return [
      ...events,
      { to: { except: id }, type: Msg.chat, payload: systemLine(`${name} joined`) },
      { to: { only: [id] }, type: Msg.chat, payload: systemLine(`Welcome, ${name}. Enter to chat, /w name to whisper.`) },
    ];
  }

  /** Out of play while away (a dropped socket's seat held): not drawn, not hittable, no commands. */
  setAway(id: string, away: boolean, nowMs: number): void {
    setAway(this.world, id, away);
    this.sync(nowMs);
  }

  /** A human leaves; bots take up the slack, or all go once no human is left. */
  leave(id: string): Delivery[] {
    const name = this.names.get(id) ?? "someone";
    this.unseat(id);
    const wanted = this.botsWantedFor(this.humans);
    this.dismissBotsPast(wanted);
    this.enlistBotsUpTo(wanted);
    return [{ to: "all", type: Msg.chat, payload: systemLine(`${name} left`) }];
  }

  private botsWantedFor(humans: number): number {
    return botsWanted(humans, this.fill.fillTo, this.fill.maxPlayers);
  }

  /** Bots come and go without chat lines: the scoreboard and their name tags show them. */
  private enlistBotsUpTo(wanted: number): void {
    while (this.bots.size < wanted) this.seat(this.bots.enlist(), botName(this.names.values()), true);
  }

  private dismissBotsPast(wanted: number): void {
    while (this.bots.size > wanted) {
      const id = botToDismiss(this.bots.seated(this.world));
      if (id === null) return;
      this.unseat(id);
    }
  }

  /** Gives `id` a unique name, a colour and the lowest free seat; returns the name. */
  private seat(id: string, cleanName: string, bot: boolean): string {
    const name = uniqueName(cleanName, this.names.values());
    this.names.set(id, name);
    const seat = lowestFreeSeat([...this.state.players.values()].map((p) => p.slot));
    this.state.players.set(id, newPlayerState(name, this.nextColor++ % PLAYER_COLOR_COUNT, seat, bot));
    addPlayer(this.world, id);
    return name;
  }

  private unseat(id: string): void {
    removePlayer(this.world, id);
    this.state.players.delete(id);
    this.names.delete(id);
    this.bots.dismiss(id);
    this.credits.forget(id);
    this.chat.forget(id);
    this.unknownReplies.forget(id);
  }

  chatFrom(id: string, message: unknown, nowMs: number): Delivery[] {
    return this.chat.receive(id, message, nowMs);
  }

  /** A message of a type the game does not know: counted; never echoed (its size is the
   *  sender's), one short fixed line now and then. */
  unknownFrom(id: string, nowMs: number): Delivery[] {
    this.unknownMessages++;
    if (!this.unknownReplies.tryTake(id, nowMs)) return [];
    return [{ to: { only: [id] }, type: Msg.chat, payload: { kind: "error", from: "", to: "", text: UNKNOWN_MESSAGE_LINE } }];
  }

  /** One fixed step: each player's credited inputs, the world, its events; the state synced. */
  step(pendingOf: (id: string) => PendingInputs, nowMs: number, maxRewindMs: number, seen: SeenPosition | null): Delivery[] {
    this.bots.decide(this.world, nowMs);
    for (const [id, player] of this.world.players) {
      // Consumed one by one, so the SDK's ack names exactly the inputs applied; `break`
      // leaves the rest buffered for the next step.
      const allowed = this.credits.grant(id);
      let used = 0;
      // A bot's command takes a human's path from here: the same sanitizing, credits and step.
      const botInputs = this.bots.inputsOf(id);
      if (botInputs) for (const cmd of botInputs) this.sanitize(cmd);
      const pending = botInputs ?? pendingOf(id);
      for (const cmd of pending) {
        applyCommand(this.world, player, cmd, viewLagMs(nowMs, pending.renderTime, maxRewindMs));
        if (++used >= allowed) break;
      }
      this.credits.spend(id, used);
    }
    stepWorld(this.world, seen ?? undefined);
    const events = this.events();
    this.sync(nowMs);
    return events;
  }

  sync(nowMs: number): void {
    syncState(this.world, this.state, nowMs, this.slotOf);
  }

  private events(): Delivery[] {
    return eventsToDeliveries(drainEvents(this.world), this.world, this.names, this.slotOf);
  }
}
