/**
 * Chat: the last lines of chat over the arena, and an HTML field that Enter opens (on
 * touch, a Chat button). Enter sends, Esc cancels. While the field is open the game
 * ignores movement keys (registry "typing") and Phaser's global key capture is off, so
 * Space types a space. C collapses the chat to its newest line (registry
 * CHAT_COLLAPSED_KEY), and back; the lines stay inside the chat box of hudLayout.ts, which
 * the camera keeps the tank out of.
 */
import * as Phaser from "phaser";
import { CHAT_MAX } from "../../shared/constants.ts";
import { TYPING_KEY } from "../input/controls.ts";
import { isTouchMode, TOUCH_MODE_KEY } from "../input/touchMode.ts";
import type { GameSession } from "../net/net.ts";
import { compactLayout, isCompact, isPortrait } from "../view/compactLayout.ts";
import { CHAT_BOTTOM, CHAT_COLLAPSED_KEY, CHAT_ROWS, hudLayout } from "../view/hudLayout.ts";
import { FONT, UI } from "../view/palette.ts";
import { overlayRoot } from "../view/styles.ts";

const SHOWN = CHAT_ROWS;
/** ms a line stays fully visible while the field is closed, then fades over FADE_MS. */
const HOLD_MS = 10_000;
const FADE_MS = 1_500;
const BOTTOM = CHAT_BOTTOM;
/** px. The open field's height and gap: lines move aside by this. */
const FIELD_H = 44;

const KIND_COLOR: Record<string, string> = {
  all: UI.text,
  whisper: "#c9a2ff",
  system: "#e7b45a",
  error: UI.danger,
};

interface Line {
  text: Phaser.GameObjects.Text;
  at: number;
}

export class Chat extends Phaser.Scene {
  private session!: GameSession;
  private lines: Line[] = [];
  private box: HTMLDivElement | null = null;
  private field: HTMLInputElement | null = null;
  private button: HTMLButtonElement | null = null;
  private open = false;
  private unsubscribe: (() => void)[] = [];
  private readonly onWindowKey = (e: KeyboardEvent) => {
    if (e.key !== "Enter" || this.open || e.repeat) return;
    if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return;
    e.preventDefault();
    this.openField();
  };

  constructor() {
    super("Chat");
  }

