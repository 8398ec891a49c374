/**
 * Client-side traffic counters at the edges of the measurement window, for both sides:
 * the Colyseus bots' per-thread files (written by wire-hook.ts) and the JSON bots'
 * snapshot lines are both read as WireFile records, and turned into rates the same way.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import type { Counters } from "../baseline/json-bots.ts";
import type { WireFile } from "./wire-hook.ts";

export type { WireFile } from "./wire-hook.ts";

/** Counters by "<pid>-<thread>". */
export type WireReading = Map<string, WireFile>;

export function readWireDir(dir: string): WireReading {
  const out: WireReading = new Map();
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of names) {
    if (!name.startsWith("wire-") || !name.endsWith(".json")) continue;
    try {
      const w = JSON.parse(readFileSync(path.join(dir, name), "utf8")) as WireFile;
      out.set(`${w.pid}-${w.thread}`, w);
    } catch {
      // being renamed into place right now: the previous version is gone, skip this thread once
    }
  }
  return out;
}

/** The JSON bots' snapshot line as a one-thread reading. */
export function jsonSnapshotReading(snapshot: Counters): WireReading {
  const w: WireFile = {
    t: snapshot.t * 1000,
    pid: 0,
    thread: 0,
    sockets: 0,
    down: snapshot.bytesDown,
    up: snapshot.bytesUp,
    messagesDown: snapshot.messagesDown,
    messagesUp: snapshot.messagesUp,
    patches: snapshot.states,
    patchBytes: snapshot.stateBytes,
    sample: null,
  };
  return new Map([["0-0", w]]);
}

export interface WireRates {
  /** per second, summed over the bots' threads. */
  down: number;
  up: number;
  messagesDown: number;
  messagesUp: number;
  patches: number;
  patchBytes: number;
  /** threads seen at both edges of the window. */
  threads: number;
}

/**
 * Rates over the window: each thread's counter delta over its own timestamps (threads
 * write at slightly different moments), summed. A thread missing at either edge is left out.
 */
export function windowRates(a: WireReading, b: WireReading): WireRates {
  const r: WireRates = { down: 0, up: 0, messagesDown: 0, messagesUp: 0, patches: 0, patchBytes: 0, threads: 0 };
  for (const [key, end] of b) {
    const start = a.get(key);
    if (!start) continue;
    const dt = (end.t - start.t) / 1000;
    if (!(dt > 0)) continue;
    r.threads++;
    r.down += (end.down - start.down) / dt;
    r.up += (end.up - start.up) / dt;
    r.messagesDown += (end.messagesDown - start.messagesDown) / dt;
    r.messagesUp += (end.messagesUp - start.messagesUp) / dt;
    r.patches += (end.patches - start.patches) / dt;
    r.patchBytes += (end.patchBytes - start.patchBytes) / dt;
  }
  return r;
}

/** "0f 80 1a ..." in rows of 16 bytes, for the report. */
export function hexRows(hex: string, perRow = 16): string {
  const bytes = hex.match(/../g) ?? [];
  const rows: string[] = [];
  for (let i = 0; i < bytes.length; i += perRow) rows.push(bytes.slice(i, i + perRow).join(" "));
  return rows.join("\n");
}

/** A long text cut at `max` characters, saying how much was left out. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${(text.length - max).toLocaleString("en-US")} more characters)`;
}
