/**
 * Game: draws the arena, the players and the shots of one session, and turns the
 * controls into inputs through the session. The camera follows the predicted self.
 * Launches Hud and Chat on top; on a close it returns to the menu.
 */
import * as Phaser from "phaser";
import { PLAYER_WEAPON, TELEPORT_DIST, WEAPONS } from "../../shared/constants.ts";
import { attachSessionSounds } from "../audio/sessionSounds.ts";
import { ARENA_MAP } from "../../shared/maps/arena.ts";
import { recordFrame, setDebugSession } from "../debug.ts";
import { Controls, TYPING_KEY } from "../input/controls.ts";
import { initTouchMode } from "../input/touchMode.ts";
import type { EndedShot, GameSession, LiveShot, PlayerView } from "../net/net.ts";
import { muzzleFlash, spark } from "../view/effects.ts";
import { DEPTH, PlayerSprite } from "../view/PlayerSprite.ts";
import { ShotSprites } from "../view/ShotSprites.ts";
import { UI } from "../view/palette.ts";
import { ArenaView } from "../view/arenaArt.ts";
import { inviteLink } from "../../shared/room-code.ts";
import { showInvite } from "../view/invitePanel.ts";
import { LeaveConfirm } from "../view/leaveConfirm.ts";
import { Tex } from "../view/textures.ts";


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

    const cam = this.cameras.main;
    cam.setBackgroundColor(UI.floor);
    cam.setBounds(0, 0, ARENA_MAP.width, ARENA_MAP.height).setRoundPixels(true);
    cam.centerOn(this.selfX, this.selfY);
    this.arena = new ArenaView(this);
    this.arena.root.setDepth(DEPTH.floor);
    this.shotSprites = new ShotSprites(this);
    this.crosshair = this.add.image(0, 0, Tex.crosshair).setDepth(DEPTH.crosshair);
    this.controls = new Controls(this);

    const ev = this.session.events;
    this.unsubscribe = [
      ev.on("fired", (_x, _y, aim) => muzzleFlash(this, this.selfX, this.selfY, aim, WEAPONS[PLAYER_WEAPON].muzzle)),
      ev.on("hit", (h) => {
        if (h.target === this.session.sessionId) cam.shake(120, 0.004);
      }),
      ev.on("closed", (message) => this.backToMenu(message)),
    ];
    // Keys pressed or released while the chat field had the keyboard never reached us.
    const onTyping = (_parent: unknown, typing: unknown) => {
      if (typing === false) this.controls.reset();
    };
    this.registry.events.on(`changedata-${TYPING_KEY}`, onTyping);
    this.unsubscribe.push(() => this.registry.events.off(`changedata-${TYPING_KEY}`, onTyping));
    // Esc asks first (leaveConfirm.ts); a private room shows its invite link.
    const askLeave = new LeaveConfirm(() => void this.leave());
    this.unsubscribe.push(() => askLeave.close());
    if (this.session.isPrivate) this.unsubscribe.push(showInvite(inviteLink(window.location.href, this.session.roomId)));
    this.input.keyboard?.on("keydown-ESC", () => {
      if (!this.controls.typing) askLeave.toggle();
    });

    initTouchMode(this.registry);
    attachSessionSounds(this, this.session);
    this.scene.launch("Hud", { session: this.session });
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
        // A respawn teleports: cut the camera there instead of panning across the map.
        if (this.following && Math.hypot(p.x - this.selfX, p.y - this.selfY) > TELEPORT_DIST) this.cameras.main.centerOn(p.x, p.y);
        this.selfX = p.x;
        this.selfY = p.y;
        if (!this.following) {
          this.following = true;
          this.cameras.main.startFollow(sprite.root, false, 0.2, 0.2);
        }
      }
    }
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

    this.arena.cullTo(this.cameras.main);
    const mark = this.controls.crosshair(this.selfX, this.selfY);
    this.crosshair.setPosition(mark.x, mark.y);
  }

  /** Where the crosshair is drawn, in screen px: the Hud's hit marker goes there on touch. */
  crosshairOnScreen(): { x: number; y: number } {
    const cam = this.cameras.main;
    return { x: cam.x + (this.crosshair.x - cam.worldView.x) * cam.zoom, y: cam.y + (this.crosshair.y - cam.worldView.y) * cam.zoom };
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
