/**
 * Game: draws the arena, the players and the shots of one session, and turns the
 * controls into inputs through the session. The camera shows the fixed logical view
 * (VIEW_WIDTH x VIEW_HEIGHT, letter-boxed) and follows the predicted self, kept clear of
 * the HUD; while dead it follows the killer. Launches Hud and Chat on top; on a close it
 * returns to the menu.
 */
import * as Phaser from "phaser";
import { PLAYER_RADIUS, PLAYER_WEAPON, TELEPORT_DIST, VIEW_HEIGHT, VIEW_HUD_CLEARANCE, VIEW_WIDTH, WEAPONS } from "../../shared/constants.ts";
import { attachSessionSounds } from "../audio/sessionSounds.ts";
import { ARENA_MAP } from "../../shared/maps/arena.ts";
import { recordFrame, reportView, setDebugSession } from "../debug.ts";
import { Controls, TYPING_KEY } from "../input/controls.ts";
import { initTouchMode, isTouchMode, TOUCH_MODE_KEY } from "../input/touchMode.ts";
import { settings } from "../settings.ts";
import type { EndedShot, GameSession, LiveShot, PlayerView } from "../net/net.ts";
import { DeathWatch } from "../net/deathWatch.ts";
import { bearing } from "../view/bearing.ts";
import { muzzleFlash, spark } from "../view/effects.ts";
import { damageNumber, flashOn } from "../view/hitFx.ts";
import { CHAT_COLLAPSED_KEY } from "../view/hudLayout.ts";
import { hudPanelsOnScreen } from "../view/hudPanels.ts";
import { tankCameraTopLeft } from "../view/tankSpot.ts";
import { fitView, screenToView, type Rect } from "../view/viewFit.ts";
import { DEPTH, PlayerSprite } from "../view/PlayerSprite.ts";
import { ShotSprites } from "../view/ShotSprites.ts";
import { UI, UI_HEX } from "../view/palette.ts";
import { ArenaView } from "../view/arenaArt.ts";
import { inviteLink } from "../../shared/room-code.ts";
import { showInvite } from "../view/invitePanel.ts";
import { LeaveConfirm } from "../view/leaveConfirm.ts";
import { Tex } from "../view/textures.ts";

/** Share of the way to its target the camera moves per 60 Hz frame: following our own tank
 *  (snappy), and panning to the killer while dead (slow enough to read as a pan). */
const FOLLOW_LERP = 0.2;
const SPECTATE_LERP = 0.07;

export interface GameData {
  session: GameSession;
}

export class Game extends Phaser.Scene {
  private session!: GameSession;
  private controls!: Controls;
  private readonly sprites = new Map<string, PlayerSprite>();
  private shotSprites!: ShotSprites;
  private crosshair!: Phaser.GameObjects.Image;
  private arena!: ArenaView;
  private readonly players: PlayerView[] = [];
  private readonly live: LiveShot[] = [];
  private readonly ended: EndedShot[] = [];
  private readonly seen = new Set<string>();
  private following = false;
  /** sessionId the camera follows (ours, or the killer's while dead). */
  private followId = "";
  private camX = ARENA_MAP.width / 2;
  private camY = ARENA_MAP.height / 2;
  private death!: DeathWatch;
  private killerArrow!: Phaser.GameObjects.Graphics;
  /** HUD boxes in view coordinates, for keeping the tank clear of them. */
  private hudInView: Rect[] = [];
  private selfX = ARENA_MAP.width / 2;
  private selfY = ARENA_MAP.height / 2;
  private unsubscribe: (() => void)[] = [];
  private leaving = false;

  constructor() {
    super("Game");
  }

