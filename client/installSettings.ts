/**
 * Once per page (Boot): the player's settings take effect everywhere (sound volume and mute,
 * UI scale, player palette), the sound unlocks on the first input, and the gear with its
 * settings panel is put on screen for the menu and the game alike.
 */
import * as Phaser from "phaser";
import { soundPlayer } from "./audio/player.ts";
import { reportSettings, reportSound } from "./debug.ts";
import { TYPING_KEY } from "./input/controls.ts";
import { AIM_SENSITIVITY_KEY } from "./input/touchMode.ts";
import { settings } from "./settings.ts";
import { usePlayerPalette } from "./view/palette.ts";
import { buildSettingsPanel } from "./view/settingsPanel.ts";
import { repaintPlayerTextures } from "./view/textures.ts";

export function installSettings(game: Phaser.Game): void {
  const store = settings();
  const player = soundPlayer();
  player.installUnlock(window);
  reportSound(player.stats);

  let palette = store.get().palette;
  store.subscribe((s) => {
    reportSettings(s);
    player.applySettings(s);
    document.documentElement.style.setProperty("--tf-ui-scale", String(s.uiScale));
    usePlayerPalette(s.palette === "colorblind");
    // the touch pad reads its aim sensitivity from the registry
    game.registry.set(AIM_SENSITIVITY_KEY, s.touchSensitivity);
    if (s.palette !== palette) {
      palette = s.palette;
      repaintPlayerTextures(game.textures);
    }
  });

  const inGame = () => game.scene.isActive("Game");
  let heldKeys = false;
  const panel = buildSettingsPanel(store, {
    onOpenChange: (open) => {
      const kb = game.input.keyboard;
      if (open && inGame()) {
        // like the chat field: the tank stops, and the sliders get their arrow keys
        heldKeys = true;
        game.registry.set(TYPING_KEY, true);
        if (kb) kb.preventDefault = false;
      } else if (!open && heldKeys) {
        heldKeys = false;
        game.registry.set(TYPING_KEY, false);
        if (kb && inGame()) kb.preventDefault = true;
        if (inGame()) game.canvas.focus();
      }
    },
  });

  let placedInGame = false;
  game.events.on(Phaser.Core.Events.POST_STEP, () => {
    const now = inGame();
    if (now === placedInGame) return;
    placedInGame = now;
    panel.setInGame(now);
    // leaving a game with the panel open: give the keyboard flag back
    if (!now && heldKeys) panel.close();
  });
}
