/**
 * `npm run cluster` as a host runs it (redis-server, N Tickfire processes, nginx), for the
 * fault tests; and a fleet of real bots in this process, so a test can see each bot's
 * process and time the gaps in what it receives.
 */
import { Client, type Room } from "@colyseus/sdk";
import { Bot, newCounters, type BotSink } from "../../bots/bot.ts";
import { processBaseOf } from "../../bots/seat-host.ts";
import type { StrategyName } from "../../shared/brains/view.ts";
import { freePort } from "../../devkit/ports.ts";
import { until } from "../../devkit/wait.ts";
import { run, type RunningProcess } from "./process.ts";

export interface ClusterProcess {
  /** p1, p2 ... also the path nginx routes to it: /p1/ */
  name: string;
  pid: number;
  port: number;
}

export interface RunningCluster {
  proc: RunningProcess;
  url: string;
  processes: ClusterProcess[];
}

/** `env` reaches the cluster and, through it, every server process (TICKFIRE_TEST_HOOKS...). */
export async function startCluster(procs: number, extra: string[] = [], env: Record<string, string> = {}): Promise<RunningCluster> {
  const port = await freePort();
  const proc = run(process.execPath, ["scripts/cluster.ts", "--procs", String(procs), "--port", String(port), "--host", "127.0.0.1", ...extra], env);
  await until("the cluster to say it is running", () => proc.output().includes("Tickfire cluster is running"), 90_000).catch((e) => {
    throw new Error(`${(e as Error).message}\n--- cluster output ---\n${proc.output()}`);
  });
  const processes = [...proc.output().matchAll(/cluster: (p\d+): pid (\d+), 127\.0\.0\.1:(\d+)/g)].map((m) => ({ name: m[1]!, pid: Number(m[2]), port: Number(m[3]) }));
  const scheme = extra.includes("--tls") ? "https" : "http";
  return { proc, url: `${scheme}://127.0.0.1:${port}`, processes };
}

/** The pid the supervisor restarted `name` as, the newest first; null until it says so. */
export function restartedPid(cluster: RunningCluster, name: string): number | null {
  const all = [...cluster.proc.output().matchAll(new RegExp(`cluster: process ${name} restarted as pid (\\d+)`, "g"))];
  return all.length ? Number(all.at(-1)![1]) : null;
}

/** p1, p2 ... of the process serving a room, from its socket URL (nginx routes /pN/). */
export function processOf(room: Room | null | undefined): string | null {
  const base = room ? processBaseOf(room.connection.url ?? "") : null;
  return base ? (/\/(p\d+)$/.exec(base)?.[1] ?? null) : null;
}

export class Fleet {
  readonly counters = newCounters();
  readonly notes: string[] = [];
  readonly bots: Bot[] = [];
  private readonly client: Client;
  private readonly url: string;
  private readonly sink: BotSink = { counters: this.counters, note: (m) => this.notes.push(m), round: () => {} };

  constructor(url: string) {
    this.url = url;
    this.client = new Client(url);
  }

  /** `count` bots join by quick play, `parallel` at a time. */
  async add(count: number, strategy: StrategyName = "fight", parallel = 16): Promise<void> {
    const fresh = Array.from({ length: count }, (_, i) => new Bot(this.bots.length + i + 1, strategy, 1000 + this.bots.length + i, this.sink));
    this.bots.push(...fresh);
    for (let i = 0; i < fresh.length; i += parallel) {
      await Promise.all(fresh.slice(i, i + parallel).map((b) => b.join(this.client, { kind: "quick" }, this.url)));
    }
  }

  on(processName: string): Bot[] {
    return this.bots.filter((b) => processOf(b.room) === processName);
  }

  async stop(): Promise<void> {
    await Promise.all(this.bots.map((b) => b.stop()));
  }
}

export interface Gaps {
  /** ms, longest wait between two patches (or from the last one to the end). */
  patchMs: number;
  /** ms, longest wait between two ping replies, pinging every PING_MS while none is out. */
  pongMs: number;
}

const PING_MS = 100;

/** Watches rooms' patches and ping replies until the returned stop is called. */
export function watchGaps(rooms: Room[]): () => Gaps {
  const start = performance.now();
  const watches = rooms.map((room) => {
    const w = { lastPatch: start, patchGap: 0, lastPong: start, pongGap: 0, out: false };
    room.onStateChange(() => {
      const now = performance.now();
      w.patchGap = Math.max(w.patchGap, now - w.lastPatch);
      w.lastPatch = now;
    });
    // The bot pings too and the SDK keeps only the newest callback: wrap ping so every
    // reply, the bot's or ours, is seen.
    const ping = room.ping.bind(room);
    room.ping = (cb: (ms: number) => void) => {
      w.out = true;
      ping((ms: number) => {
        const now = performance.now();
        w.pongGap = Math.max(w.pongGap, now - w.lastPong);
        w.lastPong = now;
        w.out = false;
        cb(ms);
      });
    };
    const timer = setInterval(() => {
      if (!w.out && room.connection.isOpen) room.ping(() => {});
    }, PING_MS);
    return { w, timer };
  });
  return () => {
    const end = performance.now();
    let patchMs = 0;
    let pongMs = 0;
    for (const { w, timer } of watches) {
      clearInterval(timer);
      patchMs = Math.max(patchMs, w.patchGap, end - w.lastPatch);
      pongMs = Math.max(pongMs, w.pongGap, end - w.lastPong);
    }
    return { patchMs: Math.round(patchMs), pongMs: Math.round(pongMs) };
  };
}

/** Accepts every message of a room the test does not read (the SDK warns about each otherwise). */
export function quiet<R extends Room>(room: R): R {
  room.onMessage("*", () => {});
  return room;
}
