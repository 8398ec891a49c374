/**
 * CSS for the session overlays (leave confirmation, invite link, round results), injected
 * once beside the menu's own sheet. Reuses the menu's panel, button and input classes.
 */
import { FONT, UI } from "./palette.ts";
import { injectStyles } from "./styles.ts";

const CSS = `
.tf-modal { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center;
  background: rgba(5,7,10,0.55); pointer-events: auto; font-family: ${FONT}; color: ${UI.text}; }
.tf-modal .tf-card { min-width: 260px; text-align: center; background: #0a0d12; }
.tf-modal p { margin: 4px 0 14px; color: ${UI.textDim}; font-size: 13px; }
.tf-btns { display: flex; gap: 8px; justify-content: center; }
.tf-invite { position: absolute; left: 50%; top: 64px; transform: translateX(-50%); display: flex; gap: 6px; align-items: center;
  pointer-events: auto; font: 12px ${FONT}; color: ${UI.textDim}; background: ${UI.panel}; border: 1px solid ${UI.panelEdge}; padding: 4px 6px; }
.tf-invite input { width: 260px; background: #07090d; color: ${UI.text}; border: 1px solid #2f3a48; font: 12px ${FONT}; padding: 4px 6px; }
.tf-invite .tf-btn { padding: 5px 8px; font-size: 11px; }
.tf-results .tf-card { min-width: min(520px, calc(100vw - 32px)); max-width: calc(100vw - 32px); }
.tf-results h2 { font-size: 16px; }
.tf-table { display: grid; grid-template-columns: 3.5em minmax(0, 16em) 4em 4.5em 5.5em; margin: 0 auto 12px; font-size: 14px;
  font-variant-numeric: tabular-nums; text-align: end; }
.tf-table > div { display: contents; }
.tf-table span { padding: 4px 6px; white-space: nowrap; }
.tf-table .tf-name { text-align: left; overflow: hidden; text-overflow: ellipsis; unicode-bidi: isolate; }
.tf-table .tf-head span { color: ${UI.textDim}; font-size: 11px; letter-spacing: 0.1em; border-bottom: 1px solid ${UI.panelEdge}; }
.tf-table .tf-me span { background: rgba(255,176,46,0.16); color: #fff; }
.tf-you { margin: 0 0 12px; font-size: 13px; color: ${UI.text}; }
.tf-next { margin-top: 10px; font-size: 12px; color: ${UI.textDim}; }
`;

export function injectSessionStyles(): void {
  injectStyles();
  if (document.getElementById("tickfire-session-style")) return;
  const style = document.createElement("style");
  style.id = "tickfire-session-style";
  style.textContent = CSS;
  document.head.appendChild(style);
}

/** document.createElement with properties and children. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...kids: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  Object.assign(e, props);
  for (const k of kids) e.append(k);
  return e;
}
