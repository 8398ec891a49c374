/**
 * The synchronised room state and the input command, as @colyseus/schema 5 classes.
 * Fields only: the rules live in shared/sim. This is the one shared file that imports
 * @colyseus/schema. Field types are picked for bandwidth (see docs/protocol.md).
 */
import { schema, t, type SchemaType } from "@colyseus/schema";
import { MAX_HP, POSITION_MAX } from "./constants.ts";

/** 16-bit unsigned, exactly 1/8 world unit per step: the sim's snap grid, carried exactly. */
const position = () => t.quantized({ min: 0, max: POSITION_MAX, bits: 16 });

/** One input per fixed step, sent through room.input(). The SDK adds seq and timing. */
export const InputCommand = schema({
  /** -1, 0 or 1. */
  moveX: t.int8().default(0),
  moveY: t.int8().default(0),
  /** radians in [0, 2π), 16-bit. */
  aim: t.angle({ bits: 16 }).default(0),
  fire: t.boolean().default(false),
});
export type InputCommand = SchemaType<typeof InputCommand>;

export const PlayerState = schema({
  name: t.string().default(""),
  x: position().default(0),
  y: position().default(0),
  /** radians, 8-bit: only drawn for remote players, 1.4° is plenty. */
  aim: t.angle({ bits: 8 }).default(0),
  hp: t.uint8().default(MAX_HP),
  kills: t.uint16().default(0),
  deaths: t.uint16().default(0),
  /** spawn protection active. */
  shielded: t.boolean().default(false),
  /** palette index, assigned on join. */
  color: t.uint8().default(0),
  /** seat number, unique in the room while the player is in it: shots name their shooter
   *  by it, one byte instead of a sessionId string on every shot. */
  slot: t.uint8().default(0),
  /** connection dropped, seat held: not drawn, not hittable, until it reconnects. */
  away: t.boolean().default(false),
  /** a server bot filling an empty seat (clients tag its name); humans are false. */
  bot: t.boolean().default(false),
});
export type PlayerState = SchemaType<typeof PlayerState>;

/** A shot in flight. It flies straight, so its spawn is all a client needs to draw it. */
export const ProjectileState = schema({
  /** shooter's PlayerState.slot (NO_SLOT if the shooter has left). */
  ownerSlot: t.uint8().default(0),
  x0: position().default(0),
  y0: position().default(0),
  /** radians, 16-bit: the same value the server simulates with. */
  angle: t.angle({ bits: 16 }).default(0),
  /** server clock (ms since room start, as room.clock.serverNow()) when fired. */
  bornMs: t.uint32().default(0),
});
export type ProjectileState = SchemaType<typeof ProjectileState>;

export const ArenaState = schema({
  players: t.map(PlayerState),
  projectiles: t.map(ProjectileState),
  /** "playing" or "results". */
  phase: t.string().default("playing"),
  round: t.uint16().default(1),
  /** s left in the current phase, rounded up; changes once a second. */
  timeLeft: t.uint16().default(0),
  killLimit: t.uint16().default(0),
  /** sessionId of the last round's winner, "" before the first result. */
  winner: t.string().default(""),
  mapName: t.string().default(""),
  /** s the server holds a dropped player's seat (0 = none): clients size their reconnection retries to it. */
  reconnectSeconds: t.uint16().default(0),
});
export type ArenaState = SchemaType<typeof ArenaState>;
