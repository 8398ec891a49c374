/**
 * The end-of-round results as plain data: shared ranks for ties, accuracy, your own line,
 * and the title. Pure, so the rules are tested without a page; resultsPanel.ts draws them.
 */

/** A standings row as the round message carries it; shots/hits absent in the fallback built from the state. */
export interface ResultInput {
  name: string;
  kills: number;
  deaths: number;
  /** a server bot: drawn with its tag. */
  bot?: boolean;
  shots?: number;
  hits?: number;
}

export interface ResultRow {
  /** 1-based; rows level on kills and deaths share the rank of the first of them (1, 1, 3). */
  rank: number;
  /** shares its rank with another row. */
  tied: boolean;
  name: string;
  bot: boolean;
  kills: number;
  deaths: number;
  /** "42%", or "–" with no shots fired (or no count known). */
  accuracy: string;
  self: boolean;
}

const level = (a: ResultInput, b: ResultInput) => a.kills === b.kills && a.deaths === b.deaths;

/** hits / shots as a whole percentage; "–" when nothing was fired. */
export function accuracyText(shots: number | undefined, hits: number | undefined): string {
  if (!shots || shots <= 0 || hits === undefined) return "–";
  return `${Math.round((100 * Math.min(hits, shots)) / shots)}%`;
}

/** `rows` best first (as the server sends them); `selfName` marks your own line. */
export function resultRows(rows: readonly ResultInput[], selfName: string): ResultRow[] {
  return rows.map((r, i) => {
    let first = i;
    while (first > 0 && level(rows[first - 1]!, r)) first--;
    const tied = first !== i || (i + 1 < rows.length && level(rows[i + 1]!, r));
    return { rank: first + 1, tied, name: r.name, bot: r.bot ?? false, kills: r.kills, deaths: r.deaths, accuracy: accuracyText(r.shots, r.hits), self: r.name === selfName };
  });
}

/**
 * "ROUND 3 · ann WINS", "ROUND 3 · DRAW: ann, bob" when the best are level, or
 * "ROUND 3 · DRAW" when nobody scored.
 */
export function resultTitle(round: number, winnerName: string, rows: readonly ResultRow[]): string {
  if (winnerName) return `ROUND ${round} · ${winnerName} WINS`;
  const top = rows.filter((r) => r.rank === 1);
  if (top.length > 1 && top[0]!.kills > 0) return `ROUND ${round} · DRAW: ${top.map((r) => r.name).join(", ")}`;
  return `ROUND ${round} · DRAW`;
}

/** Your own line in words: "You: 2nd= · 5 kills · 3 deaths · 42% accuracy". "" when you are not in the rows. */
export function selfSummary(rows: readonly ResultRow[]): string {
  const me = rows.find((r) => r.self);
  if (!me) return "";
  const acc = me.accuracy === "–" ? "no shots fired" : `${me.accuracy} accuracy`;
  return `You: ${ordinal(me.rank)}${me.tied ? " (tied)" : ""} · ${plural(me.kills, "kill")} · ${plural(me.deaths, "death")} · ${acc}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? "th" : (["th", "st", "nd", "rd"][n % 10] ?? "th");
  return `${n}${suffix}`;
}
