/**
 * Menu: pilot name, quick play, private rooms, join by code, and the live list of public
 * arenas. The form is HTML over a slowly drifting view of the arena.
 */
import * as Phaser from "phaser";
import { NAME_RAW_MAX } from "../../shared/constants.ts";
import { NAME_PROBLEM, nameProblem, sanitizeName } from "../../shared/names.ts";
import { inviteCode, normalizeRoomCode, roomCodeProblem } from "../../shared/room-code.ts";
import { reportError } from "../debug.ts";
import { getNet, type GameSession, type LobbyFeed } from "../net/net.ts";
import { buildMenuDom, renderRoomList, type MenuDom } from "../view/menuDom.ts";
import { FONT, UI } from "../view/palette.ts";
import { ArenaView } from "../view/arenaArt.ts";
import { ARENA_MAP } from "../../shared/maps/arena.ts";

const NAME_KEY = "tickfire.name";

/** The page's first menu: only it rejoins a held seat or follows an invite link. */
let firstMenu = true;

export interface MenuData {
  /** Shown in the error line on arrival, e.g. why the last game ended. */
  notice?: string;
}

/** px. Below this window height the menu drops its title (the cards need the height). */
const MENU_TITLE_MIN_HEIGHT = 560;

export class Menu extends Phaser.Scene {
  private dom: MenuDom | null = null;
  private lobby: LobbyFeed | null = null;
  private busy = false;
  private bg!: ArenaView;
  private shade!: Phaser.GameObjects.Rectangle;
  private title!: Phaser.GameObjects.Text;
  private tagline!: Phaser.GameObjects.Text;
  private footer!: Phaser.GameObjects.Text;
  /** Stops the wait for a restarting server when the menu goes away. */
  private serverWait: AbortController | null = null;

  constructor() {
    super("Menu");
  }

