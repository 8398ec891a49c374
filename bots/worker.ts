/**
 * A worker thread running a slice of the bots. It joins them at its share of the ramp,
 * reports cumulative counters to the main thread every REPORT_MS, and on "stop" makes
 * every bot leave its room, sends a final report and exits.
 */
import { inspect } from "node:util";
import { parentPort, workerData } from "node:worker_threads";
import { Bot, newCounters, wire, type BotSink, type Counters, type JoinHow, type RoundEvent } from "./bot.ts"; // first: counts bytes
import { Client } from "@colyseus/sdk";
import type { BotOptions } from "./options.ts";
import { botSeed } from "../shared/brains/strategies.ts";

/** ms. Report cadence: twice a second keeps a 1 s progress line fresh. */
export const REPORT_MS = 500;
/** lines. Distinct note lines per report; more are dropped (the counters stay exact). */
const MAX_NOTES = 20;
/** characters. A note longer than this is cut: one line in the summary, not a dump. */
const MAX_NOTE_CHARS = 300;

/** How a slot joins: quick play, a code, or a seat in spread room `group`. */
export type SlotJoin = { kind: "quick" } | { kind: "code"; code: string } | { kind: "spread"; group: number };

export interface Slot {
  /** global bot number: the name is bot-<index>, the strategy seed derives from it. */
  index: number;
  join: SlotJoin;
}

export interface WorkerInput {
  options: BotOptions;
  slots: Slot[];
  /** joins per second for this thread. */
  ramp: number;
}

/** Cumulative since the thread started; the Counters are summed over the thread's bots. */
export interface WorkerReport extends Counters {
  final: boolean;
  bots: number;
  joining: number;
  connected: number;
  dropped: number;
  failed: number;
  gone: number;
  /** joins that succeeded, ever. */
  joined: number;
  /** bot-seconds connected, summed over this thread's bots. */
  botSeconds: number;
  bytesDown: number;
  bytesUp: number;
  /** last ping round trip of each connected bot with a sample, ms. */
  rtts: number[];
  /** the SDK's smoothed input-ack round trip of each connected bot with a sample, ms. */
  acks: number[];
  /** connected bots per room id. */
  rooms: Record<string, number>;
  /** new since the last report: distinct lines and how often each happened. */
  notes: Record<string, number>;
  rounds: RoundEvent[];
  /** per connected bot, just before the final leave: players it sees in its room. */
  views?: { roomId: string; seen: number }[];
}

const input = workerData as WorkerInput;
const port = parentPort!;
const counters = newCounters();
let notes: Record<string, number> = {};
let noteCount = 0;
let rounds: RoundEvent[] = [];
const seenRounds = new Set<string>();
const sink: BotSink = {
  counters,
  note(message) {
    if (Object.hasOwn(notes, message)) notes[message]!++;
    else if (noteCount++ < MAX_NOTES) notes[message] = 1;
  },
  round(e) {
    // every bot of a room hears the same round message: pass each on once
    const key = `${e.roomId}#${e.round}#${e.phase}`;
    if (seenRounds.has(key)) return;
    seenRounds.add(key);
    rounds.push(e);
  },
};

// The SDK logs reconnection attempts and warnings with console.*; hundreds of bots would
// bury the progress line, so they become notes (console.info is chatter: dropped).
console.info = () => {};
console.log = () => {};
const line = (args: unknown[]) =>
  args.map((a) => (typeof a === "string" ? a : inspect(a, { depth: 2, breakLength: Infinity }))).join(" ").slice(0, MAX_NOTE_CHARS);
const warn = (...args: unknown[]) => {
  counters.warnings++;
  sink.note(line(args));
};
console.warn = warn;
console.error = warn;

const { options } = input;
const client = new Client(options.url);
const bots = input.slots.map((s) => new Bot(s.index, options.strategy, botSeed(options.seed, s.index), sink));
/** spread groups: the room id once the group's first seat has joined (or its join in flight). */
const groups = new Map<number, Promise<string | null>>();
let stopping = false;
const joinTimers: NodeJS.Timeout[] = [];
const joins: Promise<unknown>[] = [];

function joinSlot(bot: Bot, slot: Slot): Promise<unknown> {
  const j = slot.join;
  if (j.kind === "quick") return bot.join(client, { kind: "quick" }, options.url);
  if (j.kind === "code") return bot.join(client, { kind: "id", roomId: j.code }, options.url);
  // Spread: the first seat creates the room, the others join it by id. If the creator
  // failed, the next seat creates it instead.
  const previous = groups.get(j.group);
  const mine = (async () => {
    const roomId = previous ? await previous : null;
    const how: JoinHow = roomId ? { kind: "id", roomId } : { kind: "create" };
    const got = await bot.join(client, how, options.url);
    return roomId ?? got;
  })();
  groups.set(j.group, mine);
  return mine;
}

input.slots.forEach((slot, k) => {
  const bot = bots[k]!;
  const at = (k / input.ramp) * 1000;
  joinTimers.push(
    setTimeout(() => {
      if (!stopping) joins.push(joinSlot(bot, slot));
    }, at),
  );
});

function report(final: boolean): WorkerReport {
  const now = performance.now();
  const r: WorkerReport = {
    final,
    bots: bots.length,
    joining: 0,
    connected: 0,
    dropped: 0,
    failed: 0,
    gone: 0,
    joined: 0,
    botSeconds: 0,
    ...counters,
    bytesDown: wire.down,
    bytesUp: wire.up,
    rtts: [],
    acks: [],
    rooms: {},
    notes,
    rounds,
  };
  for (const b of bots) {
    if (b.status === "joining") r.joining++;
    else if (b.status === "dropped") r.dropped++;
    else if (b.status === "failed") r.failed++;
    else if (b.status === "gone") r.gone++;
    if (b.room) r.joined++;
    if (b.status === "playing" && b.room) {
      r.connected++;
      r.rooms[b.room.roomId] = (r.rooms[b.room.roomId] ?? 0) + 1;
      const rtt = b.rttMs();
      if (rtt > 0) r.rtts.push(Math.round(rtt * 10) / 10);
      const ack = b.inputAckMs();
      if (ack > 0) r.acks.push(Math.round(ack * 10) / 10);
    }
    r.botSeconds += b.connectedTime(now) / 1000;
  }
  notes = {};
  noteCount = 0;
  rounds = [];
  return r;
}

const reporter = setInterval(() => port.postMessage(report(false)), REPORT_MS);

port.on("message", async (msg: { type: "stop" }) => {
  if (msg.type !== "stop" || stopping) return;
  stopping = true;
  for (const t of joinTimers) clearTimeout(t);
  clearInterval(reporter);
  // What each bot sees right before anyone leaves: the e2e test compares it with the server.
  const views = bots.filter((b) => b.status === "playing" && b.room).map((b) => ({ roomId: b.room!.roomId, seen: b.seenPlayers() }));
  const last = report(false);
  // stop() first marks every bot as stopping, so a join still in flight leaves at once
  await Promise.allSettled([...bots.map((b) => b.stop()), ...joins]);
  // counts as of the stop request, traffic and counters up to the last leave
  const final = { ...report(true), connected: last.connected, rooms: last.rooms, rtts: last.rtts, acks: last.acks, views };
  for (const [k, n] of Object.entries(last.notes)) final.notes[k] = (final.notes[k] ?? 0) + n;
  final.rounds = [...last.rounds, ...final.rounds];
  // The main thread terminates this worker once it has the final report: SDK rooms still
  // retrying a reconnection would otherwise keep the thread alive.
  port.postMessage(final);
});
