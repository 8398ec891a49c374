/**
 * Drops: 14 fight bots play one room of the real server process, all through the latency
 * lab's proxy. Mid-round the proxy cuts the TCP connections of the 10 busiest bots with a
 * reset (no close frame: the server and the SDK both see code 1006). Each of the 10 must
 * come back on its own, into the same room with the same sessionId, within the server's
 * reconnect window, and with the score the server held for it; the other 4, on the same
 * proxy, must see no error, no drop and nobody leave, and keep getting patches throughout.
 * Everything waits by polling, never by fixed sleeps.
 */
import { Bot, newCounters, type BotSink, type Counters, type JoinHow } from "../bots/bot.ts"; // first: it wraps WebSocket
import { Client, type Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { botSeed } from "../shared/brains/strategies.ts";
import { startLatencyProxy, type LatencyProxy } from "../lab/latency-proxy.ts";
import { Msg, type ChatOut, type KillOut } from "../shared/messages.ts";
import type { ArenaState } from "../shared/schema.ts";
import { freePort } from "../devkit/ports.ts";
import { httpOk, stop } from "../devkit/process.ts";
import { until } from "../devkit/wait.ts";
import { runServer, type RunningProcess } from "./helpers/process.ts";

const BOTS = 14;
const CUT = 10;
/** s. The server's seat hold (--reconnect-seconds), set explicitly below. */
const RECONNECT_SECONDS = 20;
/** ms. The SDK only reconnects rooms joined at least `room.reconnection.minUptime` ago (5 s). */
const UPTIME_MARGIN_MS = 500;
/** ms. Most a bot that was not cut may go without a patch while the others drop and come
 *  back (patches are due every 33 ms; the proxy adds 40 ± 10 ms of round trip). */
const MAX_PATCH_GAP_MS = 500;

let server: RunningProcess;
let proxy: LatencyProxy;
let serverUrl: string;

beforeAll(async () => {
  const port = await freePort();
  serverUrl = `http://127.0.0.1:${port}`;
  // A round that cannot end during the test: scores are never reset under our feet.
  server = runServer([
    "--port", String(port), "--host", "127.0.0.1",
    "--round-seconds", "600", "--kill-limit", "1000", "--reconnect-seconds", String(RECONNECT_SECONDS),
  ]);
  await until("the server answers /healthz", () => httpOk(`${serverUrl}/healthz`), 30_000).catch((e) => {
    throw new Error(`${(e as Error).message}\n--- server output ---\n${server.output()}`);
  });
  proxy = await startLatencyProxy({ target: { host: "127.0.0.1", port }, latencyMs: 40, jitterMs: 10 });
});

afterAll(async () => {
  await proxy?.close();
  if (server) await stop(server);
});

interface Score {
  kills: number;
  deaths: number;
}

/** One bot with its own counters and notes, and what the test saw of it. */
interface Tracked {
  bot: Bot;
  /** the room and session it joined with (set once joined). */
  room: Room<unknown, ArenaState>;
  sessionId: string;
  counters: Counters;
  notes: string[];
  joinedAt: number;
  /** performance.now() of the last patch, and the longest gap between two patches while tracking. */
  lastPatchAt: number;
  maxGapMs: number;
  droppedAt: number;
  reconnectedAt: number;
  /** the bot's own view of itself in the first state it got after reconnecting (null in
   *  `me`: it was not in that state). */
  ownResume: { me: (Score & { away: boolean }) | null } | null;
}

/** The observer's (a bot that is not cut) view of one cut player. */
interface Watch {
  id: string;
  slot: number;
  /** its score in the observer's last patch before the cut. */
  pre: Score;
  /** kills and deaths the observer heard announced (`kill` messages) since the cut. */
  announced: Score;
  /** first patch showing it away: when, its score, the announcements until then. */
  awayAt: number;
  away: Score | null;
  /** largest rise of deaths over `away` in any patch that still shows it away. */
  deathsWhileAway: number;
  killsWhileAway: number;
  /** first patch showing it back (away false after away true). */
  backAt: number;
  back: Score | null;
  announcedAtBack: Score | null;
  positionAtBack: { x: number; y: number } | null;
  movedSinceBack: boolean;
  /** the player was missing from the state in some patch (its seat was not held). */
  missing: boolean;
  /** every kills/deaths pair the observer saw for it since the cut, as "k/d". */
  seen: Set<string>;
}

const scoreOf = (p: { kills: number; deaths: number }): Score => ({ kills: p.kills, deaths: p.deaths });
const key = (s: Score) => `${s.kills}/${s.deaths}`;
const stateOf = (t: Tracked, id: string) => t.room.state.players?.get(id);

describe("drops", () => {
  it("10 of 14 fighting bots lose their sockets mid-round: all 10 resume with the same session and score; the other 4 notice nothing", async () => {
    // The SDK narrates reconnection with console.info, and reports trouble with warn/error.
    const logged = { info: [] as string[], warn: [] as string[], error: [] as string[] };
    const spies = (["info", "warn", "error"] as const).map((level) =>
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged[level].push(args.map(String).join(" "))),
    );
    const client = new Client(proxy.url);
    const tracked: Tracked[] = Array.from({ length: BOTS }, (_, i) => {
      const counters = newCounters();
      const notes: string[] = [];
      const sink: BotSink = { counters, note: (m) => notes.push(m), round: () => {} };
      const bot = new Bot(i, "fight", botSeed(1, i), sink);
      return { bot, room: null as unknown as Tracked["room"], sessionId: "", counters, notes, joinedAt: 0, lastPatchAt: 0, maxGapMs: 0, droppedAt: 0, reconnectedAt: 0, ownResume: null };
    });
    let tracking = false;
    const join = async (t: Tracked, how: JoinHow) => {
      const roomId = await t.bot.join(client, how, proxy.url);
      if (!roomId || !t.bot.room) throw new Error(`${t.bot.name} could not join: ${t.notes.join("; ")}`);
      t.joinedAt = performance.now();
      const room = (t.room = t.bot.room);
      t.sessionId = room.sessionId;
      room.onStateChange(() => {
        const now = performance.now();
        if (tracking && t.lastPatchAt > 0) t.maxGapMs = Math.max(t.maxGapMs, now - t.lastPatchAt);
        t.lastPatchAt = now;
        if (t.reconnectedAt > 0 && !t.ownResume) {
          const me = room.state.players.get(t.sessionId);
          t.ownResume = { me: me ? { ...scoreOf(me), away: me.away } : null };
        }
      });
      room.onDrop(() => (t.droppedAt ||= performance.now()));
      room.onReconnect(() => (t.reconnectedAt ||= performance.now()));
      return roomId;
    };

    try {
      // one room: the first bot opens it by quick play, the others join it by id
      const roomId = await join(tracked[0]!, { kind: "quick" });
      await Promise.all(tracked.slice(1).map((t) => join(t, { kind: "id", roomId })));
      expect(new Set(tracked.map((t) => t.room.roomId))).toEqual(new Set([roomId]));

      // Fight until the SDK would reconnect every bot and 10 of them have a score to keep.
      const minUptime = tracked[0]!.room.reconnection.minUptime;
      const scoreNow = (t: Tracked) => scoreOf(stateOf(t, t.sessionId)!);
      const fightStart = performance.now();
      await until(
        `every bot up ${minUptime + UPTIME_MARGIN_MS} ms and ${CUT} bots with kills or deaths`,
        () =>
          tracked.every((t) => t.bot.status === "playing" && stateOf(t, t.sessionId) && performance.now() - t.joinedAt > minUptime + UPTIME_MARGIN_MS) &&
          tracked.filter((t) => key(scoreNow(t)) !== "0/0").length >= CUT,
        40_000,
      );
      const fightMs = performance.now() - fightStart;

      // The 10 with the most kills + deaths are cut; the first of the others watches them.
      const ranked = [...tracked].sort((a, b) => {
        const sa = scoreNow(a), sb = scoreNow(b);
        return sb.kills + sb.deaths - (sa.kills + sa.deaths) || a.bot.index - b.bot.index;
      });
      const cut = ranked.slice(0, CUT);
      const kept = ranked.slice(CUT);
      const observer = kept[0]!;
      const obsRoom = observer.room;
      const watches = new Map<string, Watch>(
        cut.map((t) => {
          const id = t.sessionId;
          const p = obsRoom.state.players.get(id)!;
          const w: Watch = {
            id, slot: p.slot, pre: scoreOf(p), announced: { kills: 0, deaths: 0 },
            awayAt: 0, away: null, deathsWhileAway: 0, killsWhileAway: 0,
            backAt: 0, back: null, announcedAtBack: null, positionAtBack: null, movedSinceBack: false,
            missing: false, seen: new Set([key(scoreOf(p))]),
          };
          return [id, w];
        }),
      );
      for (const t of cut) expect(key(watches.get(t.sessionId)!.pre), `${t.bot.name} has a score to keep`).not.toBe("0/0");
      // Kill messages come before the patch of the step they happened in, on the same socket.
      obsRoom.onMessage(Msg.kill, (m: KillOut) => {
        for (const w of watches.values()) {
          if (m.killer === w.slot) w.announced.kills++;
          if (m.victim === w.slot) w.announced.deaths++;
        }
      });
      const leftLines: string[] = [];
      obsRoom.onMessage(Msg.chat, (m: ChatOut) => {
        if (m.kind === "system" && / left$/.test(m.text)) leftLines.push(m.text);
      });
      obsRoom.onStateChange(() => {
        const now = performance.now();
        for (const w of watches.values()) {
          const p = obsRoom.state.players.get(w.id);
          if (!p) {
            w.missing = true;
            continue;
          }
          const s = scoreOf(p);
          w.seen.add(key(s));
          if (p.away && !w.away) {
            w.awayAt = now;
            w.away = s;
          }
          if (p.away && w.away && !w.back) {
            w.deathsWhileAway = Math.max(w.deathsWhileAway, s.deaths - w.away.deaths);
            w.killsWhileAway = Math.max(w.killsWhileAway, s.kills - w.away.kills);
          }
          if (!p.away && w.away && !w.back) {
            w.backAt = now;
            w.back = s;
            w.announcedAtBack = { ...w.announced };
            w.positionAtBack = { x: p.x, y: p.y };
          } else if (w.positionAtBack && (p.x !== w.positionAtBack.x || p.y !== w.positionAtBack.y)) w.movedSinceBack = true;
        }
      });
      const keptBefore = kept.map((t) => ({ ...t.counters }));
      const inputsBefore = new Map(cut.map((t) => [t, t.counters.inputs]));

      // The cut: a TCP reset on both sides of exactly these 10 room sockets.
      const cutIds = new Set(watches.keys());
      tracking = true;
      const cutAt = performance.now();
      const cutCount = proxy.cut((head) => cutIds.has(/[?&]sessionId=([^&\s]+)/.exec(head)?.[1] ?? ""));
      expect(cutCount).toBe(CUT);

      const where = () =>
        cut
          .map((t) => {
            const w = watches.get(t.sessionId)!;
            return `${t.bot.name}: ${t.bot.status}, away ${w.away ? key(w.away) : "never"}, back ${w.back ? key(w.back) : "no"}, missing ${w.missing}, notes ${JSON.stringify(t.notes)}`;
          })
          .join("\n");
      await until(
        `all ${CUT} cut bots reconnected and seen back in play`,
        () => {
          // a bot that gave up (the SDK's onLeave) will not come back: say so now
          if (cut.some((t) => t.bot.status !== "playing" && t.bot.status !== "dropped")) throw new Error("a cut bot left the room for good");
          return cut.every((t) => t.reconnectedAt > 0 && t.ownResume && watches.get(t.sessionId)!.back);
        },
        RECONNECT_SECONDS * 1000,
      ).catch((e) => {
        throw new Error(`${(e as Error).message}\n${where()}`);
      });
      const allBackMs = performance.now() - cutAt;
      // back in play: each sends inputs again and the server moves it
      await until(
        "every cut bot moving again",
        () => cut.every((t) => t.counters.inputs > inputsBefore.get(t)! && watches.get(t.sessionId)!.movedSinceBack),
        10_000,
      );
      tracking = false;
      const health = (await (await fetch(`${serverUrl}/healthz`)).json()) as { players: number };

      // --- the 10 that were cut ---
      const rows = cut.map((t) => {
        const w = watches.get(t.sessionId)!;
        return {
          bot: t.bot.name,
          session: t.sessionId,
          pre: key(w.pre),
          back: key(w.back!),
          own: t.ownResume!.me ? key(t.ownResume!.me) : "missing",
          announced: key(w.announcedAtBack!),
          killsWhileAway: w.killsWhileAway,
          dropSeenMs: Math.round(t.droppedAt - cutAt),
          reconnectMs: Math.round(t.reconnectedAt - cutAt),
          awayMs: Math.round(w.backAt - w.awayAt),
        };
      });
      for (const t of cut) {
        const w = watches.get(t.sessionId)!;
        const who = `${t.bot.name} (${t.sessionId}): ${JSON.stringify(rows.find((r) => r.bot === t.bot.name))}; notes ${JSON.stringify(t.notes)}`;
        // the SDK saw an abnormal close and resumed the same seat, within the window
        expect(t.counters, who).toMatchObject({ drops: 1, reconnects: 1, disconnects: 0, errors: 0, warnings: 0 });
        expect(t.bot.status, who).toBe("playing");
        // the very room object it joined with, same room, same session: not a fresh join
        expect(t.bot.room, who).toBe(t.room);
        expect(t.room.roomId, who).toBe(roomId);
        expect(t.room.sessionId, who).toBe(t.sessionId);
        expect(t.reconnectedAt - cutAt, who).toBeLessThan(RECONNECT_SECONDS * 1000);
        // the server held the seat (onDrop: away, never removed) and gave it back
        expect(w.missing, who).toBe(false);
        expect(w.away, who).not.toBeNull();
        expect(obsRoom.state.players.get(t.sessionId)?.slot, who).toBe(w.slot);
        // The score at resume, in the observer's first patch showing the player back, is the
        // score before the cut plus exactly the kills the room announced in between: shots
        // the player fired before the cut may still land while it is away. Away, it cannot die.
        expect(w.back, who).toEqual({ kills: w.pre.kills + w.announcedAtBack!.kills, deaths: w.pre.deaths + w.announcedAtBack!.deaths });
        expect(w.deathsWhileAway, who).toBe(0);
        // The bot's own first state after reconnecting: in play, and a score the room had for
        // it since the cut (so not reset), never below the score before the cut.
        const own = t.ownResume!.me;
        expect(own, who).not.toBeNull();
        expect(own!.away, who).toBe(false);
        expect(w.seen.has(key(own!)), `${who}; observer saw ${[...w.seen].join(", ")}`).toBe(true);
        expect(own!.kills, who).toBeGreaterThanOrEqual(w.pre.kills);
        expect(own!.deaths, who).toBeGreaterThanOrEqual(w.pre.deaths);
      }

      // --- the 4 that were not cut ---
      kept.forEach((t, k) => {
        const who = `${t.bot.name}: notes ${JSON.stringify(t.notes)}`;
        expect(t.bot.status, who).toBe("playing");
        expect(t.notes, who).toEqual([]);
        expect(t.counters, who).toMatchObject({ errors: 0, warnings: 0, drops: 0, reconnects: 0, disconnects: 0 });
        expect(t.counters.patches - keptBefore[k]!.patches, who).toBeGreaterThan((allBackMs / 1000) * 15);
        expect(t.maxGapMs, who).toBeLessThan(MAX_PATCH_GAP_MS);
        // every bot still sees all 14 players
        expect(t.bot.seenPlayers(), who).toBe(BOTS);
      });
      expect(leftLines).toEqual([]);
      expect(health.players).toBe(BOTS);
      expect(logged.warn).toEqual([]);
      expect(logged.error).toEqual([]);

      const summary = {
        fightMs: Math.round(fightMs),
        allBackMs: Math.round(allBackMs),
        keptMaxPatchGapMs: kept.map((t) => Math.round(t.maxGapMs)),
        sdkInfoLines: logged.info.length,
        cut: rows,
      };
      process.stdout.write(`drops: ${JSON.stringify(summary)}\n`);
    } finally {
      tracking = false;
      await Promise.all(tracked.map((t) => t.bot.stop()));
      for (const s of spies) s.mockRestore();
    }
    // the server logged no error, warning or stack while all this happened
    expect(server.output()).not.toMatch(/error|warn|exception|uncaught|\n\s+at /i);
  });
});
