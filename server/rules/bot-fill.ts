/**
 * How a room tops itself up with bots: how many it wants, which one goes home when a human
 * needs the seat, and what the next one is called. Pure; ArenaGame applies it.
 */
import { BOT_NAMES, BOT_SKILLS, type BotSkillLevel } from "../../shared/constants.ts";
import type { FightSkill } from "../../shared/brains/strategies.ts";
import { uniqueName } from "../../shared/names.ts";

/**
 * Bots a room with `humans` players (away ones included: they hold their seats) should
 * hold: enough to reach `fillTo`, never past `maxPlayers` seats, none at all without a
 * human (an empty room must be free to close).
 */
export function botsWanted(humans: number, fillTo: number, maxPlayers: number): number {
  if (humans <= 0) return 0;
  return Math.max(0, Math.min(fillTo, maxPlayers) - humans);
}

/** A seated bot as the fill rules see it: `order` counts up as bots join. */
export interface SeatedBot {
  id: string;
  kills: number;
  order: number;
}

/**
 * The bot to send home: the one with the fewest kills, so the scoreboard loses the least,
 * and of those the newest, so the bots a player has been fighting longest stay.
 */
export function botToDismiss(bots: Iterable<SeatedBot>): string | null {
  let pick: SeatedBot | null = null;
  for (const b of bots) {
    if (!pick || b.kills < pick.kills || (b.kills === pick.kills && b.order > pick.order)) pick = b;
  }
  return pick?.id ?? null;
}

/** The first of `names` that no one in `taken` looks like, else "Bot 2", "Bot 3"... */
export function botName(taken: Iterable<string>, names: readonly string[] = BOT_NAMES): string {
  const seated = [...taken];
  for (const name of names) if (uniqueName(name, seated) === name) return name;
  for (let n = 2; ; n++) if (uniqueName(`Bot ${n}`, seated) === `Bot ${n}`) return `Bot ${n}`;
}

/** A skill level's numbers (shared/constants.ts) in the fight brain's units. */
export function fightSkill(level: BotSkillLevel): FightSkill {
  const { aimErrorDeg, reactionSeconds } = BOT_SKILLS[level];
  return { aimErrorRad: (aimErrorDeg * Math.PI) / 180, reactionSeconds };
}
