/**
 * Hud: drawn over Game with its own fixed camera. HP, kills/deaths, round clock, ping,
 * kill feed, minimap, hit marker, damage flash and the direction hits came from, Tab
 * scoreboard, results overlay, the death panel (killer, killing hit, respawn countdown) and
 * the reconnecting banner. Panels sit where hudLayout.ts says. Reads the session; never
 * sends anything.
 */
import * as Phaser from "phaser";
import { MAX_HP } from "../../shared/constants.ts";
import { reportDeathAndFeed, reportNetGraph } from "../debug.ts";
import { TYPING_KEY } from "../input/controls.ts";
import { isTouchMode, TOUCH_MODE_KEY } from "../input/touchMode.ts";
import { deathLines, type DeathWatch } from "../net/deathWatch.ts";
import type { GameSession, PlayerView } from "../net/net.ts";
import type { Game } from "./Game.ts";
import { FadingMarks, bearing } from "../view/bearing.ts";
import { compactLayout, isCompact, type CompactLayout } from "../view/compactLayout.ts";
import { formatClock, rankPlayers, shownName } from "../view/format.ts";
import { KillFeed } from "../view/killFeed.ts";
import { Minimap } from "../view/Minimap.ts";
import { NET_GRAPH_KEY, NetGraphPanel } from "../view/NetGraphPanel.ts";
import { FONT, UI, UI_HEX, playerColor } from "../view/palette.ts";
import { ResultsPanel } from "../view/resultsPanel.ts";
import { Scoreboard } from "../view/Scoreboard.ts";
import { settings } from "../settings.ts";
import { CHAT_COLLAPSED_KEY, FEED_LINES, FEED_ROW, HP_H, HP_W, hudLayout, type HudLayout } from "../view/hudLayout.ts";

/** ms a "hit from there" marker stays on screen, fading; and how many at once. */
const DAMAGE_MARK_MS = 900;
const DAMAGE_MARKS = 6;
/** px from the own tank's centre to the damage markers' arc. */
const DAMAGE_MARK_RADIUS = 64;

const text = (size: number, color: string = UI.text, bold = false): Phaser.Types.GameObjects.Text.TextStyle => ({
  fontFamily: FONT,
  fontSize: `${size}px`,
  fontStyle: bold ? "bold" : "normal",
  color,
  stroke: "#000000",
  strokeThickness: 3,
});

export class Hud extends Phaser.Scene {
  private session!: GameSession;
  private readonly players: PlayerView[] = [];
  private readonly feed = new KillFeed();
  private hpBar!: Phaser.GameObjects.Graphics;
  private hpText!: Phaser.GameObjects.Text;
  private score!: Phaser.GameObjects.Text;
  private clock!: Phaser.GameObjects.Text;
  private roundInfo!: Phaser.GameObjects.Text;
  private ping!: Phaser.GameObjects.Text;
  private roomBadge!: Phaser.GameObjects.Text;
  private feedLines: Phaser.GameObjects.Text[] = [];
  private banner!: Phaser.GameObjects.Text;
  private flash!: Phaser.GameObjects.Rectangle;
  private hitMarker!: Phaser.GameObjects.Graphics;
  private damageMarks!: Phaser.GameObjects.Graphics;
  private readonly hitFrom = new FadingMarks(DAMAGE_MARK_MS, DAMAGE_MARKS);
  private death: DeathWatch | null = null;
  private box!: HudLayout;
  private minimap!: Minimap;
  private board!: Scoreboard;
  private readonly results = new ResultsPanel();
  private netGraph!: NetGraphPanel;
  private tab: Phaser.Input.Keyboard.Key | null = null;
  /** the HP gauge's box; layout() moves it (bottom left, or top left on a small screen). */
  private hpAt = { x: 0, y: 0, w: HP_W, h: HP_H };
  private unsubscribe: (() => void)[] = [];

  constructor() {
    super("Hud");
  }

