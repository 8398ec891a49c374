/**
 * The page's sound output: one AudioContext, created or resumed on the first key, click or
 * touch (browsers keep audio off until then), and a synthesiser that turns a Cue into
 * WebAudio nodes from its recipe. Counts every cue by outcome and kind for the test
 * surface. Phaser's own audio stays off; this is the only thing that makes sound.
 */
import { MAX_VOICES } from "../../shared/client-constants.ts";
import type { Settings } from "../settings.ts";
import { RECIPES, cueLength, type Voice } from "./recipes.ts";
import { masterGain, SOUND_KINDS, type Cue, type SoundKind } from "./soundDesign.ts";

/** What the test surface shows of the player. */
export interface SoundStats {
  /** the AudioContext's state: "none" before the first input, then "running", "suspended"... */
  state: string;
  /** cues that started WebAudio nodes, in all and by kind. */
  started: number;
  byKind: Record<SoundKind, number>;
  /** cues not played because the sound is muted or at volume 0, by kind too. */
  silenced: number;
  silencedByKind: Record<SoundKind, number>;
  /** cues before the first input (no running context yet), and over MAX_VOICES. */
  locked: number;
  dropped: number;
}

const zeroByKind = () => Object.fromEntries(SOUND_KINDS.map((k) => [k, 0])) as Record<SoundKind, number>;

/** s of white noise, looped from a random offset by every noise voice. */
const NOISE_SECONDS = 1;
/** WebAudio cannot sweep exponentially to or from 0: the quietest gain used. */
const SILENT = 0.0001;

export class SoundPlayer {
  readonly stats: SoundStats = { state: "none", started: 0, byKind: zeroByKind(), silenced: 0, silencedByKind: zeroByKind(), locked: 0, dropped: 0 };
  private ctx: AudioContext | null = null;
  private master: GainNode | null = null;
  private noise: AudioBuffer | null = null;
  private voices = 0;
  private gain = 1;

  /**
   * Starts audio on the first input on `target` (the window). Browsers allow it only in
   * some events: a key or mouse press, but for a finger the end of the touch (pointerup,
   * touchend), hence the list. Left listening: a context the system suspended later (a
   * phone call, a backgrounded tab) resumes on the next input.
   */
  installUnlock(target: Pick<Window, "addEventListener">): void {
    const unlock = () => {
      if (this.ctx?.state !== "running") this.unlock();
    };
    for (const e of ["pointerdown", "pointerup", "keydown", "touchend", "click"]) target.addEventListener(e, unlock, true);
  }

  /** Creates the context or resumes it; must run inside an input handler to be allowed. */
  unlock(): void {
    if (typeof AudioContext === "undefined") return;
    if (!this.ctx) {
      this.ctx = new AudioContext();
      this.master = this.ctx.createGain();
      this.master.gain.value = this.gain;
      this.master.connect(this.ctx.destination);
      this.ctx.addEventListener("statechange", () => (this.stats.state = this.ctx?.state ?? "none"));
    }
    this.stats.state = this.ctx.state;
    if (this.ctx.state !== "running") void this.ctx.resume().catch(() => {});
  }

  /** Follows the volume and mute settings. */
  applySettings(s: Pick<Settings, "volume" | "muted">): void {
    this.gain = masterGain(s);
    if (this.master && this.ctx) this.master.gain.setTargetAtTime(this.gain, this.ctx.currentTime, 0.01);
  }

  play(cue: Cue | null): void {
    if (!cue) return;
    const st = this.stats;
    if (this.gain <= 0 || cue.gain <= 0) {
      st.silenced++;
      st.silencedByKind[cue.kind]++;
      return;
    }
    const ctx = this.ctx;
    if (!ctx || ctx.state !== "running" || !this.master) {
      st.locked++;
      return;
    }
    if (this.voices >= MAX_VOICES) {
      st.dropped++;
      return;
    }
    const recipe = RECIPES[cue.kind];
    const t0 = ctx.currentTime + Math.max(0, cue.delayMs) / 1000;
    const bus = ctx.createGain();
    bus.gain.value = cue.gain;
    const panner = ctx.createStereoPanner();
    panner.pan.value = cue.pan;
    bus.connect(panner).connect(this.master);
    for (const v of recipe) this.voice(ctx, bus, v, t0);
    this.voices++;
    // one timer per cue frees its voice slot and its nodes once every voice is done
    setTimeout(() => {
      this.voices--;
      panner.disconnect();
    }, (t0 - ctx.currentTime + cueLength(recipe)) * 1000 + 50);
    st.started++;
    st.byKind[cue.kind]++;
  }

  private voice(ctx: AudioContext, out: AudioNode, v: Voice, t0: number): void {
    const start = t0 + v.at;
    const peak = start + v.attack;
    const end = peak + v.decay;
    const env = ctx.createGain();
    env.gain.setValueAtTime(SILENT, start);
    env.gain.exponentialRampToValueAtTime(v.gain, peak);
    env.gain.exponentialRampToValueAtTime(SILENT, end);
    env.connect(out);
    let source: AudioScheduledSourceNode;
    let input: AudioNode = env;
    if (v.wave === "noise") {
      // noise takes its colour from a low-pass whose cutoff sweeps like an oscillator's pitch
      const src = ctx.createBufferSource();
      src.buffer = this.noiseBuffer(ctx);
      src.loop = true;
      source = src;
      input = this.lowpass(ctx, env, v.freq, v.endFreq, start, end);
    } else {
      const osc = ctx.createOscillator();
      osc.type = v.wave;
      osc.frequency.setValueAtTime(v.freq, start);
      if (v.endFreq !== v.freq) osc.frequency.exponentialRampToValueAtTime(v.endFreq, end);
      source = osc;
      if (v.lowpass) input = this.lowpass(ctx, env, v.lowpass, v.lowpass, start, end);
    }
    source.connect(input);
    if (source instanceof AudioBufferSourceNode) source.start(start, Math.random() * NOISE_SECONDS);
    else source.start(start);
    source.stop(end + 0.02);
  }

  private lowpass(ctx: AudioContext, out: AudioNode, from: number, to: number, start: number, end: number): BiquadFilterNode {
    const f = ctx.createBiquadFilter();
    f.type = "lowpass";
    f.frequency.setValueAtTime(from, start);
    if (to !== from) f.frequency.exponentialRampToValueAtTime(to, end);
    f.connect(out);
    return f;
  }

  private noiseBuffer(ctx: AudioContext): AudioBuffer {
    if (this.noise) return this.noise;
    const buf = ctx.createBuffer(1, Math.round(ctx.sampleRate * NOISE_SECONDS), ctx.sampleRate);
    const data = buf.getChannelData(0);
    for (let i = 0; i < data.length; i++) data[i] = Math.random() * 2 - 1;
    return (this.noise = buf);
  }
}

let shared: SoundPlayer | null = null;

/** The page's one player. */
export function soundPlayer(): SoundPlayer {
  return (shared ??= new SoundPlayer());
}
