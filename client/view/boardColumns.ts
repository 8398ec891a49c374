/**
 * The Tab scoreboard as columns of text, one string per row in each. Drawn as separate
 * fixed-position columns (Scoreboard.ts) instead of one padded line, so a name that is
 * right-to-left, or drawn wider than Latin letters (CJK, emoji), cannot push the numbers
 * out of line: each name is bidi-isolated and cut to its column.
 */
import { NAME_MAX } from "../../shared/constants.ts";
import { graphemes } from "../../shared/names.ts";
import { shownName } from "./format.ts";
import { resultRows, type ResultInput } from "./results.ts";

/** FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE: the name takes its own direction and
 *  leaves the text around it alone (an Arabic name cannot reorder what follows it). */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

/** At most `max` drawn characters, the last one an ellipsis when cut. */
export function fitName(name: string, max: number = NAME_MAX): string {
  const g = graphemes(name);
  return g.length <= max ? name : `${g.slice(0, max - 1).join("")}…`;
}

export interface BoardColumns {
  rank: string[];
  name: string[];
  kills: string[];
  deaths: string[];
  /** row index (0 = first player, not the header) of your own line; -1 when not listed. */
  selfRow: number;
}

/** Header first, then one row per player, best first; level players share a rank ("1="). */
export function boardColumns(rows: readonly ResultInput[], selfName: string): BoardColumns {
  const ranked = resultRows(rows, selfName);
  const out: BoardColumns = { rank: ["#"], name: ["PILOT"], kills: ["KILLS"], deaths: ["DEATHS"], selfRow: ranked.findIndex((r) => r.self) };
  for (const r of ranked) {
    out.rank.push(`${r.rank}${r.tied ? "=" : ""}`);
    out.name.push(shownName(isolate(fitName(r.name)), r.bot));
    out.kills.push(String(r.kills));
    out.deaths.push(String(r.deaths));
  }
  if (ranked.length === 0) out.name.push("no pilots");
  return out;
}
