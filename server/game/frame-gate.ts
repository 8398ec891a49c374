/**
 * What a room does with each raw frame before Colyseus sees it: the input-frame shape
 * check (rules/frame-guard.ts) and the per-client frame and input budget
 * (rules/flood-meter.ts), with counters for /metrics and one sampled log line instead of
 * a stack trace per bad frame.
 */
import {
  MALFORMED_FRAMES_TO_CLOSE,
  RATE_STRIKES_TO_CLOSE,
  RATE_STRIKE_WINDOW_SECONDS,
  maxInputsPerSecond,
  maxMessagesPerSecond,
} from "../../shared/constants.ts";
import { CloseCode } from "../../shared/messages.ts";
import { FloodMeter, type FloodLimits } from "../rules/flood-meter.ts";
import { inspectFrame, type MalformedReason, type StampMode } from "../rules/frame-guard.ts";
import { sampledLog } from "./sampled-log.ts";

export interface FrameCounters {
  /** malformed input frames dropped, by reason. */
  malformed: Record<MalformedReason, number>;
  /** frames and inputs dropped for going over the per-second budget. */
  rateDroppedFrames: number;
  rateDroppedInputs: number;
  /** clients closed for abuse. */
  kickedTooManyMessages: number;
  kickedMalformed: number;
}

export type GateAction = { pass: true } | { pass: false; close?: typeof CloseCode.tooManyMessages | typeof CloseCode.malformedInput };

const PASS: GateAction = { pass: true };
const DROP: GateAction = { pass: false };

export function newFrameCounters(): FrameCounters {
  return {
    malformed: { oversize: 0, "bad-stamps": 0, "bad-slot": 0, "too-many-slots": 0, empty: 0, undecodable: 0 },
    rateDroppedFrames: 0,
    rateDroppedInputs: 0,
    kickedTooManyMessages: 0,
    kickedMalformed: 0,
  };
}

/** The counters as flat reasons, the shape /metrics' dropped-input tally takes. */
export function flattenFrameCounters(c: FrameCounters): Record<string, number> {
  const out: Record<string, number> = {
    rateDroppedFrames: c.rateDroppedFrames,
    rateDroppedInputs: c.rateDroppedInputs,
    kickedTooManyMessages: c.kickedTooManyMessages,
    kickedMalformed: c.kickedMalformed,
  };
  for (const [reason, n] of Object.entries(c.malformed)) out[`malformedFrame_${reason}`] = n;
  return out;
}

/** Budgets derived from the room's tick rate, never from the default. */
export function floodLimits(tickHz: number): FloodLimits {
  return {
    framesPerSecond: maxMessagesPerSecond(tickHz),
    inputsPerSecond: maxInputsPerSecond(tickHz),
    strikesToClose: RATE_STRIKES_TO_CLOSE,
    strikeWindowMs: RATE_STRIKE_WINDOW_SECONDS * 1000,
    malformedToClose: MALFORMED_FRAMES_TO_CLOSE,
  };
}

export class FrameGate {
  readonly counters = newFrameCounters();
  private readonly meters = new Map<string, FloodMeter>();
  private readonly limits: FloodLimits;
  private readonly stamps: () => StampMode;

  /** `stamps`: which input stamps the room's clients send (read when a frame needs it). */
  constructor(tickHz: number, stamps: () => StampMode) {
    this.limits = floodLimits(tickHz);
    this.stamps = stamps;
  }

  check(sessionId: string, bytes: Uint8Array, nowMs: number): GateAction {
    let meter = this.meters.get(sessionId);
    if (!meter) this.meters.set(sessionId, (meter = new FloodMeter(this.limits)));
    if (bytes.length === 0) return this.malformed(meter, "empty");
    const verdict = inspectFrame(bytes, this.stamps());
    if (verdict.kind === "malformed") return this.malformed(meter, verdict.reason);
    const inputs = verdict.kind === "input" ? verdict.inputs : 0;
    const rate = meter.frame(nowMs, inputs);
    if (rate === "pass") return PASS;
    this.counters.rateDroppedFrames++;
    this.counters.rateDroppedInputs += inputs;
    if (rate === "drop") return DROP;
    this.counters.kickedTooManyMessages++;
    sampledLog.note("kick-rate", `tickfire: closed a client for too many messages (${CloseCode.tooManyMessages})`);
    return { pass: false, close: CloseCode.tooManyMessages };
  }

  /** A reliable input frame that passed the shape check but did not decode (Colyseus logs
   *  and drops it): counted as malformed like any other. */
  undecodable(sessionId: string): GateAction {
    const meter = this.meters.get(sessionId);
    return meter ? this.malformed(meter, "undecodable") : DROP;
  }

  forget(sessionId: string): void {
    this.meters.delete(sessionId);
  }

  private malformed(meter: FloodMeter, reason: MalformedReason): GateAction {
    this.counters.malformed[reason]++;
    sampledLog.note(`malformed-${reason}`, `tickfire: dropped a malformed input frame (${reason})`);
    if (meter.malformedFrame() === "drop") return DROP;
    this.counters.kickedMalformed++;
    return { pass: false, close: CloseCode.malformedInput };
  }
}
