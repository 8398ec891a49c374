import { describe, expect, it } from "vitest";
import { TOUCH_AIM_SENSITIVITY_DEFAULT, TOUCH_AIM_SENSITIVITY_MAX, TOUCH_AIM_SENSITIVITY_MIN, UI_SCALE_MAX, UI_SCALE_MIN } from "../shared/client-constants.ts";
import { DEFAULT_SETTINGS, SETTINGS_KEY, SettingsStore, loadSettings, saveSettings, validateSettings, type KeyValueStore, type Settings } from "./settings.ts";

class MemoryStore implements KeyValueStore {
  readonly data = new Map<string, string>();
  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.data.set(key, value);
  }
}

const stored = (value: string) => {
  const s = new MemoryStore();
  s.setItem(SETTINGS_KEY, value);
  return s;
};

const custom: Settings = { volume: 0.25, muted: true, uiScale: 1.25, palette: "colorblind", touchSensitivity: 1.6 };

describe("settings: load with validation", () => {
  it("defaults with nothing stored, no storage, or storage that throws", () => {
    expect(loadSettings(new MemoryStore())).toEqual(DEFAULT_SETTINGS);
    expect(loadSettings(null)).toEqual(DEFAULT_SETTINGS);
    const throwing: KeyValueStore = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    };
    expect(loadSettings(throwing)).toEqual(DEFAULT_SETTINGS);
    expect(saveSettings(throwing, custom)).toBe(false);
    expect(DEFAULT_SETTINGS.touchSensitivity).toBe(TOUCH_AIM_SENSITIVITY_DEFAULT);
    expect(TOUCH_AIM_SENSITIVITY_DEFAULT).toBe(1);
  });

  it("round-trips what was saved", () => {
    const s = new MemoryStore();
    expect(saveSettings(s, custom)).toBe(true);
    expect(loadSettings(s)).toEqual(custom);
  });

  it("falls back per field: one bad value keeps the good others", () => {
    const s = stored(JSON.stringify({ ...custom, volume: 7, palette: "rainbow" }));
    expect(loadSettings(s)).toEqual({ ...custom, volume: DEFAULT_SETTINGS.volume, palette: DEFAULT_SETTINGS.palette });
  });

  it("rejects junk: not JSON, not an object, wrong types, NaN, out of range", () => {
    for (const junk of ["{", "null", "42", '"x"', "[]"]) expect(loadSettings(stored(junk))).toEqual(DEFAULT_SETTINGS);
    const bad = validateSettings({ volume: "0.5", muted: "yes", uiScale: Number.NaN, palette: 3, touchSensitivity: Infinity });
    expect(bad).toEqual(DEFAULT_SETTINGS);
    expect(validateSettings({ volume: -0.01 }).volume).toBe(DEFAULT_SETTINGS.volume);
    expect(validateSettings({ uiScale: UI_SCALE_MIN - 0.01 }).uiScale).toBe(1);
    expect(validateSettings({ uiScale: UI_SCALE_MAX + 0.01 }).uiScale).toBe(1);
    expect(validateSettings({ touchSensitivity: TOUCH_AIM_SENSITIVITY_MIN - 0.1 }).touchSensitivity).toBe(1);
    expect(validateSettings({ touchSensitivity: TOUCH_AIM_SENSITIVITY_MAX + 0.1 }).touchSensitivity).toBe(1);
    // the bounds themselves are valid
    expect(validateSettings({ volume: 0, uiScale: UI_SCALE_MAX, touchSensitivity: TOUCH_AIM_SENSITIVITY_MIN })).toMatchObject({ volume: 0, uiScale: UI_SCALE_MAX, touchSensitivity: 0.5 });
    expect(validateSettings({ touchSensitivity: 2 }).touchSensitivity).toBe(2);
  });
});

describe("settings: the live store", () => {
  it("updates, saves and notifies subscribers (at once and on change) until unsubscribed", () => {
    const backing = new MemoryStore();
    const store = new SettingsStore(backing);
    const seen: Settings[] = [];
    const off = store.subscribe((s) => seen.push({ ...s }));
    expect(seen).toEqual([DEFAULT_SETTINGS]);
    store.update({ muted: true });
    expect(seen.at(-1)?.muted).toBe(true);
    expect(JSON.parse(backing.getItem(SETTINGS_KEY)!)).toMatchObject({ muted: true });
    off();
    store.update({ volume: 0.1 });
    expect(seen).toHaveLength(2);
    // a new store on the same storage (a reload) reads the saved values
    expect(new SettingsStore(backing).get()).toMatchObject({ muted: true, volume: 0.1 });
  });

  it("a bad value in an update keeps the current value, not the default", () => {
    const store = new SettingsStore(new MemoryStore());
    store.update({ volume: 0.3, touchSensitivity: 1.5 });
    store.update({ volume: Number.NaN, touchSensitivity: 9, muted: true });
    expect(store.get()).toMatchObject({ volume: 0.3, touchSensitivity: 1.5, muted: true });
  });
});
