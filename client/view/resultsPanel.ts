/**
 * The end-of-round results screen over the game: the title (winner, tie or draw), the
 * table with shared ranks for ties, your own line highlighted, your kills, deaths and
 * accuracy in words, the countdown to the next round and Play again. HTML, so names of
 * any script sit in their own bidi-isolated cell of a fixed grid column, and the button
 * is a real button. Play again puts the panel away: you stay seated for the next round.
 */
import { shownName } from "./format.ts";
import { resultRows, resultTitle, selfSummary, type ResultInput } from "./results.ts";
import { overlayRoot } from "./styles.ts";
import { h, injectSessionStyles } from "./sessionStyles.ts";

export interface ResultsView {
  round: number;
  /** "" for a draw. */
  winnerName: string;
  /** best first. */
  rows: readonly ResultInput[];
  selfName: string;
  /** the time until the next round, already formatted ("0:05"). */
  nextIn: string;
}

export class ResultsPanel {
  private root: HTMLElement | null = null;
  private next: HTMLElement | null = null;
  private key = "";
  /** the round whose results were put away with Play again. */
  private dismissedRound = -1;

  show(view: ResultsView): void {
    if (view.round === this.dismissedRound) return;
    const key = JSON.stringify([view.round, view.winnerName, view.rows, view.selfName]);
    if (key !== this.key || !this.root) this.build(view, key);
    if (this.next) this.next.textContent = `Next round in ${view.nextIn}`;
  }

  hide(): void {
    this.root?.remove();
    this.root = null;
    this.next = null;
    this.key = "";
  }

  private build(view: ResultsView, key: string): void {
    this.hide();
    injectSessionStyles();
    this.key = key;
    const rows = resultRows(view.rows, view.selfName);
    const table = h("div", { id: "results-table", className: "tf-table" }, line("tf-head", "#", "PILOT", "KILLS", "DEATHS", "ACCURACY"));
    for (const r of rows) {
      const tr = line(r.self ? "tf-me" : "", `${r.rank}${r.tied ? "=" : ""}`, shownName(r.name, r.bot), String(r.kills), String(r.deaths), r.accuracy);
      tr.dataset.rank = String(r.rank);
      table.append(tr);
    }
    const again = h("button", { id: "play-again", className: "tf-btn tf-primary", type: "button", textContent: "Play again" });
    again.addEventListener("click", () => {
      this.dismissedRound = view.round;
      this.hide();
    });
    this.next = h("div", { className: "tf-next" });
    const summary = selfSummary(rows);
    const card = h("section", { className: "tf-card" }, h("h2", { id: "results-title", textContent: resultTitle(view.round, view.winnerName, rows) }), table);
    if (summary) card.append(h("p", { id: "results-you", className: "tf-you", textContent: summary }));
    card.append(again, this.next);
    this.root = h("div", { id: "results", className: "tf-modal tf-results" }, card);
    overlayRoot().appendChild(this.root);
  }
}

/** One grid row: rank, name (isolated, its own direction), then the numbers. */
function line(className: string, rank: string, name: string, kills: string, deaths: string, accuracy: string): HTMLElement {
  const nameCell = h("span", { className: "tf-name", textContent: name, dir: "auto", title: name });
  return h("div", { className }, h("span", { textContent: rank }), nameCell, h("span", { textContent: kills }), h("span", { textContent: deaths }), h("span", { textContent: accuracy }));
}
