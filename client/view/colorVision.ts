/**
 * How colours look to someone with red-green colour blindness, and how far apart two
 * colours are to the eye: the checks behind the colour-blind palette's test.
 *
 * Simulation: the full-severity (1.0) matrices of Machado, Oliveira and Fernandes (2009),
 * applied to linear RGB. Distance: CIE76 ΔE in CIELAB (D65), where about 2.3 is a just
 * noticeable difference and over 20 reads as clearly different colours at a glance.
 */

export type Deficiency = "protanopia" | "deuteranopia";

type Mat3 = readonly [number, number, number, number, number, number, number, number, number];

const MACHADO: Record<Deficiency, Mat3> = {
  protanopia: [0.152286, 1.052583, -0.204868, 0.114503, 0.786281, 0.099216, -0.003882, -0.048116, 1.051998],
  deuteranopia: [0.367322, 0.860646, -0.227968, 0.280085, 0.672501, 0.047413, -0.01182, 0.04294, 0.968881],
};

export type Rgb = [number, number, number];

/** "#rrggbb" to 0..1 sRGB channels. */
export function parseHex(hex: string): Rgb {
  const n = Number.parseInt(hex.replace("#", ""), 16);
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
}

const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const clamp01 = (v: number) => Math.max(0, Math.min(1, v));

/** sRGB 0..1 in, linear RGB 0..1 out as seen with the deficiency. */
export function simulateLinear(rgb: Rgb, d: Deficiency): Rgb {
  const [r, g, b] = rgb.map(toLinear) as Rgb;
  const m = MACHADO[d];
  return [clamp01(m[0] * r + m[1] * g + m[2] * b), clamp01(m[3] * r + m[4] * g + m[5] * b), clamp01(m[6] * r + m[7] * g + m[8] * b)];
}

/** Linear RGB to CIELAB (D65 white). */
export function linearToLab([r, g, b]: Rgb): Rgb {
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  const [fx, fy, fz] = [f(x), f(y), f(z)];
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

/** Lab of a hex colour, as seen normally or with a deficiency. */
export function labOf(hex: string, d: Deficiency | null = null): Rgb {
  const rgb = parseHex(hex);
  return linearToLab(d ? simulateLinear(rgb, d) : (rgb.map(toLinear) as Rgb));
}

export function deltaE(a: Rgb, b: Rgb): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

/** The smallest ΔE between any two colours of `palette`, as seen with `d`, and the pair. */
export function closestPair(palette: readonly string[], d: Deficiency | null): { distance: number; a: string; b: string } {
  const labs = palette.map((c) => labOf(c, d));
  let best = { distance: Number.POSITIVE_INFINITY, a: "", b: "" };
  for (let i = 0; i < labs.length; i++) {
    for (let j = i + 1; j < labs.length; j++) {
      const dist = deltaE(labs[i]!, labs[j]!);
      if (dist < best.distance) best = { distance: dist, a: palette[i]!, b: palette[j]! };
    }
  }
  return best;
}