  create(data: { session: GameSession; death?: DeathWatch }): void {
    this.session = data.session;
    this.death = data.death ?? null;
    this.hpBar = this.add.graphics();
    this.hpText = this.add.text(0, 0, "", text(13, UI.text, true));
    this.score = this.add.text(0, 0, "", text(14));
    this.clock = this.add.text(0, 0, "", text(30, UI.text, true)).setOrigin(0.5, 0);
    this.roundInfo = this.add.text(0, 0, "", text(12, UI.textDim)).setOrigin(0.5, 0);
    this.ping = this.add.text(0, 0, "", text(12, UI.textDim)).setOrigin(1, 0);
    this.roomBadge = this.add.text(0, 0, "", text(12, UI.textDim));
    this.feedLines = Array.from({ length: FEED_LINES }, () => this.add.text(0, 0, "", text(14)).setOrigin(1, 0));
    this.banner = this.add.text(0, 0, "", text(22, UI.text, true)).setOrigin(0.5).setAlign("center").setDepth(5);
    this.flash = this.add.rectangle(0, 0, 10, 10, UI_HEX.danger, 0).setOrigin(0).setDepth(1);
    this.hitMarker = this.add.graphics().setDepth(6).setAlpha(0);
    this.damageMarks = this.add.graphics().setDepth(4);
    this.minimap = new Minimap(this, 2);
    this.board = new Scoreboard(this, 10);
    this.netGraph = new NetGraphPanel(this, 8).setVisible(this.registry.get(NET_GRAPH_KEY) === true);
    // F3 toggles the net graph; captured, so the browser's find bar does not open too.
    this.input.keyboard?.addCapture(Phaser.Input.Keyboard.KeyCodes.F3);
    this.input.keyboard?.on("keydown-F3", () => this.toggleNetGraph());
    this.tab = this.input.keyboard?.addKey(Phaser.Input.Keyboard.KeyCodes.TAB) ?? null;
    this.drawHitMarker();

    const ev = this.session.events;
    this.unsubscribe = [
      ev.on("kill", (k) => {
        const color = (id: string) => this.players.find((p) => p.id === id)?.color ?? 0;
        const named = (id: string, name: string) => shownName(name, this.players.find((p) => p.id === id)?.bot);
        this.feed.push({ killer: named(k.killer, k.killerName), victim: named(k.victim, k.victimName), killerColor: color(k.killer), victimColor: color(k.victim), at: this.time.now });
      }),
      ev.on("hit", (h) => {
        const me = this.session.sessionId;
        if (h.shooter === me) this.showHitMarker(h.hp <= 0);
        if (h.target === me) {
          this.damageFlash();
          const from = this.players.find((p) => p.id === h.shooter);
          const self = this.players.find((p) => p.self);
          if (from && self) this.hitFrom.push(bearing(self, from), this.time.now);
        }
      }),
    ];
    // the UI scale setting zooms the HUD from the top left corner; layout() fills the
    // screen in the zoomed units (view())
    const cam = this.cameras.main.setOrigin(0, 0);
    this.unsubscribe.push(settings().subscribe((st) => (cam.setZoom(st.uiScale), this.layout())));
    this.scale.on(Phaser.Scale.Events.RESIZE, this.layout, this);
    this.registry.events.on(`changedata-${TOUCH_MODE_KEY}`, this.layout, this);
    this.registry.events.on(`changedata-${CHAT_COLLAPSED_KEY}`, this.layout, this);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => {
      this.scale.off(Phaser.Scale.Events.RESIZE, this.layout, this);
      this.registry.events.off(`changedata-${TOUCH_MODE_KEY}`, this.layout, this);
      this.registry.events.off(`changedata-${CHAT_COLLAPSED_KEY}`, this.layout, this);
      for (const u of this.unsubscribe) u();
      this.unsubscribe = [];
      this.results.hide();
    });
  }

  update(): void {
    const s = this.session;
    if (!s.isOpen) return;
    const now = this.time.now;
    const { width, height } = this.view();
    s.players(this.players);
    const me = this.players.find((p) => p.self) ?? null;
    const round = s.round();

    this.drawHp(me);
    this.score.setText(me ? `KILLS ${me.kills}   DEATHS ${me.deaths}` : "");
    this.clock.setText(formatClock(round.timeLeft));
    this.clock.setColor(round.phase === "playing" && round.timeLeft <= 10 ? UI.danger : UI.text);
    this.roundInfo.setText(round.phase === "playing" ? `ROUND ${round.round} · FIRST TO ${round.killLimit}` : `ROUND ${round.round} OVER`);
    const rtt = s.pingMs();
    this.ping.setText(`${rtt} ms · ${Math.round(this.game.loop.actualFps)} fps`);
    this.ping.setColor(rtt > 150 ? UI.danger : UI.textDim);
    this.netGraph.update(now, () => s.netGraph(now));
    reportNetGraph(this.netGraph.visible, this.netGraph.latest, this.netGraph.lines);

    const feed = this.feed.visible(now);
    const feedShown: string[] = [];
    this.feedLines.forEach((line, i) => {
      const item = feed[i];
      if (!item) return void line.setText("");
      const words = `${item.entry.killer}  ✕  ${item.entry.victim}`;
      feedShown.push(words);
      line.setText(words).setAlpha(item.alpha);
      line.setColor(playerColor(item.entry.killerColor));
    });

    this.minimap.draw(this.players);
    this.drawDamageMarks(me, now);

    const death = this.death?.death ?? null;
    let deathShown = null;
    if (s.status === "reconnecting") this.banner.setText("Connection lost — reconnecting…").setColor(UI.accent);
    else if (death && round.phase === "playing") {
      const killer = this.players.find((p) => p.id === death.killerId);
      const wait = this.death?.respawnInMs(now) ?? 0;
      const lines = deathLines(death, killer?.name ?? "", wait);
      this.banner.setText(lines.join("\n")).setColor(killer ? playerColor(killer.color) : UI.danger);
      deathShown = { lines, killerId: death.killerId, killerName: killer?.name || death.killerName, damage: death.damage, respawnInMs: wait };
    } else if (me && me.hp <= 0 && round.phase === "playing") this.banner.setText("ELIMINATED\nrespawning…").setColor(UI.danger);
    else this.banner.setText("");
    reportDeathAndFeed(deathShown, feedShown);

    const ranked = rankPlayers(this.players);
    if (round.phase !== "results") this.results.hide();
    if (round.phase === "results") {
      // resultsPanel.ts: ties, your line, accuracy and Play again
      const rows = s.standings.length > 0 ? s.standings : ranked;
      this.results.show({ round: round.round, winnerName: round.winnerName, rows, selfName: me?.name ?? "", nextIn: formatClock(round.timeLeft) });
      if (this.board.visible) this.board.hide();
    } else if (this.tab?.isDown && this.registry.get(TYPING_KEY) !== true) {
      this.board.show(width / 2, height / 2, `SCOREBOARD · ROUND ${round.round}`, ranked, me?.name ?? "", `first to ${round.killLimit} kills · ${formatClock(round.timeLeft)} left`);
    } else if (this.board.visible) {
      this.board.hide();
    }
  }

  /** Red arcs around our tank on the side each recent hit came from. */
  private drawDamageMarks(me: PlayerView | null, now: number): void {
    const g = this.damageMarks.clear();
    const marks = this.hitFrom.visible(now);
    const game = this.scene.get("Game");
    if (!me || marks.length === 0 || !game?.sys.isActive()) return;
    const cam = game.cameras.main;
    const cx = cam.x + (me.x - cam.worldView.x) * cam.zoom;
    const cy = cam.y + (me.y - cam.worldView.y) * cam.zoom;
    for (const m of marks) {
      g.lineStyle(6, UI_HEX.danger, 0.85 * m.alpha);
      g.beginPath();
      g.arc(cx, cy, DAMAGE_MARK_RADIUS, m.angle - 0.45, m.angle + 0.45);
      g.strokePath();
      const tipX = cx + Math.cos(m.angle) * (DAMAGE_MARK_RADIUS + 14);
      const tipY = cy + Math.sin(m.angle) * (DAMAGE_MARK_RADIUS + 14);
      const side = (a: number) => [cx + Math.cos(m.angle + a) * (DAMAGE_MARK_RADIUS + 3), cy + Math.sin(m.angle + a) * (DAMAGE_MARK_RADIUS + 3)] as const;
      const [lx, ly] = side(0.12);
      const [rx, ry] = side(-0.12);
      g.fillStyle(UI_HEX.danger, 0.9 * m.alpha).fillTriangle(tipX, tipY, lx, ly, rx, ry);
    }
  }

  private drawHp(me: PlayerView | null): void {
    const { x, y, w, h } = this.hpAt;
    const g = this.hpBar.clear();
    if (!me) return void this.hpText.setText("");
    const frac = Math.max(0, Math.min(1, me.hp / MAX_HP));
    g.fillStyle(0x000000, 0.6).fillRect(x - 3, y - 3, w + 6, h + 6);
    g.lineStyle(1, UI_HEX.panelEdge, 1).strokeRect(x - 3.5, y - 3.5, w + 7, h + 7);
    g.fillStyle(frac > 0.4 ? UI_HEX.good : UI_HEX.danger, 1).fillRect(x, y, Math.round(w * frac), h);
    g.fillStyle(0xffffff, 0.18).fillRect(x, y, Math.round(w * frac), 3);
    for (let i = 1; i < 5; i++) g.fillStyle(0x000000, 0.5).fillRect(x + (w * i) / 5, y, 1, h);
    this.hpText.setText(me.shielded ? `HP ${me.hp}  ·  SHIELDED` : `HP ${me.hp}`);
  }

  private toggleNetGraph(): void {
    const on = !this.netGraph.visible;
    this.registry.set(NET_GRAPH_KEY, on);
    this.netGraph.setVisible(on);
  }

  private drawHitMarker(): void {
    const g = this.hitMarker;
    g.lineStyle(3, 0xffffff, 1);
    for (const [dx, dy] of [[1, 1], [-1, 1], [1, -1], [-1, -1]] as const) g.lineBetween(dx * 6, dy * 6, dx * 13, dy * 13);
  }

  private showHitMarker(kill: boolean): void {
    // On touch the pointer is a thumb on a stick: mark the crosshair instead.
    const p = isTouchMode(this.registry) ? (this.scene.get("Game") as Game).crosshairOnScreen() : this.input.activePointer;
    const zoom = this.cameras.main.zoom;
    this.tweens.killTweensOf(this.hitMarker);
    this.hitMarker.setPosition(p.x / zoom, p.y / zoom).setAlpha(1).setScale(kill ? 1.5 : 1);
    this.tweens.add({ targets: this.hitMarker, alpha: 0, duration: kill ? 450 : 220 });
  }

  private damageFlash(): void {
    this.tweens.killTweensOf(this.flash);
    this.flash.setFillStyle(UI_HEX.danger, 0.28);
    this.flash.setAlpha(1);
    this.tweens.add({ targets: this.flash, alpha: 0, duration: 320 });
  }

  /** The screen in HUD units: CSS pixels divided by the UI scale. */
  private view(): { width: number; height: number } {
    const zoom = this.cameras.main.zoom;
    return { width: this.scale.width / zoom, height: this.scale.height / zoom };
  }

  private layout(): void {
    // in HUD units (the UI scale zooms the HUD camera), boxes from hudLayout.ts
    const { width, height } = this.view();
    const b = (this.box = hudLayout(width, height, { chatCollapsed: this.registry.get(CHAT_COLLAPSED_KEY) === true }));
    this.score.setPosition(b.vitals.x + 4, b.vitals.y + 4);
    this.clock.setPosition(b.clock.x + b.clock.w / 2, b.clock.y);
    this.roundInfo.setPosition(b.clock.x + b.clock.w / 2, b.clock.y + 38);
    this.ping.setPosition(b.feed.x + b.feed.w, b.feed.y);
    const s = this.session;
    this.roomBadge.setText(s.isPrivate ? `PRIVATE ROOM · CODE ${s.roomId}` : `ARENA ${s.roomId}`).setPosition(b.badge.x, b.badge.y);
    this.netGraph.place(b.badge.x, b.badge.y + 22);
    if (s.isPrivate) this.roomBadge.setColor(UI.accent);
    this.feedLines.forEach((line, i) => line.setPosition(b.feed.x + b.feed.w, b.feed.y + 22 + i * FEED_ROW));
    this.banner.setPosition(width / 2, height * 0.3);
    this.flash.setSize(width, height);
    this.minimap.place(b.minimap.x + b.minimap.w, b.minimap.y + b.minimap.h);
    const v = b.vitals;
    this.hpAt = { x: v.x + 4, y: v.y + v.h - 4 - HP_H, w: HP_W, h: HP_H };
    this.hpText.setPosition(this.hpAt.x, this.hpAt.y - 22);
    this.feedLines.forEach((line) => line.setFontSize(14).setVisible(true));
    if (isCompact(width, height, isTouchMode(this.registry))) this.compactLayout(compactLayout(width, height));
  }

  /** Small screens and touch play: every piece in a box of compactLayout, clear of the tank and the sticks. */
  private compactLayout(l: CompactLayout): void {
    this.roomBadge.setPosition(l.badge.x, l.badge.y);
    this.hpText.setPosition(l.hpText.x, l.hpText.y);
    this.hpAt = { x: l.hp.x, y: l.hp.y, w: l.hp.w, h: l.hp.h };
    this.score.setPosition(l.score.x, l.score.y);
    this.clock.setPosition(l.clock.x + l.clock.w / 2, l.clock.y);
    this.roundInfo.setPosition(l.roundInfo.x + l.roundInfo.w / 2, l.roundInfo.y);
    this.ping.setPosition(l.ping.x + l.ping.w, l.ping.y);
    this.netGraph.place(l.score.x, l.score.y + l.score.h);
    this.minimap.place(l.minimap.x + l.minimap.w, l.minimap.y + l.minimap.h, l.minimapScale);
    this.feedLines.forEach((line, i) => {
      line.setFontSize(12).setVisible(i < l.feedLines);
      line.setPosition(l.feed.x + l.feed.w, l.feed.y + (i * l.feed.h) / l.feedLines);
    });
  }
}
