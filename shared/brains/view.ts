/**
 * What a bot strategy sees and decides, independent of the transport: the SDK bot fills a
 * BotView from the schema state, the JSON baseline in bench/ from JSON, the server's own
 * bots (server/game/bot-crew.ts) from the world. Pure types.
 */
import type { Command } from "../sim/types.ts";

export interface SeenPlayer {
  id: string;
  x: number;
  y: number;
  hp: number;
  /** spawn protection: shots do not hurt it. */
  shielded: boolean;
}

export interface BotView {
  selfId: string;
  /** the bot's own player, or null before it appears in the state. */
  self: SeenPlayer | null;
  /** everyone in the room, the bot included. */
  players: readonly SeenPlayer[];
  /** "playing" or "results". */
  phase: string;
}

export type StrategyName = "wander" | "fight" | "idle" | "chaos";

/** One bot's brain: called once per fixed step, returns that step's command. */
export interface Strategy {
  decide(view: BotView): Command;
}
