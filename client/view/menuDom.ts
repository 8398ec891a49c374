/**
 * The menu's HTML form over the canvas. Builds elements with stable ids for the tests;
 * user-provided strings only ever go through textContent / value.
 */
import { NAME_RAW_MAX } from "../../shared/constants.ts";
import { ROOM_CODE_INPUT_MAX } from "../../shared/room-code.ts";
import type { RoomEntry } from "../net/lobbyList.ts";
import { overlayRoot } from "./styles.ts";

export interface MenuDom {
  root: HTMLElement;
  name: HTMLInputElement;
  quickPlay: HTMLButtonElement;
  createPrivate: HTMLButtonElement;
  joinCode: HTMLInputElement;
  joinCodeBtn: HTMLButtonElement;
  roomList: HTMLUListElement;
  status: HTMLElement;
  error: HTMLElement;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...kids: Node[]) {
  const e = document.createElement(tag);
  Object.assign(e, props);
  for (const k of kids) e.appendChild(k);
  return e;
}

export function buildMenuDom(): MenuDom {
  // maxLength counts UTF-16 units: a flag is 4 of them, so the field takes the raw bound
  // and the name's own rule (graphemes, shared/names.ts) cuts it.
  const name = el("input", { id: "name", className: "tf-input", maxLength: NAME_RAW_MAX, autocomplete: "off", spellcheck: false, placeholder: "pilot name" });
  const quickPlay = el("button", { id: "quick-play", className: "tf-btn tf-primary", type: "button", textContent: "Quick play" });
  const createPrivate = el("button", { id: "create-private", className: "tf-btn tf-wide", type: "button", textContent: "Create private room" });
  const joinCode = el("input", { id: "join-code", className: "tf-input", maxLength: ROOM_CODE_INPUT_MAX, autocomplete: "off", spellcheck: false, placeholder: "CODE" });
  const joinCodeBtn = el("button", { id: "join-code-btn", className: "tf-btn", type: "button", textContent: "Join" });
  const roomList = el("ul", { id: "room-list", className: "tf-list" });
  const status = el("div", { className: "tf-status" });
  const error = el("div", { id: "menu-error", className: "tf-error" });
  error.setAttribute("role", "alert");

  const play = el(
    "section",
    { className: "tf-card" },
    el("h2", { textContent: "Deploy" }),
    el("label", { className: "tf-label", htmlFor: "name", textContent: "Pilot name" }),
    name,
    quickPlay,
    createPrivate,
    el("label", { className: "tf-label", htmlFor: "join-code", textContent: "Join private room by code" }),
    el("div", { className: "tf-row" }, joinCode, joinCodeBtn),
    error,
  );
  const rooms = el("section", { className: "tf-card" }, el("h2", { textContent: "Live arenas" }), roomList, status);
  const root = el("div", { className: "tf-overlay" }, el("div", { className: "tf-menu" }, play, rooms));
  overlayRoot().appendChild(root);
  return { root, name, quickPlay, createPrivate, joinCode, joinCodeBtn, roomList, status, error };
}

/** Renders the room list; `onPick` gets the room id of a clicked joinable room. */
export function renderRoomList(list: HTMLUListElement, rooms: readonly RoomEntry[], emptyText: string, onPick: (roomId: string) => void): void {
  list.replaceChildren();
  if (rooms.length === 0) {
    list.appendChild(el("li", { className: "tf-empty", textContent: emptyText }));
    return;
  }
  for (const r of rooms) {
    const left = el("span", { textContent: `${r.roomId}${r.map ? ` · ${r.map}` : ""}` });
    const right = el("span", { className: "tf-count", textContent: `${r.clients}/${r.maxClients}${r.full ? " full" : ""}` });
    const li = el("li", { className: r.full ? "tf-full" : "" }, left, right);
    li.dataset.roomId = r.roomId;
    if (!r.full) li.addEventListener("click", () => onPick(r.roomId));
    list.appendChild(li);
  }
}