  create(data: MenuData = {}): void {
    this.busy = false;
    this.input.keyboard?.disableGlobalCapture();
    this.cameras.main.setBackgroundColor(UI.floor);
    this.bg = new ArenaView(this);
    this.bg.root.setAlpha(0.55);
    this.shade = this.add.rectangle(0, 0, 10, 10, 0x05070a, 0.55).setOrigin(0);
    this.title = this.add
      .text(0, 0, "TICKFIRE", { fontFamily: FONT, fontSize: "56px", fontStyle: "bold", color: UI.accent, stroke: "#000", strokeThickness: 6 })
      .setOrigin(0.5, 0)
      .setLetterSpacing(14);
    this.tagline = this.add
      .text(0, 0, "AUTHORITATIVE ARENA COMBAT", { fontFamily: FONT, fontSize: "13px", color: UI.textDim })
      .setOrigin(0.5, 0)
      .setLetterSpacing(6);
    this.footer = this.add
      .text(0, 0, "WASD move · mouse aim · click/Space fire · Tab scores · Enter chat · Esc leave", {
        fontFamily: FONT,
        fontSize: "12px",
        color: UI.textDim,
      })
      .setOrigin(0.5, 1);
    this.layout();
    this.scale.on(Phaser.Scale.Events.RESIZE, this.layout, this);

    const dom = buildMenuDom();
    this.dom = dom;
    dom.name.value = (localStorage.getItem(NAME_KEY) ?? "").slice(0, NAME_RAW_MAX) || `pilot-${Phaser.Math.Between(100, 999)}`;
    if (data.notice) this.showError(data.notice);
    // Typing in the form must not be eaten by the game's key captures.
    dom.root.addEventListener("focusin", () => this.input.keyboard?.disableGlobalCapture());
    const net = getNet();
    dom.quickPlay.addEventListener("click", () => this.go((name) => net.quickPlay(name)));
    dom.createPrivate.addEventListener("click", () => this.go((name) => net.createPrivate(name)));
    dom.joinCodeBtn.addEventListener("click", () => this.joinCode());
    dom.name.addEventListener("keydown", (e) => {
      if (e.key === "Enter") this.go((name) => net.quickPlay(name));
    });
    dom.joinCode.addEventListener("keydown", (e) => {
      if (e.key === "Enter") this.joinCode();
    });
    dom.joinCode.addEventListener("input", () => {
      dom.joinCode.value = normalizeRoomCode(dom.joinCode.value).replace(/[^A-Z0-9]/g, "");
    });

    this.lobby = net.openLobby();
    this.lobby.events.on("change", () => this.renderRooms());
    this.renderRooms();
    if (net.restartPending) this.waitForServer();
    if (firstMenu) {
      firstMenu = false;
      void this.arrive();
    }

    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => this.teardown());
  }

  update(time: number): void {
    // A slow drift across the arena behind the form.
    const { width, height } = this.scale;
    const t = time / 24000;
    this.bg.root.setPosition(
      Math.round(width / 2 - ARENA_MAP.width / 2 + Math.cos(t) * 260),
      Math.round(height / 2 - ARENA_MAP.height / 2 + Math.sin(t * 1.3) * 260),
    );
    this.bg.cullTo(this.cameras.main);
  }

  private joinCode(): void {
    const code = normalizeRoomCode(this.dom?.joinCode.value ?? "");
    const problem = roomCodeProblem(code);
    if (problem) {
      this.showError(problem);
      return;
    }
    this.go((name) => getNet().joinByCode(code, name));
  }

  /**
   * The page just loaded: back into the seat this tab held (a refresh), else into the room
   * an invite link names (`?room=CODE`, taken off the address so a later refresh does not
   * join it again), else the menu as it is.
   */
  private async arrive(): Promise<void> {
    const net = getNet();
    if (net.hasSavedSeat()) {
      this.setBusy(true);
      this.showInfo("Rejoining your game…");
      try {
        const session = await net.resume();
        if (!this.dom) return void session.leave();
        this.enterGame(session);
        return;
      } catch {
        // the seat is gone (held too long, or the server restarted): carry on as a new player
        this.setBusy(false);
        this.showInfo("Your last game is over. Press Quick play to join another.");
      }
    }
    const code = inviteCode(window.location.search);
    if (!code || !this.dom) return;
    const url = new URL(window.location.href);
    url.searchParams.delete("room");
    window.history.replaceState(window.history.state, "", url);
    this.dom.joinCode.value = code;
    this.joinCode();
  }

  /**
   * The last game ended because its server shut down: Quick play is offered again once a
   * server answers (the same one restarted, or another of the cluster).
   */
  private waitForServer(): void {
    const dom = this.dom;
    if (!dom) return;
    this.serverWait?.abort();
    const wait = new AbortController();
    this.serverWait = wait;
    this.setBusy(true);
    dom.quickPlay.textContent = "Waiting for the server…";
    void getNet()
      .waitForServer(wait.signal)
      .then((back) => {
        if (!back || !this.dom) return;
        getNet().restartPending = false;
        this.dom.quickPlay.textContent = "Quick play";
        this.setBusy(false);
        this.showInfo("The server is back. Press Quick play.");
        this.dom.quickPlay.focus();
      });
  }

  private renderRooms(): void {
    const dom = this.dom;
    const lobby = this.lobby;
    if (!dom || !lobby) return;
    const rooms = lobby.rooms();
    const empty =
      lobby.status === "offline" ? "Server unreachable, retrying…" : lobby.status === "connecting" ? "Connecting…" : "No public arenas yet. Quick play starts one.";
    renderRoomList(dom.roomList, rooms, empty, (roomId) => this.go((name) => getNet().joinListed(roomId, name)));
    const players = rooms.reduce((n, r) => n + r.clients, 0);
    dom.status.textContent = lobby.status === "live" ? `${rooms.length} arena${rooms.length === 1 ? "" : "s"} · ${players} playing` : "";
  }

  private async go(start: (name: string) => Promise<GameSession>): Promise<void> {
    const dom = this.dom;
    if (!dom || this.busy) return;
    const name = sanitizeName(dom.name.value);
    if (!name) {
      this.showError(`Pick another name: ${nameProblem(dom.name.value) ?? NAME_PROBLEM.empty}`);
      dom.name.focus();
      return;
    }
    localStorage.setItem(NAME_KEY, name);
    this.setBusy(true);
    this.showInfo("Connecting…");
    let session: GameSession;
    try {
      session = await start(name);
    } catch (err) {
      const msg = err instanceof Error ? err.message : String(err);
      reportError(msg);
      if (this.dom) {
        this.showError(msg);
        this.setBusy(false);
      }
      return;
    }
    if (!this.dom) {
      // The menu went away while joining.
      void session.leave();
      return;
    }
    reportError("");
    this.enterGame(session);
  }

  private enterGame(session: GameSession): void {
    // Hand the keyboard to the game: nothing in the form may keep focus.
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    this.game.canvas.focus();
    this.scene.start("Game", { session });
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    const dom = this.dom;
    if (!dom) return;
    for (const b of [dom.quickPlay, dom.createPrivate, dom.joinCodeBtn]) b.disabled = busy;
  }

  private showError(text: string): void {
    if (!this.dom) return;
    this.dom.error.classList.remove("tf-info");
    this.dom.error.textContent = text;
  }

  private showInfo(text: string): void {
    if (!this.dom) return;
    this.dom.error.classList.add("tf-info");
    this.dom.error.textContent = text;
  }

  private layout(): void {
    const { width, height } = this.scale;
    this.shade.setSize(width, height);
    // A phone held sideways has no room above the cards: the title and the keyboard hints give way.
    const roomy = height >= MENU_TITLE_MIN_HEIGHT;
    for (const t of [this.title, this.tagline, this.footer]) t.setVisible(roomy);
    const top = Math.max(24, height * 0.08);
    this.title.setPosition(width / 2, top);
    this.tagline.setPosition(width / 2, top + 70);
    this.footer.setPosition(width / 2, height - 16);
  }

  private teardown(): void {
    this.serverWait?.abort();
    this.serverWait = null;
    this.scale.off(Phaser.Scale.Events.RESIZE, this.layout, this);
    this.lobby?.close();
    this.lobby = null;
    this.dom?.root.remove();
    this.dom = null;
  }
}
