/**
 * Keeps the committed screenshots small: a PNG over SCREEN_MAX_BYTES is redrawn smaller by
 * the browser itself (a canvas in a blank page, high-quality smoothing) until it fits, so
 * the gallery needs no image library. Each step scales the picture down, never below half.
 * Smoothing mixes new colours in, so a slightly smaller picture can weigh more than the
 * original: the steps go on until one fits.
 */
import type { Browser } from "playwright-core";

/** bytes: the most one committed screenshot should weigh. */
export const SCREEN_MAX_BYTES = 150_000;
/** scale factors tried in turn, largest first. */
export const SHRINK_STEPS: readonly number[] = [1, 0.9, 0.8, 0.7, 0.6, 0.5];

export interface Fitted {
  png: Buffer;
  width: number;
  height: number;
}

/** The first of SHRINK_STEPS whose PNG fits, or the smallest when none does. */
export async function fitUnder(browser: Browser, png: Buffer, width: number, height: number, maxBytes = SCREEN_MAX_BYTES): Promise<Fitted> {
  if (png.length <= maxBytes) return { png, width, height };
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    let best: Fitted = { png, width, height };
    for (const scale of SHRINK_STEPS.slice(1)) {
      const w = Math.round(width * scale);
      const h = Math.round(height * scale);
      const b64 = await page.evaluate(
        async ([source, w, h]) => {
          const bytes = Uint8Array.from(atob(source as string), (c) => c.charCodeAt(0));
          const image = await createImageBitmap(new Blob([bytes], { type: "image/png" }));
          const canvas = new OffscreenCanvas(w as number, h as number);
          const ctx = canvas.getContext("2d")!;
          ctx.imageSmoothingQuality = "high";
          ctx.drawImage(image, 0, 0, w as number, h as number);
          const out = new Uint8Array(await (await canvas.convertToBlob({ type: "image/png" })).arrayBuffer());
          let text = "";
          for (let i = 0; i < out.length; i += 0x8000) text += String.fromCharCode(...out.subarray(i, i + 0x8000));
          return btoa(text);
        },
        [png.toString("base64"), w, h] as const,
      );
      best = { png: Buffer.from(b64, "base64"), width: w, height: h };
      if (best.png.length <= maxBytes) break;
    }
    return best;
  } finally {
    await context.close();
  }
}
