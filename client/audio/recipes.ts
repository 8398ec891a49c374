/**
 * How each sound is made, as data: one or more voices, each an oscillator or white noise
 * with a pitch sweep, a low-pass filter and an attack/decay envelope. The synthesiser
 * (synth.ts) builds WebAudio nodes from these; nothing here touches the browser.
 *
 * Design: the own shot is short and bright, others' shots the same gun but darker (the
 * distance makes them quieter); confirms are high and clean so they cut through the
 * gunfire; damage taken is low and noisy; the round cues are little chords.
 */
import type { SoundKind } from "./soundDesign.ts";

export interface Voice {
  /** an oscillator shape, or "noise" for white noise. */
  wave: "sine" | "square" | "sawtooth" | "triangle" | "noise";
  /** Hz at the start; for noise, the filter's cutoff at the start. */
  freq: number;
  /** Hz reached at the end of the decay (an exponential sweep). */
  endFreq: number;
  /** s after the cue starts. */
  at: number;
  /** s to reach full gain, then s to fade to silence. */
  attack: number;
  decay: number;
  /** 0..1, this voice's peak gain. */
  gain: number;
  /** Hz, low-pass cutoff (oscillators); omitted = no filter. */
  lowpass?: number;
}

/** s: the end of the cue's last voice. */
export function cueLength(voices: readonly Voice[]): number {
  return voices.reduce((end, v) => Math.max(end, v.at + v.attack + v.decay), 0);
}

const note = (freq: number, at: number, gain = 0.35, decay = 0.22): Voice => ({
  wave: "triangle",
  freq,
  endFreq: freq,
  at,
  attack: 0.005,
  decay,
  gain,
});

export const RECIPES: Readonly<Record<SoundKind, readonly Voice[]>> = {
  shot: [
    { wave: "square", freq: 880, endFreq: 180, at: 0, attack: 0.002, decay: 0.09, gain: 0.28, lowpass: 3200 },
    { wave: "noise", freq: 6000, endFreq: 900, at: 0, attack: 0.001, decay: 0.06, gain: 0.3 },
  ],
  enemyShot: [
    { wave: "square", freq: 620, endFreq: 140, at: 0, attack: 0.002, decay: 0.1, gain: 0.26, lowpass: 1800 },
    { wave: "noise", freq: 3000, endFreq: 600, at: 0, attack: 0.001, decay: 0.07, gain: 0.26 },
  ],
  hitDealt: [
    { wave: "sine", freq: 1320, endFreq: 1760, at: 0, attack: 0.002, decay: 0.07, gain: 0.45 },
    { wave: "triangle", freq: 2640, endFreq: 2640, at: 0.01, attack: 0.002, decay: 0.05, gain: 0.15 },
  ],
  hitTaken: [
    { wave: "sawtooth", freq: 160, endFreq: 55, at: 0, attack: 0.003, decay: 0.18, gain: 0.4, lowpass: 900 },
    { wave: "noise", freq: 1400, endFreq: 200, at: 0, attack: 0.002, decay: 0.14, gain: 0.35 },
  ],
  kill: [note(660, 0, 0.4, 0.12), note(880, 0.07, 0.4, 0.12), note(1320, 0.14, 0.45, 0.3)],
  death: [
    { wave: "sawtooth", freq: 440, endFreq: 60, at: 0, attack: 0.01, decay: 0.7, gain: 0.35, lowpass: 1400 },
    { wave: "noise", freq: 2000, endFreq: 120, at: 0, attack: 0.005, decay: 0.5, gain: 0.3 },
  ],
  respawn: [
    { wave: "sine", freq: 220, endFreq: 880, at: 0, attack: 0.02, decay: 0.35, gain: 0.35 },
    note(1320, 0.25, 0.2, 0.2),
  ],
  roundStart: [note(523, 0, 0.35, 0.18), note(659, 0.12, 0.35, 0.18), note(784, 0.24, 0.4, 0.45)],
  roundEnd: [note(784, 0, 0.35, 0.2), note(659, 0.15, 0.35, 0.2), note(523, 0.3, 0.4, 0.6)],
  lowHp: [
    { wave: "sine", freq: 70, endFreq: 50, at: 0, attack: 0.01, decay: 0.12, gain: 0.6 },
    { wave: "sine", freq: 70, endFreq: 50, at: 0.2, attack: 0.01, decay: 0.14, gain: 0.45 },
  ],
};