  create(data: GameData): void {
    this.session = data.session;
    this.following = false;
    this.leaving = false;
    setDebugSession(this.session);
    this.input.keyboard?.enableGlobalCapture();
    this.input.keyboard?.addCapture([Phaser.Input.Keyboard.KeyCodes.SPACE, Phaser.Input.Keyboard.KeyCodes.TAB]);
    this.input.setDefaultCursor("none");

    this.followId = "";
    this.death = new DeathWatch(this.session.sessionId);
    const cam = this.cameras.main;
    cam.setBackgroundColor(UI.floor);
    // Not bounded to the map: near a HUD panel the tank is kept clear by showing a little
    // past the wall (tankSpot.ts).
    cam.setRoundPixels(true);
    // set before anyone listens: a key's first set is "setdata", later ones "changedata"
    if (!this.registry.has(CHAT_COLLAPSED_KEY)) this.registry.set(CHAT_COLLAPSED_KEY, false);
    this.fitCamera();
    this.scale.on(Phaser.Scale.Events.RESIZE, this.fitCamera, this);
    this.registry.events.on(`changedata-${CHAT_COLLAPSED_KEY}`, this.fitCamera, this);
    this.registry.events.on(`changedata-${TOUCH_MODE_KEY}`, this.fitCamera, this);
    cam.centerOn(this.selfX, this.selfY);
    this.killerArrow = this.add.graphics().setDepth(DEPTH.fx);
    this.arena = new ArenaView(this);
    this.arena.root.setDepth(DEPTH.floor);
    this.shotSprites = new ShotSprites(this);
    this.crosshair = this.add.image(0, 0, Tex.crosshair).setDepth(DEPTH.crosshair);
    this.controls = new Controls(this);

    const ev = this.session.events;
    this.unsubscribe = [
      ev.on("fired", (_x, _y, aim) => muzzleFlash(this, this.selfX, this.selfY, aim, WEAPONS[PLAYER_WEAPON].muzzle)),
      ev.on("hit", (h) => {
        this.death.onHit(h, this.time.now);
        this.showHit(h.shooter, h.target, h.damage, h.hp <= 0);
      }),
      ev.on("kill", (k) => this.death.onKill(k, this.time.now)),
      ev.on("closed", (message) => this.backToMenu(message)),
    ];
    // Keys pressed or released while the chat field had the keyboard never reached us.
    const onTyping = (_parent: unknown, typing: unknown) => {
      if (typing === false) this.controls.reset();
    };
    this.registry.events.on(`changedata-${TYPING_KEY}`, onTyping);
    this.unsubscribe.push(() => this.registry.events.off(`changedata-${TYPING_KEY}`, onTyping));
    // the UI scale resizes the HUD's panels, which the tank is kept clear of
    this.unsubscribe.push(settings().subscribe(() => this.fitCamera()));
    // Esc asks first (leaveConfirm.ts); a private room shows its invite link.
    const askLeave = new LeaveConfirm(() => void this.leave());
    this.unsubscribe.push(() => askLeave.close());
    if (this.session.isPrivate) this.unsubscribe.push(showInvite(inviteLink(window.location.href, this.session.roomId)));
    this.input.keyboard?.on("keydown-ESC", () => {
      if (!this.controls.typing) askLeave.toggle();
    });

    initTouchMode(this.registry);
    attachSessionSounds(this, this.session);
    this.scene.launch("Hud", { session: this.session, death: this.death });
    this.scene.launch("Chat", { session: this.session });
    this.scene.launch("TouchPad", { sticks: this.controls.sticks });
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => this.teardown());
  }

  update(time: number): void {
    const s = this.session;
    if (!s.isOpen) return;
    let movedThisFrame = false;
    s.frame(time, () => {
      const cmd = this.controls.sample(this.selfX, this.selfY);
      movedThisFrame ||= cmd.moveX !== 0 || cmd.moveY !== 0;
      return cmd;
    });

    const now = this.time.now;
    this.seen.clear();
    for (const p of s.players(this.players)) {
      if (p.away && !p.self) continue; // out of play until it reconnects: not drawn
      this.seen.add(p.id);
      let sprite = this.sprites.get(p.id);
      if (!sprite) {
        sprite = new PlayerSprite(this, p);
        this.sprites.set(p.id, sprite);
      } else sprite.update(p, now);
      if (p.self) {
        this.death.update(p.hp, this.time.now);
        // A respawn teleports: cut the camera there instead of panning across the map.
        const teleported = this.following && Math.hypot(p.x - this.selfX, p.y - this.selfY) > TELEPORT_DIST;
        this.selfX = p.x;
        this.selfY = p.y;
        if (teleported) this.followId = "";
        this.following = true;
      }
    }
    this.moveCamera(this.game.loop.delta);
    for (const [id, sprite] of this.sprites) {
      if (!this.seen.has(id)) {
        sprite.destroy();
        this.sprites.delete(id);
      }
    }

    recordFrame(movedThisFrame, this.selfX, this.selfY);
    s.updateShots(this.live, this.ended);
    this.shotSprites.sync(this.live, (owner) => this.colorOf(owner));
    for (const e of this.ended) spark(this, e.x, e.y, e.kind === "hit");

    this.drawKillerArrow();
    this.arena.cullTo(this.cameras.main);
    const mark = this.controls.crosshair(this.selfX, this.selfY);
    this.crosshair.setPosition(mark.x, mark.y);
  }

  /** Where the crosshair is drawn, in screen px: the Hud's hit marker goes there on touch. */
  crosshairOnScreen(): { x: number; y: number } {
    const cam = this.cameras.main;
    return { x: cam.x + (this.crosshair.x - cam.worldView.x) * cam.zoom, y: cam.y + (this.crosshair.y - cam.worldView.y) * cam.zoom };
  }

  /** Fits the fixed logical view into the window: zoom to fit, centred, bars around. */
  private fitCamera(): void {
    const { width, height } = this.scale;
    const fit = fitView(width, height);
    this.cameras.main.setViewport(fit.x, fit.y, fit.width, fit.height).setZoom(fit.zoom);
    const panels = hudPanelsOnScreen(width, height, {
      uiScale: settings().get().uiScale,
      touch: isTouchMode(this.registry),
      chatCollapsed: this.registry.get(CHAT_COLLAPSED_KEY) === true,
    });
    this.hudInView = panels.map((r) => screenToView(r, fit));
  }

  /** Follows our tank (kept clear of the HUD), or the killer while we are dead. */
  private moveCamera(deltaMs: number): void {
    if (!this.following) return;
    const me = this.session.sessionId;
    const killerId = this.death.death?.killerId ?? "";
    const killer = killerId && killerId !== me ? this.players.find((p) => p.id === killerId && !p.away) : undefined;
    const target = killer ?? { id: me, x: this.selfX, y: this.selfY };
    const topLeft = tankCameraTopLeft(target, ARENA_MAP, {
      viewW: VIEW_WIDTH,
      viewH: VIEW_HEIGHT,
      hud: this.hudInView,
      keepOut: PLAYER_RADIUS + VIEW_HUD_CLEARANCE,
    });
    const tx = topLeft.x + VIEW_WIDTH / 2;
    const ty = topLeft.y + VIEW_HEIGHT / 2;
    if (this.followId === "" || (this.followId !== me && target.id === me)) {
      // first frame, a respawn, or back from spectating: cut, do not pan across the map
      this.camX = tx;
      this.camY = ty;
    } else {
      const rate = target.id === me ? FOLLOW_LERP : SPECTATE_LERP;
      const k = 1 - Math.pow(1 - rate, Math.min(deltaMs, 100) / (1000 / 60));
      this.camX += (tx - this.camX) * k;
      this.camY += (ty - this.camY) * k;
    }
    this.followId = target.id;
    const cam = this.cameras.main;
    cam.centerOn(this.camX, this.camY);
    const v = cam.worldView;
    reportView({
      world: { x: v.x, y: v.y, width: v.width, height: v.height },
      zoom: cam.zoom,
      viewport: { x: cam.x, y: cam.y, width: cam.width, height: cam.height },
      following: this.followId,
      chatCollapsed: this.registry.get(CHAT_COLLAPSED_KEY) === true,
    });
  }

  /** While dead: an arrow on our wreck pointing at whoever killed us. */
  private drawKillerArrow(): void {
    const g = this.killerArrow.clear();
    const d = this.death.death;
    const killer = d ? this.players.find((p) => p.id === d.killerId && !p.self) : undefined;
    if (!killer) return;
    const a = bearing({ x: this.selfX, y: this.selfY }, killer);
    const r = PLAYER_RADIUS + 18;
    const tip = { x: this.selfX + Math.cos(a) * (r + 16), y: this.selfY + Math.sin(a) * (r + 16) };
    const side = (s: number) => ({ x: this.selfX + Math.cos(a + s) * r, y: this.selfY + Math.sin(a + s) * r });
    const l = side(0.35);
    const rt = side(-0.35);
    g.fillStyle(UI_HEX.danger, 0.9).fillTriangle(tip.x, tip.y, l.x, l.y, rt.x, rt.y);
    g.lineStyle(2, UI_HEX.danger, 0.5).lineBetween(this.selfX, this.selfY, killer.x, killer.y);
  }

  /** A hit we dealt or took (the server's `hit`, sent to both): number and flash on the
   *  target; a shake when it is us. */
  private showHit(shooter: string, target: string, damage: number, killed: boolean): void {
    const victim = this.sprites.get(target);
    const at = this.players.find((p) => p.id === target);
    if (victim) flashOn(this, victim.root);
    if (at && shooter === this.session.sessionId) damageNumber(this, at.x, at.y, damage, killed);
    if (target === this.session.sessionId) this.cameras.main.shake(killed ? 220 : 120, killed ? 0.008 : 0.004);
  }

  private colorOf(id: string): number {
    for (const p of this.players) if (p.id === id) return p.color;
    return 0;
  }

  /** Esc: leave on purpose. */
  private async leave(): Promise<void> {
    if (this.leaving) return;
    this.leaving = true;
    await this.session.leave();
    this.backToMenu();
  }

  private backToMenu(notice?: string): void {
    this.leaving = true;
    this.scene.stop("Hud");
    this.scene.stop("Chat");
    this.scene.stop("TouchPad");
    this.scene.start("Menu", { notice });
  }

  private teardown(): void {
    this.scale.off(Phaser.Scale.Events.RESIZE, this.fitCamera, this);
    this.registry.events.off(`changedata-${CHAT_COLLAPSED_KEY}`, this.fitCamera, this);
    this.registry.events.off(`changedata-${TOUCH_MODE_KEY}`, this.fitCamera, this);
    reportView(null);
    for (const u of this.unsubscribe) u();
    this.unsubscribe = [];
    for (const sprite of this.sprites.values()) sprite.destroy();
    this.sprites.clear();
    this.shotSprites.clear();
    // Other plugins (cameras) may already be shut down here: touch only what is global.
    this.game.canvas.style.cursor = "default";
    setDebugSession(null);
    if (this.session.isOpen) void this.session.leave();
  }
}
