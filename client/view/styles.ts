/** CSS for the HTML fields laid over the canvas (menu form, chat input). Injected once. */
import { FONT, UI } from "./palette.ts";

const CSS = `
.tf-overlay { position: absolute; inset: 0; pointer-events: none; font-family: ${FONT}; color: ${UI.text}; }
.tf-menu { position: absolute; left: 50%; top: 50%; transform: translate(-50%, -42%); width: min(720px, calc(100vw - 32px));
  display: grid; grid-template-columns: 1fr 1fr; gap: 18px; pointer-events: auto; }
@media (max-width: 640px) { .tf-menu { grid-template-columns: 1fr; } }
.tf-card { background: ${UI.panel}; border: 1px solid ${UI.panelEdge}; border-top: 2px solid ${UI.accent};
  padding: 16px 18px; box-shadow: 0 18px 40px rgba(0,0,0,0.55); backdrop-filter: blur(2px); }
.tf-card h2 { margin: 0 0 12px; font-size: 12px; letter-spacing: 0.18em; text-transform: uppercase; color: ${UI.accent}; font-weight: 700; }
.tf-label { display: block; font-size: 11px; letter-spacing: 0.12em; text-transform: uppercase; color: ${UI.textDim}; margin: 10px 0 6px; }
.tf-input { box-sizing: border-box; width: 100%; background: #07090d; color: ${UI.text}; border: 1px solid #2f3a48;
  padding: 9px 10px; font: 14px ${FONT}; outline: none; }
.tf-input:focus { border-color: ${UI.accent}; box-shadow: 0 0 0 2px rgba(255,176,46,0.18); }
.tf-row { display: flex; gap: 8px; }
.tf-row .tf-input { flex: 1; text-transform: uppercase; letter-spacing: 0.2em; }
.tf-btn { font: 700 13px ${FONT}; letter-spacing: 0.12em; text-transform: uppercase; padding: 10px 14px; cursor: pointer;
  background: #1a212b; color: ${UI.text}; border: 1px solid #354253; }
.tf-btn:hover:not(:disabled) { border-color: ${UI.accent}; color: #fff; }
.tf-btn:disabled { opacity: 0.45; cursor: default; }
.tf-btn.tf-primary { width: 100%; margin-top: 14px; background: ${UI.accent}; color: #140d02; border-color: ${UI.accent}; font-size: 15px; padding: 12px; }
.tf-btn.tf-primary:hover:not(:disabled) { background: #ffc45e; color: #140d02; }
.tf-btn.tf-wide { width: 100%; margin-top: 8px; }
.tf-error { min-height: 18px; margin-top: 12px; font-size: 13px; color: ${UI.danger}; white-space: pre-wrap; }
.tf-error.tf-info { color: ${UI.textDim}; }
.tf-list { list-style: none; margin: 0; padding: 0; max-height: 220px; overflow-y: auto; border: 1px solid #1f2732; }
.tf-list li { display: flex; justify-content: space-between; align-items: center; gap: 8px; padding: 9px 10px; border-bottom: 1px solid #1a212a;
  cursor: pointer; font-size: 13px; }
.tf-list li:hover { background: #17202a; }
.tf-list li.tf-full { opacity: 0.45; cursor: default; }
.tf-list li.tf-empty { color: ${UI.textDim}; cursor: default; justify-content: center; }
.tf-list .tf-count { color: ${UI.accent}; }
.tf-status { font-size: 11px; color: ${UI.textDim}; margin-top: 8px; letter-spacing: 0.08em; }
.tf-chat { position: absolute; left: 16px; bottom: 16px; width: min(440px, calc(100vw - 32px)); pointer-events: auto; }
.tf-chat .tf-input { background: rgba(7,9,13,0.9); }
.tf-chat-button { position: absolute; pointer-events: auto; padding: 0; font-size: 12px; opacity: 0.8; touch-action: manipulation; }
/* settings: the gear and its panel; the UI scale setting sets --tf-ui-scale on the page */
.tf-menu { transform: translate(-50%, -42%) scale(var(--tf-ui-scale, 1)); }
@media (max-height: 559px) { .tf-menu { transform: translate(-50%, -50%) scale(var(--tf-ui-scale, 1)); } }
.tf-chat { transform: scale(var(--tf-ui-scale, 1)); transform-origin: left bottom; }
.tf-settings-root { position: absolute; top: 10px; right: 10px; z-index: 30; display: flex; flex-direction: column; align-items: flex-end; gap: 8px;
  transform: scale(var(--tf-ui-scale, 1)); transform-origin: right top; font-family: ${FONT}; color: ${UI.text}; }
.tf-settings-root.tf-in-game { top: calc(144px * var(--tf-ui-scale, 1)); }
.tf-gear { width: 38px; height: 38px; display: grid; place-items: center; padding: 0; cursor: pointer; background: ${UI.panel};
  color: ${UI.text}; border: 1px solid ${UI.panelEdge}; }
.tf-gear:hover, .tf-gear[aria-expanded="true"] { border-color: ${UI.accent}; color: ${UI.accent}; }
.tf-gear.tf-muted { color: ${UI.textDim}; }
.tf-settings { width: 260px; }
.tf-settings[hidden] { display: none; }
.tf-value { float: right; color: ${UI.accent}; letter-spacing: 0; }
.tf-range { width: 100%; accent-color: ${UI.accent}; margin: 0; }
.tf-check { display: flex; align-items: center; gap: 8px; margin: 12px 0 4px; font-size: 13px; cursor: pointer; }
.tf-check input { accent-color: ${UI.accent}; width: 16px; height: 16px; margin: 0; }
`;

export function injectStyles(): void {
  if (document.getElementById("tickfire-style")) return;
  const style = document.createElement("style");
  style.id = "tickfire-style";
  style.textContent = CSS;
  document.head.appendChild(style);
}

/** The element HTML overlays attach to: the game's parent, positioned. */
export function overlayRoot(): HTMLElement {
  const host = document.getElementById("game") ?? document.body;
  if (getComputedStyle(host).position === "static") host.style.position = "relative";
  return host;
}