  create(data: { session: GameSession }): void {
    this.session = data.session;
    this.lines = [];
    this.open = false;
    this.buildField();
    // Opened straight from the DOM event, so keys typed right after Enter land in the field.
    window.addEventListener("keydown", this.onWindowKey);
    this.input.keyboard?.on("keydown-C", () => {
      if (!this.open) this.registry.set(CHAT_COLLAPSED_KEY, this.registry.get(CHAT_COLLAPSED_KEY) !== true);
    });
    this.registry.events.on(`changedata-${CHAT_COLLAPSED_KEY}`, this.layout, this);
    this.unsubscribe = [this.session.events.on("chat", (l) => this.addLine(l.text, KIND_COLOR[l.kind] ?? UI.text))];
    for (const text of this.session.chatLog.slice(-SHOWN)) this.addLine(text, UI.textDim);
    this.scale.on(Phaser.Scale.Events.RESIZE, this.layout, this);
    this.registry.events.on(`changedata-${TOUCH_MODE_KEY}`, this.layout, this);
    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => this.teardown());
  }

  update(): void {
    const now = this.time.now;
    for (const l of this.lines) {
      const age = now - l.at;
      l.text.setAlpha(this.open || age < HOLD_MS ? 1 : Math.max(0, 1 - (age - HOLD_MS) / FADE_MS));
    }
  }

  private addLine(text: string, color: string): void {
    const t = this.add.text(0, 0, text, {
      fontFamily: FONT,
      fontSize: "13px",
      color,
      stroke: "#000000",
      strokeThickness: 3,
      wordWrap: { width: this.chatBox().w, useAdvancedWrap: true },
    });
    this.lines.push({ text: t, at: this.time.now });
    while (this.lines.length > SHOWN) this.lines.shift()?.text.destroy();
    this.layout();
  }

  private chatBox() {
    const collapsed = this.registry.get(CHAT_COLLAPSED_KEY) === true && !this.open;
    return hudLayout(this.scale.width, this.scale.height, { chatCollapsed: collapsed }).chat;
  }

  /** Newest line at the bottom of the chat box; lines that would leave it are hidden. */
  private layout(): void {
    const { width, height } = this.scale;
    const touch = isTouchMode(this.registry);
    // In portrait the "turn your phone" hint covers the game, and the button with it.
    if (this.button) this.button.style.display = touch && !this.open && !isPortrait(width, height) ? "block" : "none";
    if (isCompact(width, height, touch)) return this.compactLayout(width, height);
    const box = this.chatBox();
    let y = height - BOTTOM - (this.open ? FIELD_H : 0);
    const top = box.y - (this.open ? FIELD_H : 0);
    for (let i = this.lines.length - 1; i >= 0; i--) {
      const t = this.lines[i]?.text;
      if (!t) continue;
      t.setWordWrapWidth(box.w, true).setMaxLines(0); // undo the compact layout's
      y -= t.height + 2;
      t.setPosition(box.x, y).setVisible(y >= top - 1);
    }
    if (this.box) Object.assign(this.box.style, { bottom: `${BOTTOM}px`, top: "", left: `${box.x}px`, width: `${box.w}px` });
  }

  /** Small screens: the newest lines top-down under the HUD's left column, the field at
   *  the top (a phone's keyboard covers the bottom half), the button between the sticks. */
  private compactLayout(width: number, height: number): void {
    const l = compactLayout(width, height);
    const first = Math.max(0, this.lines.length - l.chatLines);
    let y = l.chat.y + (this.open ? FIELD_H : 0);
    this.lines.forEach(({ text }, i) => {
      text.setVisible(i >= first).setWordWrapWidth(l.chat.w, true).setMaxLines(1);
      if (i < first) return;
      text.setPosition(l.chat.x, y);
      y += l.chat.h / l.chatLines;
    });
    if (this.box) Object.assign(this.box.style, { top: `${l.chat.y}px`, bottom: "", left: `${l.chat.x}px`, width: `${Math.max(l.chat.w, width / 2)}px` });
    const b = l.chatButton;
    if (this.button) Object.assign(this.button.style, { left: `${b.x}px`, top: `${b.y}px`, width: `${b.w}px`, height: `${b.h}px` });
  }

  private buildField(): void {
    const overlay = document.createElement("div");
    overlay.className = "tf-overlay";
    const box = document.createElement("div");
    box.className = "tf-chat";
    box.style.display = "none";
    const field = document.createElement("input");
    field.id = "chat-input";
    field.className = "tf-input";
    field.maxLength = CHAT_MAX;
    field.autocomplete = "off";
    field.spellcheck = false;
    field.placeholder = "Say something · /w name message to whisper";
    // The game must not see keys typed here; Enter and Esc are ours.
    field.addEventListener("keydown", (e) => {
      e.stopPropagation();
      if (e.key === "Enter") {
        e.preventDefault();
        const text = field.value.trim();
        if (text) this.session.sendChat(text);
        this.closeField();
      } else if (e.key === "Escape") {
        e.preventDefault();
        this.closeField();
      }
    });
    field.addEventListener("keyup", (e) => e.stopPropagation());
    field.addEventListener("blur", () => this.closeField());
    box.appendChild(field);
    overlay.appendChild(box);
    const button = document.createElement("button");
    button.id = "chat-button";
    button.className = "tf-btn tf-chat-button";
    button.textContent = "Chat";
    button.style.display = "none";
    button.addEventListener("click", () => this.openField());
    overlay.appendChild(button);
    this.button = button;
    overlayRoot().appendChild(overlay);
    this.box = box;
    this.field = field;
    this.layout();
  }

  private openField(): void {
    if (!this.box || !this.field || !this.session.isOpen) return;
    this.open = true;
    this.registry.set(TYPING_KEY, true);
    this.input.keyboard?.disableGlobalCapture();
    this.box.style.display = "block";
    this.field.value = "";
    this.field.focus();
    this.layout();
  }

  private closeField(): void {
    if (!this.open) return;
    this.open = false;
    this.registry.set(TYPING_KEY, false);
    this.input.keyboard?.enableGlobalCapture();
    if (this.box) this.box.style.display = "none";
    if (this.field && document.activeElement === this.field) this.field.blur();
    this.game.canvas.focus();
    // Lines read while the field was open start their fade from now.
    const now = this.time.now;
    for (const l of this.lines) l.at = Math.max(l.at, now - HOLD_MS / 2);
    this.layout();
  }

  private teardown(): void {
    window.removeEventListener("keydown", this.onWindowKey);
    this.registry.events.off(`changedata-${CHAT_COLLAPSED_KEY}`, this.layout, this);
    for (const u of this.unsubscribe) u();
    this.unsubscribe = [];
    this.scale.off(Phaser.Scale.Events.RESIZE, this.layout, this);
    this.registry.set(TYPING_KEY, false);
    this.input.keyboard?.enableGlobalCapture();
    this.registry.events.off(`changedata-${TOUCH_MODE_KEY}`, this.layout, this);
    this.box?.parentElement?.remove();
    this.box = null;
    this.button = null;
    this.field = null;
    this.lines = [];
  }
}
