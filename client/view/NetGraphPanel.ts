/**
 * The net graph (F3): a semi-transparent panel of link, interpolation, prediction and
 * server-tick numbers, with an RTT sparkline of the last 15 s. It reads its numbers every
 * NET_GRAPH_REFRESH_MS whether shown or not (so it opens with a history), and redraws
 * only while shown.
 */
import type * as Phaser from "phaser";
import { NET_GRAPH_HISTORY, NET_GRAPH_REFRESH_MS } from "../../shared/constants.ts";
import type { NetGraphData } from "../net/net.ts";
import { netGraphLines, sparkHeights } from "./netGraphText.ts";
import { FONT, UI, UI_HEX } from "./palette.ts";

/** Registry key: whether the net graph is shown. Off when the page loads, then kept from
 *  game to game. */
export const NET_GRAPH_KEY = "netGraph";

const PAD = 8;
const SPARK_H = 24;
const LABEL_H = 12;
/** ms. The sparkline's scale never tops out below this, so a LAN's 1 ms wobble looks flat. */
const SPARK_FLOOR_MS = 50;

export class NetGraphPanel {
  /** The figures last read, and the lines they were drawn as (for the test surface). */
  latest: NetGraphData | null = null;
  lines: string[] = [];
  private readonly root: Phaser.GameObjects.Container;
  private readonly bg: Phaser.GameObjects.Graphics;
  private readonly title: Phaser.GameObjects.Text;
  private readonly body: Phaser.GameObjects.Text;
  private readonly spark: Phaser.GameObjects.Graphics;
  private readonly sparkLabel: Phaser.GameObjects.Text;
  private readonly rtts: number[] = [];
  private readAt = -Infinity;

  constructor(scene: Phaser.Scene, depth: number) {
    this.bg = scene.add.graphics();
    this.title = scene.add.text(PAD, PAD, "NET GRAPH · F3", { fontFamily: FONT, fontSize: "11px", fontStyle: "bold", color: UI.accent });
    this.body = scene.add.text(PAD, PAD + 18, "", { fontFamily: FONT, fontSize: "12px", color: UI.text, lineSpacing: 3 });
    this.spark = scene.add.graphics();
    this.sparkLabel = scene.add.text(0, 0, "", { fontFamily: FONT, fontSize: "10px", color: UI.textDim });
    this.root = scene.add.container(0, 0, [this.bg, this.title, this.body, this.spark, this.sparkLabel]).setDepth(depth).setVisible(false);
  }

  get visible(): boolean {
    return this.root.visible;
  }

  setVisible(visible: boolean): this {
    this.root.setVisible(visible);
    if (visible) this.draw();
    return this;
  }

  /** Top-left corner, screen px. */
  place(x: number, y: number): void {
    this.root.setPosition(Math.round(x), Math.round(y));
  }

  /** Once per frame: reads `read()` when a refresh is due, and redraws if shown. */
  update(now: number, read: () => NetGraphData): void {
    if (now - this.readAt < NET_GRAPH_REFRESH_MS) return;
    this.readAt = now;
    const d = read();
    this.latest = d;
    this.lines = netGraphLines(d);
    this.rtts.push(d.rttMs);
    if (this.rtts.length > NET_GRAPH_HISTORY) this.rtts.shift();
    if (this.visible) this.draw();
  }

  private draw(): void {
    this.body.setText(this.lines);
    const w = Math.max(this.body.width, 240) + PAD * 2;
    const sparkTop = this.body.y + this.body.height + 8;
    const h = sparkTop + SPARK_H + 4 + LABEL_H + PAD;
    const g = this.bg.clear();
    g.fillStyle(UI_HEX.panel, 0.72).fillRect(0, 0, w, h);
    g.lineStyle(1, UI_HEX.panelEdge, 1).strokeRect(0.5, 0.5, w - 1, h - 1);
    g.fillStyle(UI_HEX.accent, 1).fillRect(0, 0, w, 2);
    this.drawSpark(PAD, sparkTop, w - PAD * 2);
  }

  private drawSpark(x: number, y: number, w: number): void {
    const g = this.spark.clear();
    g.lineStyle(1, UI_HEX.panelEdge, 1).lineBetween(x, y + SPARK_H + 0.5, x + w, y + SPARK_H + 0.5);
    const top = Math.max(SPARK_FLOOR_MS, ...this.rtts);
    this.sparkLabel.setText(`rtt, last ${(NET_GRAPH_HISTORY * NET_GRAPH_REFRESH_MS) / 1000} s · top ${Math.round(top)} ms`);
    this.sparkLabel.setPosition(x, y + SPARK_H + 4);
    const heights = sparkHeights(this.rtts, SPARK_H, SPARK_FLOOR_MS);
    if (heights.length < 2) return;
    const step = w / (NET_GRAPH_HISTORY - 1);
    const left = x + w - step * (heights.length - 1); // newest at the right edge
    g.lineStyle(1.5, UI_HEX.good, 1).beginPath();
    heights.forEach((hgt, i) => (i === 0 ? g.moveTo(left, y + SPARK_H - hgt) : g.lineTo(left + i * step, y + SPARK_H - hgt)));
    g.strokePath();
  }
}
