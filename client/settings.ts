/**
 * The player's own settings (volume, mute, UI scale, palette, touch aim sensitivity), kept
 * in localStorage. Pure apart from the storage handed in: every stored value is checked,
 * and a missing, mistyped or out-of-range one falls back to its default alone, so one bad
 * field (an old version, a hand edit) never throws away the others.
 */
import { DEFAULT_VOLUME, TOUCH_AIM_SENSITIVITY_DEFAULT, TOUCH_AIM_SENSITIVITY_MAX, TOUCH_AIM_SENSITIVITY_MIN, UI_SCALE_MAX, UI_SCALE_MIN } from "../shared/client-constants.ts";

export type PaletteName = "standard" | "colorblind";

export interface Settings {
  /** 0..1, master volume. */
  volume: number;
  muted: boolean;
  /** UI_SCALE_MIN..UI_SCALE_MAX, size of menus, panels and HUD text. */
  uiScale: number;
  /** player colours: the default set, or one told apart under red-green colour blindness. */
  palette: PaletteName;
  /** TOUCH_AIM_SENSITIVITY_MIN..MAX: a factor on the aim stick's deflection (the touch pad reads it). */
  touchSensitivity: number;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  volume: DEFAULT_VOLUME,
  muted: false,
  uiScale: 1,
  palette: "standard",
  touchSensitivity: TOUCH_AIM_SENSITIVITY_DEFAULT,
});

/** The localStorage key; the value is JSON of Settings. */
export const SETTINGS_KEY = "tickfire.settings";

/** The part of Web Storage used here, so tests pass a Map-backed stand-in. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const PALETTES: readonly PaletteName[] = ["standard", "colorblind"];

function numberIn(v: unknown, min: number, max: number, fallback: number): number {
  return typeof v === "number" && Number.isFinite(v) && v >= min && v <= max ? v : fallback;
}

/** Settings from anything (parsed JSON, a partial update): each field valid or default. */
export function validateSettings(raw: unknown): Settings {
  const o = raw !== null && typeof raw === "object" ? (raw as Record<string, unknown>) : {};
  const d = DEFAULT_SETTINGS;
  return {
    volume: numberIn(o.volume, 0, 1, d.volume),
    muted: typeof o.muted === "boolean" ? o.muted : d.muted,
    uiScale: numberIn(o.uiScale, UI_SCALE_MIN, UI_SCALE_MAX, d.uiScale),
    palette: PALETTES.includes(o.palette as PaletteName) ? (o.palette as PaletteName) : d.palette,
    touchSensitivity: numberIn(o.touchSensitivity, TOUCH_AIM_SENSITIVITY_MIN, TOUCH_AIM_SENSITIVITY_MAX, d.touchSensitivity),
  };
}

/** The stored settings, defaults for whatever is missing or bad; never throws. */
export function loadSettings(store: KeyValueStore | null): Settings {
  let text: string | null = null;
  try {
    text = store?.getItem(SETTINGS_KEY) ?? null;
  } catch {
    // storage blocked (privacy mode, sandboxed frame): play with defaults
  }
  if (!text) return { ...DEFAULT_SETTINGS };
  try {
    return validateSettings(JSON.parse(text));
  } catch {
    return { ...DEFAULT_SETTINGS };
  }
}

/** Stores `s`; false when the storage refused (full, blocked). */
export function saveSettings(store: KeyValueStore | null, s: Settings): boolean {
  if (!store) return false;
  try {
    store.setItem(SETTINGS_KEY, JSON.stringify(s));
    return true;
  } catch {
    return false;
  }
}

type Listener = (s: Readonly<Settings>) => void;

/** The live settings: read, change (validated, saved), and be told of changes. */
export class SettingsStore {
  private current: Settings;
  private readonly listeners = new Set<Listener>();
  private readonly store: KeyValueStore | null;

  constructor(store: KeyValueStore | null) {
    this.store = store;
    this.current = loadSettings(store);
  }

  get(): Readonly<Settings> {
    return this.current;
  }

  /** Applies the valid fields of `patch` (bad ones keep their current value), saves, notifies. */
  update(patch: Partial<Settings>): Readonly<Settings> {
    const next = validateSettings({ ...this.current, ...patch });
    // a bad field in the patch fell back to its default: keep the current value instead
    for (const key of Object.keys(patch) as (keyof Settings)[]) {
      if (validateSettings({ [key]: patch[key] })[key] !== patch[key]) (next as unknown as Record<string, unknown>)[key] = this.current[key];
    }
    this.current = next;
    saveSettings(this.store, next);
    for (const fn of [...this.listeners]) fn(next);
    return next;
  }

  /** Calls `fn` now and on every change; returns the unsubscribe. */
  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    fn(this.current);
    return () => this.listeners.delete(fn);
  }
}

function browserStorage(): KeyValueStore | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}

let shared: SettingsStore | null = null;

/** The page's one settings store, on localStorage. */
export function settings(): SettingsStore {
  return (shared ??= new SettingsStore(browserStorage()));
}
