/**
 * Esc asks before it leaves: a small panel over the game with Stay and Leave. Esc again
 * (the Game's Esc hook calls toggle) or N stays; Y or the Leave button leaves. The game
 * keeps running underneath: leaving is a choice, not a pause.
 */
import { overlayRoot } from "./styles.ts";
import { h, injectSessionStyles } from "./sessionStyles.ts";

export class LeaveConfirm {
  private root: HTMLElement | null = null;
  private readonly onLeave: () => void;
  private readonly onKey = (e: KeyboardEvent) => {
    // a Y typed into the chat field is a letter, not an answer
    if (e.repeat || e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement) return;
    if (e.key === "y" || e.key === "Y") this.leave();
    else if (e.key === "n" || e.key === "N") this.close();
  };

  constructor(onLeave: () => void) {
    this.onLeave = onLeave;
  }

  get isOpen(): boolean {
    return this.root !== null;
  }

  toggle(): void {
    if (this.isOpen) this.close();
    else this.open();
  }

  open(): void {
    if (this.root) return;
    injectSessionStyles();
    const stay = h("button", { id: "leave-stay", className: "tf-btn", type: "button", textContent: "Stay (Esc)" });
    const leave = h("button", { id: "leave-confirm", className: "tf-btn tf-primary", type: "button", textContent: "Leave (Y)" });
    leave.style.marginTop = "0";
    leave.style.width = "auto";
    stay.addEventListener("click", () => this.close());
    leave.addEventListener("click", () => this.leave());
    const card = h("section", { className: "tf-card" }, h("h2", { textContent: "Leave the game?" }), h("p", { textContent: "Your seat and score go to someone else." }), h("div", { className: "tf-btns" }, stay, leave));
    this.root = h("div", { id: "leave-dialog", className: "tf-modal" }, card);
    this.root.setAttribute("role", "dialog");
    this.root.setAttribute("aria-modal", "true");
    overlayRoot().appendChild(this.root);
    window.addEventListener("keydown", this.onKey);
  }

  close(): void {
    window.removeEventListener("keydown", this.onKey);
    this.root?.remove();
    this.root = null;
  }

  private leave(): void {
    this.close();
    this.onLeave();
  }
}
