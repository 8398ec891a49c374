/**
 * The settings panel behind a gear button, in HTML over the canvas: volume, mute, UI
 * scale, colour-blind palette and touch aim sensitivity. Reads and writes a SettingsStore
 * and nothing else; the caller says what opening the panel means for the game (hooks).
 * Stable ids for the tests.
 */
import { TOUCH_AIM_SENSITIVITY_MAX, TOUCH_AIM_SENSITIVITY_MIN, UI_SCALE_MAX, UI_SCALE_MIN } from "../../shared/client-constants.ts";
import type { Settings, SettingsStore } from "../settings.ts";
import { overlayRoot } from "./styles.ts";

export interface SettingsPanelHooks {
  /** the panel opened or closed (the game stops reading its keys while it is open). */
  onOpenChange(open: boolean): void;
}

export interface SettingsPanel {
  gear: HTMLButtonElement;
  panel: HTMLElement;
  /** places the gear for the menu or for a game (where the HUD owns the top right corner). */
  setInGame(inGame: boolean): void;
  isOpen(): boolean;
  close(): void;
}

const SVG = "http://www.w3.org/2000/svg";

/** A gear drawn as SVG: no icon font or image to load. */
function gearIcon(): SVGSVGElement {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("width", "20");
  svg.setAttribute("height", "20");
  svg.setAttribute("aria-hidden", "true");
  const teeth = document.createElementNS(SVG, "path");
  // eight teeth around a ring, as one path
  let d = "";
  for (let i = 0; i < 8; i++) {
    const a = (i / 8) * Math.PI * 2;
    const at = (r: number, da: number) => `${(12 + Math.cos(a + da) * r).toFixed(2)} ${(12 + Math.sin(a + da) * r).toFixed(2)}`;
    d += `M${at(7, -0.28)} L${at(10.5, -0.2)} L${at(10.5, 0.2)} L${at(7, 0.28)} Z `;
  }
  teeth.setAttribute("d", d);
  teeth.setAttribute("fill", "currentColor");
  const ring = document.createElementNS(SVG, "circle");
  ring.setAttribute("cx", "12");
  ring.setAttribute("cy", "12");
  ring.setAttribute("r", "5.5");
  ring.setAttribute("fill", "none");
  ring.setAttribute("stroke", "currentColor");
  ring.setAttribute("stroke-width", "3");
  svg.append(teeth, ring);
  return svg;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...kids: (Node | string)[]) {
  const e = document.createElement(tag);
  Object.assign(e, props);
  e.append(...kids);
  return e;
}

/** A labelled slider, with a span in its label for the current value. */
function slider(id: string, text: string, min: number, max: number, step: number) {
  const value = el("span", { className: "tf-value", id: `${id}-value` });
  const input = el("input", { id, type: "range", className: "tf-range", min: String(min), max: String(max), step: String(step) });
  const label = el("label", { className: "tf-label", htmlFor: id }, text, value);
  return { input, value, nodes: [label, input] };
}

function checkbox(id: string, text: string) {
  const input = el("input", { id, type: "checkbox" });
  return { input, node: el("label", { className: "tf-check", htmlFor: id }, input, text) };
}

const pct = (v: number) => `${Math.round(v * 100)}%`;

export function buildSettingsPanel(store: SettingsStore, hooks: SettingsPanelHooks): SettingsPanel {
  const gear = el("button", { id: "settings-gear", className: "tf-gear", type: "button", title: "Settings" }, gearIcon());
  gear.setAttribute("aria-label", "Settings");
  gear.setAttribute("aria-expanded", "false");
  gear.setAttribute("aria-controls", "settings-panel");

  const volume = slider("set-volume", "Volume", 0, 100, 5);
  const mute = checkbox("set-mute", "Mute all sound");
  const uiScale = slider("set-ui-scale", "UI scale", UI_SCALE_MIN * 100, UI_SCALE_MAX * 100, 5);
  const colorblind = checkbox("set-colorblind", "Colour-blind-safe player colours");
  const touch = slider("set-touch", "Touch aim sensitivity", TOUCH_AIM_SENSITIVITY_MIN, TOUCH_AIM_SENSITIVITY_MAX, 0.1);
  const close = el("button", { id: "settings-close", className: "tf-btn tf-wide", type: "button", textContent: "Close" });
  const panel = el(
    "section",
    { id: "settings-panel", className: "tf-card tf-settings", hidden: true },
    el("h2", { textContent: "Settings" }),
    ...volume.nodes,
    mute.node,
    ...uiScale.nodes,
    colorblind.node,
    ...touch.nodes,
    close,
  );
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-label", "Settings");
  const root = el("div", { className: "tf-settings-root" }, gear, panel);
  overlayRoot().appendChild(root);

  const show = (s: Readonly<Settings>) => {
    volume.input.value = String(Math.round(s.volume * 100));
    volume.value.textContent = pct(s.volume);
    mute.input.checked = s.muted;
    uiScale.input.value = String(Math.round(s.uiScale * 100));
    uiScale.value.textContent = pct(s.uiScale);
    colorblind.input.checked = s.palette === "colorblind";
    touch.input.value = String(s.touchSensitivity);
    touch.value.textContent = `${s.touchSensitivity.toFixed(1)}×`;
    gear.classList.toggle("tf-muted", s.muted);
  };
  store.subscribe(show);

  volume.input.addEventListener("input", () => store.update({ volume: Number(volume.input.value) / 100 }));
  mute.input.addEventListener("change", () => store.update({ muted: mute.input.checked }));
  // applied on release: rescaling the panel under a dragging finger would move the slider
  uiScale.input.addEventListener("input", () => (uiScale.value.textContent = pct(Number(uiScale.input.value) / 100)));
  uiScale.input.addEventListener("change", () => store.update({ uiScale: Number(uiScale.input.value) / 100 }));
  colorblind.input.addEventListener("change", () => store.update({ palette: colorblind.input.checked ? "colorblind" : "standard" }));
  touch.input.addEventListener("input", () => store.update({ touchSensitivity: Math.round(Number(touch.input.value) * 10) / 10 }));

  let open = false;
  const setOpen = (next: boolean) => {
    if (open === next) return;
    open = next;
    panel.hidden = !open;
    gear.setAttribute("aria-expanded", String(open));
    if (!open && panel.contains(document.activeElement)) (document.activeElement as HTMLElement).blur();
    hooks.onOpenChange(open);
  };
  gear.addEventListener("click", () => setOpen(!open));
  close.addEventListener("click", () => setOpen(false));
  // Esc closes the panel, caught before the game hears it (Esc in a game leaves the room).
  window.addEventListener(
    "keydown",
    (e) => {
      if (!open || e.key !== "Escape") return;
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    },
    true,
  );

  return {
    gear,
    panel,
    setInGame: (inGame) => root.classList.toggle("tf-in-game", inGame),
    isOpen: () => open,
    close: () => setOpen(false),
  };
}
