/** One player on the arena: body with gun notch (rotated to aim), ring colour, name tag,
 *  health bar, spawn shield, and a scorch mark while dead. Draws a PlayerView, nothing else. */
import type * as Phaser from "phaser";
import { MAX_HP, PLAYER_RADIUS } from "../../shared/constants.ts";
import { FONT, activePlayerColors, paletteIndex, playerColor } from "./palette.ts";
import { shownName } from "./format.ts";
import { Tex } from "./textures.ts";
import type { PlayerView } from "../net/GameSession.ts";

/** What a sprite needs of a player: the session's view minus the scores. */
export type PlayerLike = Omit<PlayerView, "id" | "kills" | "deaths">;

export const DEPTH = {
  floor: 0,
  wreck: 2,
  mark: 3,
  shot: 6,
  player: 10,
  fx: 20,
  crosshair: 30,
} as const;

const BAR_Y = -PLAYER_RADIUS - 12;
const NAME_Y = -PLAYER_RADIUS - 26;

export class PlayerSprite {
  readonly root: Phaser.GameObjects.Container;
  private readonly body: Phaser.GameObjects.Image;
  private readonly shield: Phaser.GameObjects.Image;
  private readonly mark: Phaser.GameObjects.Image | null;
  private readonly wreck: Phaser.GameObjects.Image;
  private readonly label: Phaser.GameObjects.Text;
  private readonly barBg: Phaser.GameObjects.Image;
  private readonly bar: Phaser.GameObjects.Image;
  private name = "";
  private color = -1;
  private colors: readonly string[] = [];

  constructor(scene: Phaser.Scene, p: PlayerLike) {
    this.wreck = scene.add.image(p.x, p.y, Tex.wreck).setDepth(DEPTH.wreck).setVisible(false);
    this.mark = p.self ? scene.add.image(p.x, p.y, Tex.selfMark).setDepth(DEPTH.mark) : null;
    this.shield = scene.add.image(0, 0, Tex.shield).setVisible(false);
    this.body = scene.add.image(0, 0, Tex.player(paletteIndex(p.color)));
    this.barBg = scene.add.image(0, BAR_Y, Tex.hpBg);
    this.bar = scene.add.image(-21, BAR_Y, Tex.hpFill).setOrigin(0, 0.5);
    this.label = scene.add
      .text(0, NAME_Y, "", {
        fontFamily: FONT,
        fontSize: "12px",
        color: "#e8edf5",
        stroke: "#05070a",
        strokeThickness: 3,
      })
      .setOrigin(0.5, 1);
    this.root = scene.add
      .container(p.x, p.y, [this.shield, this.body, this.barBg, this.bar, this.label])
      .setDepth(p.self ? DEPTH.player + 1 : DEPTH.player);
    this.update(p, 0);
  }

  update(p: PlayerLike, now: number): void {
    const name = shownName(p.name, p.bot);
    if (name !== this.name) {
      this.name = name;
      this.label.setText(name);
    }
    // the palette setting can change under a live sprite: the texture is repainted in
    // place, the name's colour is set here
    if (p.color !== this.color || this.colors !== activePlayerColors()) {
      this.color = p.color;
      this.colors = activePlayerColors();
      this.body.setTexture(Tex.player(paletteIndex(p.color)));
      this.label.setColor(p.self ? "#ffffff" : playerColor(p.color));
    }
    const alive = p.hp > 0;
    this.root.setPosition(p.x, p.y);
    this.body.setRotation(p.aim).setVisible(alive);
    this.bar.setVisible(alive).setScale(Math.max(0, Math.min(1, p.hp / MAX_HP)), 1);
    this.bar.setTexture(p.hp <= MAX_HP * 0.4 ? Tex.hpLow : Tex.hpFill);
    this.barBg.setVisible(alive);
    this.label.setAlpha(alive ? 1 : 0.45);
    this.shield.setVisible(alive && p.shielded);
    if (p.shielded) this.shield.setAlpha(0.65 + 0.35 * Math.sin(now / 90)).setScale(1 + 0.04 * Math.sin(now / 140));
    if (!alive && !this.wreck.visible) this.wreck.setPosition(p.x, p.y);
    this.wreck.setVisible(!alive);
    if (this.mark) this.mark.setPosition(p.x, p.y).setRotation(now / 1500).setVisible(alive);
  }

  destroy(): void {
    this.root.destroy();
    this.wreck.destroy();
    this.mark?.destroy();
  }
}
