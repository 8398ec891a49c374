import { describe, expect, it } from "vitest";
import { compactLayout } from "./compactLayout.ts";
import { hudLayout, hudRects } from "./hudLayout.ts";
import { compactRects, hudPanelsOnScreen } from "./hudPanels.ts";

describe("hudPanelsOnScreen", () => {
  it("a desktop window gets the desktop panels; a phone on touch gets the compact ones, chat button included", () => {
    expect(hudPanelsOnScreen(1920, 1080, { uiScale: 1, touch: false, chatCollapsed: false })).toEqual(hudRects(hudLayout(1920, 1080, { chatCollapsed: false })));
    const phone = hudPanelsOnScreen(844, 390, { uiScale: 1, touch: true, chatCollapsed: false });
    expect(phone).toEqual(compactRects(compactLayout(844, 390)));
    expect(phone).toContainEqual(compactLayout(844, 390).chatButton);
  });

  it("the UI scale lays panels out in smaller units and zooms them back to canvas px", () => {
    const scaled = hudPanelsOnScreen(1920, 1080, { uiScale: 1.5, touch: false, chatCollapsed: false });
    const units = hudRects(hudLayout(1280, 720, { chatCollapsed: false }));
    expect(scaled).toEqual(units.map((r) => ({ x: r.x * 1.5, y: r.y * 1.5, w: r.w * 1.5, h: r.h * 1.5 })));
    // the minimap's far corner still meets the canvas corner's margin, zoomed
    const map = scaled[scaled.length - 1]!;
    expect(map.x + map.w).toBeLessThanOrEqual(1920);
    expect(map.y + map.h).toBeLessThanOrEqual(1080);
  });
});
