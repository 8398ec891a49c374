/** Pure formatting for the HUD: clock, standings, table rows. */

/** Whole seconds as m:ss ("3:00", "0:07"); negatives and NaN show as 0:00. */
export function formatClock(seconds: number): string {
  const s = Number.isFinite(seconds) ? Math.max(0, Math.ceil(seconds)) : 0;
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, "0")}`;
}

export interface Ranked {
  id?: string;
  name: string;
  kills: number;
  deaths: number;
  bot?: boolean;
}

/** Tag on a server bot's name wherever it is drawn (label, scoreboard). */
export const BOT_TAG = "[bot]";

/** A name as drawn: a bot's carries BOT_TAG, so nobody mistakes it for a person. */
export function shownName(name: string, bot = false): string {
  return bot ? `${name} ${BOT_TAG}` : name;
}

/** Best first: most kills, then fewest deaths, then name (the server's order, stable). */
export function rankPlayers<T extends Ranked>(players: readonly T[]): T[] {
  return [...players].sort((a, b) => b.kills - a.kills || a.deaths - b.deaths || a.name.localeCompare(b.name));
}

