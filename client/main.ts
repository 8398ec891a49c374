/** Assembles the Phaser game: renderer, scaling, and the scene list. Nothing else. */
// First: meters the page's WebSockets before @colyseus/sdk (imported by the scenes below)
// captures the WebSocket constructor. ES modules evaluate in import order.
import "./net/wireMeterInstall.ts";
import * as Phaser from "phaser";
import { Boot } from "./scenes/Boot.ts";
import { Chat } from "./scenes/Chat.ts";
import { Game } from "./scenes/Game.ts";
import { Hud } from "./scenes/Hud.ts";
import { Menu } from "./scenes/Menu.ts";
import { Preload } from "./scenes/Preload.ts";
import { TouchPad } from "./scenes/TouchPad.ts";
import { UI } from "./view/palette.ts";

new Phaser.Game({
  type: Phaser.AUTO,
  parent: "game",
  backgroundColor: UI.bg,
  // SwiftShader (Chromium's software WebGL: headless, or no GPU) drops a wedge of rotated
  // sprites when Phaser batches over several texture units; with one it draws them all.
  render: { maxTextures: 1, antialias: true, antialiasGL: false },
  // The canvas fills the window at its own pixels, so HUD text stays sharp; the Game camera
  // fits the fixed world view (VIEW_WIDTH x VIEW_HEIGHT) into it, letter-boxed (viewFit.ts).
  scale: { mode: Phaser.Scale.RESIZE, width: "100%", height: "100%" },
  // Touch: two thumbs at once (move and aim sticks) plus one spare; see scenes/TouchPad.ts.
  input: { keyboard: true, mouse: true, touch: true, activePointers: 3, gamepad: false },
  audio: { noAudio: true },
  // Scene order is draw order: Hud, Chat and the touch sticks run on top of Game.
  scene: [Boot, Preload, Menu, Game, Hud, Chat, TouchPad],
});
