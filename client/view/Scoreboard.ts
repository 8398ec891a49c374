/** A centred panel with a title, a fixed-width table and an optional footer line. Used
 *  for the Tab scoreboard and the end-of-round results. */
import type * as Phaser from "phaser";
import { FONT, UI, UI_HEX } from "./palette.ts";
import { scoreHeader, scoreRow, shownName, type Ranked } from "./format.ts";

const LINE = 20;
const PAD = 22;

export class Scoreboard {
  private readonly root: Phaser.GameObjects.Container;
  private readonly bg: Phaser.GameObjects.Graphics;
  private readonly title: Phaser.GameObjects.Text;
  private readonly table: Phaser.GameObjects.Text;
  private readonly footer: Phaser.GameObjects.Text;
  private key = "";

  constructor(scene: Phaser.Scene, depth: number) {
    this.bg = scene.add.graphics();
    this.title = scene.add.text(0, 0, "", { fontFamily: FONT, fontSize: "22px", fontStyle: "bold", color: UI.accent }).setOrigin(0.5, 0);
    this.table = scene.add.text(0, 0, "", { fontFamily: FONT, fontSize: "15px", color: UI.text, lineSpacing: LINE - 15 }).setOrigin(0.5, 0);
    this.footer = scene.add.text(0, 0, "", { fontFamily: FONT, fontSize: "13px", color: UI.textDim }).setOrigin(0.5, 0);
    this.root = scene.add.container(0, 0, [this.bg, this.title, this.table, this.footer]).setDepth(depth).setVisible(false);
  }

  get visible(): boolean {
    return this.root.visible;
  }

  hide(): void {
    this.root.setVisible(false);
  }

  /** Shows the table centred at (cx, cy); rows best first; `selfName` gets a highlight bar. */
  show(cx: number, cy: number, title: string, rows: readonly Ranked[], selfName: string, footer = ""): void {
    this.root.setVisible(true).setPosition(Math.round(cx), Math.round(cy));
    const key = JSON.stringify([title, rows.map((r) => [r.name, r.bot, r.kills, r.deaths]), selfName, footer]);
    if (key === this.key) return;
    this.key = key;
    const lines = [scoreHeader(), ...rows.map((r, i) => scoreRow(i + 1, shownName(r.name, r.bot), r.kills, r.deaths))];
    if (rows.length === 0) lines.push("   no pilots");
    this.title.setText(title);
    this.table.setText(lines.join("\n"));
    this.footer.setText(footer);
    const w = Math.max(this.table.width, this.title.width) + PAD * 2;
    const tableH = this.table.height;
    const h = PAD + this.title.height + 14 + tableH + (footer ? 14 + this.footer.height : 0) + PAD;
    const top = -h / 2;
    this.title.setY(top + PAD);
    const tableTop = top + PAD + this.title.height + 14;
    this.table.setY(tableTop);
    this.footer.setY(tableTop + tableH + 14);
    const g = this.bg.clear();
    g.fillStyle(UI_HEX.panel, 0.92).fillRect(-w / 2, top, w, h);
    g.lineStyle(1, UI_HEX.panelEdge, 1).strokeRect(-w / 2 + 0.5, top + 0.5, w - 1, h - 1);
    g.fillStyle(UI_HEX.accent, 1).fillRect(-w / 2, top, w, 3);
    g.lineStyle(1, UI_HEX.panelEdge, 1).lineBetween(-w / 2 + PAD, tableTop + LINE - 2, w / 2 - PAD, tableTop + LINE - 2);
    const selfIndex = rows.findIndex((r) => r.name === selfName);
    if (selfIndex >= 0) {
      const rowH = tableH / lines.length;
      g.fillStyle(UI_HEX.accent, 0.14).fillRect(-w / 2 + 8, tableTop + rowH * (selfIndex + 1) - 2, w - 16, rowH);
    }
  }
}
