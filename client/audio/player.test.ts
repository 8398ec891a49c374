import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MAX_VOICES } from "../../shared/client-constants.ts";
import { SoundPlayer } from "./player.ts";
import { RECIPES } from "./recipes.ts";
import type { Cue } from "./soundDesign.ts";

/** Just enough of WebAudio to count what the player builds: every node records its start. */
class FakeParam {
  value = 0;
  setValueAtTime(): void {}
  exponentialRampToValueAtTime(): void {}
  setTargetAtTime(v: number): void {
    this.value = v;
  }
}
class FakeNode {
  static starts = 0;
  gain = new FakeParam();
  pan = new FakeParam();
  frequency = new FakeParam();
  type = "";
  buffer: unknown = null;
  loop = false;
  connect<T>(next: T): T {
    return next;
  }
  disconnect(): void {}
  start(): void {
    FakeNode.starts++;
  }
  stop(): void {}
}
class FakeAudioContext {
  static made = 0;
  state = "suspended";
  currentTime = 0;
  sampleRate = 8000;
  destination = new FakeNode();
  constructor() {
    FakeAudioContext.made++;
  }
  resume(): Promise<void> {
    this.state = "running";
    return Promise.resolve();
  }
  addEventListener(): void {}
  createGain = () => new FakeNode();
  createStereoPanner = () => new FakeNode();
  createOscillator = () => new FakeNode();
  createBiquadFilter = () => new FakeNode();
  createBufferSource = () => new FakeNode();
  createBuffer = (_ch: number, length: number) => ({ getChannelData: () => new Float32Array(length) });
}

const cue = (kind: Cue["kind"], gain = 1): Cue => ({ kind, gain, pan: 0, delayMs: 0 });
const voices = (kind: Cue["kind"]) => RECIPES[kind].length;

beforeEach(() => {
  vi.useFakeTimers();
  vi.stubGlobal("AudioContext", FakeAudioContext);
  vi.stubGlobal("AudioBufferSourceNode", FakeNode);
  FakeNode.starts = 0;
  FakeAudioContext.made = 0;
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("SoundPlayer", () => {
  it("plays nothing before the first input, and makes no context until then", async () => {
    const p = new SoundPlayer();
    const listeners = new Map<string, () => void>();
    p.installUnlock({ addEventListener: (type: string, fn: () => void) => listeners.set(type, fn) } as unknown as Window);
    p.play(cue("shot"));
    expect(p.stats).toMatchObject({ state: "none", started: 0, locked: 1 });
    expect(FakeAudioContext.made).toBe(0);
    // a finger's touch counts when it lifts
    expect([...listeners.keys()]).toEqual(expect.arrayContaining(["pointerdown", "pointerup", "keydown", "touchend"]));
    listeners.get("touchend")!();
    await Promise.resolve();
    p.play(cue("shot"));
    expect(p.stats.started).toBe(1);
    expect(p.stats.byKind.shot).toBe(1);
    expect(FakeNode.starts).toBe(voices("shot"));
    // more input does not make a second context
    listeners.get("keydown")!();
    expect(FakeAudioContext.made).toBe(1);
  });

  it("muted or at volume 0: counted as silenced, nothing built", async () => {
    const p = new SoundPlayer();
    p.unlock();
    await Promise.resolve();
    p.applySettings({ volume: 0.5, muted: true });
    p.play(cue("hitDealt"));
    p.applySettings({ volume: 0, muted: false });
    p.play(cue("kill"));
    expect(p.stats).toMatchObject({ started: 0, silenced: 2 });
    expect(p.stats.silencedByKind).toMatchObject({ hitDealt: 1, kill: 1 });
    expect(FakeNode.starts).toBe(0);
    p.applySettings({ volume: 0.5, muted: false });
    p.play(cue("kill"));
    expect(p.stats.started).toBe(1);
    expect(FakeNode.starts).toBe(voices("kill"));
  });

  it("caps the voices playing at once, and frees them when they end", async () => {
    const p = new SoundPlayer();
    p.unlock();
    await Promise.resolve();
    for (let i = 0; i < MAX_VOICES + 5; i++) p.play(cue("enemyShot", 0.5));
    expect(p.stats.started).toBe(MAX_VOICES);
    expect(p.stats.dropped).toBe(5);
    vi.advanceTimersByTime(2000);
    p.play(cue("enemyShot", 0.5));
    expect(p.stats.started).toBe(MAX_VOICES + 1);
  });
});
