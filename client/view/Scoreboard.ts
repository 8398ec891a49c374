/** A centred panel with a title, a table in fixed columns and an optional footer line.
 *  Used for the Tab scoreboard (the round results have their own panel, resultsPanel.ts).
 *  Each column is its own text, so names of any script or width keep the numbers aligned. */
import type * as Phaser from "phaser";
import { FONT, UI, UI_HEX } from "./palette.ts";
import { boardColumns } from "./boardColumns.ts";
import type { Ranked } from "./format.ts";

const LINE = 20;
const FONT_PX = 15;
const PAD = 22;
/** px. Column widths: the name column holds 16 characters at about one em each (CJK and
 *  emoji are that wide; Latin is narrower), and crops anything past it. */
const RANK_W = 36;
const NAME_W = 16 * FONT_PX;
const KILLS_W = 56;
const DEATHS_W = 64;
const GAP = 14;
const TABLE_W = RANK_W + NAME_W + KILLS_W + DEATHS_W + GAP * 3;

export class Scoreboard {
  private readonly root: Phaser.GameObjects.Container;
  private readonly bg: Phaser.GameObjects.Graphics;
  private readonly title: Phaser.GameObjects.Text;
  private readonly rank: Phaser.GameObjects.Text;
  private readonly name: Phaser.GameObjects.Text;
  private readonly kills: Phaser.GameObjects.Text;
  private readonly deaths: Phaser.GameObjects.Text;
  private readonly footer: Phaser.GameObjects.Text;
  private key = "";
  /** px, the panel's width at scale 1. */
  private panelW = 0;

  constructor(scene: Phaser.Scene, depth: number) {
    const cell = { fontFamily: FONT, fontSize: `${FONT_PX}px`, color: UI.text, lineSpacing: LINE - FONT_PX };
    this.bg = scene.add.graphics();
    this.title = scene.add.text(0, 0, "", { fontFamily: FONT, fontSize: "22px", fontStyle: "bold", color: UI.accent }).setOrigin(0.5, 0);
    this.rank = scene.add.text(0, 0, "", { ...cell, align: "right" }).setOrigin(1, 0);
    this.name = scene.add.text(0, 0, "", { ...cell, fixedWidth: NAME_W }).setOrigin(0, 0);
    this.kills = scene.add.text(0, 0, "", { ...cell, align: "right" }).setOrigin(1, 0);
    this.deaths = scene.add.text(0, 0, "", { ...cell, align: "right" }).setOrigin(1, 0);
    this.footer = scene.add.text(0, 0, "", { fontFamily: FONT, fontSize: "13px", color: UI.textDim }).setOrigin(0.5, 0);
    const parts = [this.bg, this.title, this.rank, this.name, this.kills, this.deaths, this.footer];
    this.root = scene.add.container(0, 0, parts).setDepth(depth).setVisible(false);
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
    if (key !== this.key) this.draw(key, title, rows, selfName, footer);
    // a narrow screen (a phone held upright) gets the whole table, smaller
    this.root.setScale(Math.min(1, (this.root.scene.scale.width - 16) / this.panelW));
  }

  private draw(key: string, title: string, rows: readonly Ranked[], selfName: string, footer: string): void {
    this.key = key;
    const cols = boardColumns(rows, selfName);
    this.title.setText(title);
    this.rank.setText(cols.rank.join("\n"));
    this.name.setText(cols.name.join("\n"));
    this.kills.setText(cols.kills.join("\n"));
    this.deaths.setText(cols.deaths.join("\n"));
    this.footer.setText(footer);

    const w = Math.max(TABLE_W, this.title.width) + PAD * 2;
    this.panelW = w;
    const tableH = this.name.height;
    const h = PAD + this.title.height + 14 + tableH + (footer ? 14 + this.footer.height : 0) + PAD;
    const top = -h / 2;
    const tableTop = top + PAD + this.title.height + 14;
    const left = -TABLE_W / 2;
    this.title.setY(top + PAD);
    this.rank.setPosition(left + RANK_W, tableTop);
    this.name.setPosition(left + RANK_W + GAP, tableTop);
    this.kills.setPosition(left + RANK_W + GAP + NAME_W + GAP + KILLS_W, tableTop);
    this.deaths.setPosition(left + TABLE_W, tableTop);
    this.footer.setY(tableTop + tableH + 14);

    const g = this.bg.clear();
    g.fillStyle(UI_HEX.panel, 0.92).fillRect(-w / 2, top, w, h);
    g.lineStyle(1, UI_HEX.panelEdge, 1).strokeRect(-w / 2 + 0.5, top + 0.5, w - 1, h - 1);
    g.fillStyle(UI_HEX.accent, 1).fillRect(-w / 2, top, w, 3);
    g.lineStyle(1, UI_HEX.panelEdge, 1).lineBetween(-w / 2 + PAD, tableTop + LINE - 2, w / 2 - PAD, tableTop + LINE - 2);
    if (cols.selfRow >= 0) {
      const rowH = tableH / cols.name.length;
      g.fillStyle(UI_HEX.accent, 0.14).fillRect(-w / 2 + 8, tableTop + rowH * (cols.selfRow + 1) - 2, w - 16, rowH);
    }
  }
}
