/**
 * Bots for the JSON baseline: N WebSocket clients (Node 24's global WebSocket, the same
 * socket the Colyseus SDK uses in Node), each driven by the same strategy code as the SDK
 * bots through a thin adapter (JSON state → BotView), one input per step at the tick rate.
 * Payload bytes are counted at the client, both ways.
 *
 * Run: node bench/baseline/json-bots.ts --url ws://127.0.0.1:P --count N [--ramp 50]
 *        [--duration 30] [--seed 1] [--strategy fight] [--tick-hz 30]
 * stdout: one JSON line per "snapshot" line read on stdin (cumulative counters, for the
 * bench's measurement window), and a final {"summary": ...} line when done (duration over,
 * SIGINT or SIGTERM).
 */
import { createInterface } from "node:readline";
import { STRATEGY_NAMES, botSeed, createStrategy } from "../../shared/brains/strategies.ts";
import type { BotView, Strategy } from "../../shared/brains/view.ts";
import { payloadBytes } from "../../devkit/wire-meter.ts";
import { TICK_HZ } from "../../shared/constants.ts";
import { commandLine, defineCli } from "../../shared/cli.ts";

/** The JSON state the baseline server broadcasts (only what the adapter reads is typed). */
export interface JsonState {
  players: Record<string, { x: number; y: number; hp: number; shielded: boolean }>;
  phase: string;
}

/** The thin adapter: the baseline's JSON state as the view strategies see. */
export function jsonToView(selfId: string, state: JsonState): BotView {
  const players = Object.entries(state.players).map(([id, p]) => ({ id, x: p.x, y: p.y, hp: p.hp, shielded: p.shielded }));
  return { selfId, self: players.find((p) => p.id === selfId) ?? null, players, phase: state.phase };
}

export interface Counters {
  /** s since the bots started. */
  t: number;
  connected: number;
  bytesDown: number;
  bytesUp: number;
  messagesDown: number;
  messagesUp: number;
  /** state broadcasts received (the baseline's "patches"), and their bytes. */
  states: number;
  stateBytes: number;
  errors: number;
}

interface Bot {
  socket: WebSocket;
  strategy: Strategy;
  id: string;
  latest: JsonState | null;
  open: boolean;
}

const JSON_BOTS_CLI = defineCli({
  command: "node bench/baseline/json-bots.ts",
  options: {
    url: { kind: "string", arg: "<url>", default: "ws://127.0.0.1:2568", help: "the JSON baseline server's WebSocket" },
    count: { kind: "int", min: 1, default: 16, help: "bots" },
    ramp: { kind: "number", min: 0, minExclusive: true, default: 50, help: "joins per second" },
    duration: { kind: "number", arg: "<s>", min: 0, minExclusive: true, default: 30, help: "seconds to play" },
    seed: { kind: "int", min: 0, max: 2 ** 32 - 1, default: 1, help: "seed of the bots' random choices" },
    strategy: { kind: "enum", values: STRATEGY_NAMES, default: "fight", help: STRATEGY_NAMES.join(" | ") },
    tickHz: { kind: "number", min: 0, minExclusive: true, default: TICK_HZ, help: "inputs per second per bot: the server's step rate" },
  },
});

/** The JSON baseline's bots (npm run bots has its own: parseSdkBotArgs). */
export function parseJsonBotArgs(argv: readonly string[]) {
  const parsed = JSON_BOTS_CLI.parse(argv);
  return parsed === "help" ? parsed : parsed.values;
}

/**
 * The 16 bots of a room receive the same broadcast; parsing a 4 KB state once per room and
 * tick instead of once per bot keeps the load generator off its core's ceiling at 512 bots.
 * It changes only the bots' CPU, never what the server does or what is counted on the wire.
 */
const parsedCache = new Map<string, JsonState | { welcome: string }>();
const PARSED_CACHE_MAX = 256;
function parseShared(text: string): JsonState | { welcome: string } {
  let v = parsedCache.get(text);
  if (v === undefined) {
    v = JSON.parse(text) as JsonState | { welcome: string };
    parsedCache.set(text, v);
    if (parsedCache.size > PARSED_CACHE_MAX) parsedCache.delete(parsedCache.keys().next().value!);
  }
  return v;
}

export async function runJsonBots(opts: Exclude<ReturnType<typeof parseJsonBotArgs>, "help">, out: (line: string) => void): Promise<void> {
  const started = performance.now();
  const bots: Bot[] = [];
  const c: Counters = { t: 0, connected: 0, bytesDown: 0, bytesUp: 0, messagesDown: 0, messagesUp: 0, states: 0, stateBytes: 0, errors: 0 };
  let sample: string | null = null;
  let armSample = false;
  let stopping = false;

  const snapshot = (): Counters => ({ ...c, t: (performance.now() - started) / 1000 });

  function connect(i: number) {
    const socket = new WebSocket(opts.url);
    const bot: Bot = { socket, strategy: createStrategy(opts.strategy, botSeed(opts.seed, i), { tickHz: opts.tickHz }), id: "", latest: null, open: false };
    bots.push(bot);
    socket.addEventListener("open", () => {
      bot.open = true;
      const msg = JSON.stringify({ join: `bot-${i}` });
      c.bytesUp += Buffer.byteLength(msg);
      c.messagesUp++;
      socket.send(msg);
    });
    socket.addEventListener("message", (e: MessageEvent) => {
      const bytes = payloadBytes(e.data);
      c.bytesDown += bytes;
      c.messagesDown++;
      if (typeof e.data !== "string") return;
      const msg = parseShared(e.data);
      if ("welcome" in msg) {
        bot.id = msg.welcome;
        c.connected++;
        return;
      }
      c.states++;
      c.stateBytes += bytes;
      bot.latest = msg;
      if (armSample && i === 0) {
        sample = e.data;
        armSample = false;
      }
    });
    socket.addEventListener("error", () => {
      if (!stopping) c.errors++;
    });
    socket.addEventListener("close", () => {
      if (bot.id) c.connected--;
      if (!stopping) c.errors++;
      bot.open = false;
      bot.id = "";
    });
  }

  // Ramp: joins spread evenly at --ramp per second.
  let joined = 0;
  const rampTimer = setInterval(
    () => {
      if (joined < opts.count && !stopping) connect(joined++);
      if (joined >= opts.count) clearInterval(rampTimer);
    },
    1000 / opts.ramp,
  );

  // One drift-free step loop drives every bot: one command per bot per step.
  const stepMs = 1000 / opts.tickHz;
  let n = 0;
  let stepTimer: NodeJS.Timeout | undefined;
  const step = () => {
    for (const bot of bots) {
      if (!bot.open || !bot.id || !bot.latest) continue;
      const msg = JSON.stringify(bot.strategy.decide(jsonToView(bot.id, bot.latest)));
      c.bytesUp += Buffer.byteLength(msg);
      c.messagesUp++;
      bot.socket.send(msg);
    }
    n++;
    // after a long stall, skip the missed steps rather than burst them (the server would queue them)
    if (performance.now() - (started + n * stepMs) > 5 * stepMs) n = Math.ceil((performance.now() - started) / stepMs);
    stepTimer = setTimeout(step, Math.max(0, started + n * stepMs - performance.now()));
  };
  stepTimer = setTimeout(step, stepMs);

  const input = createInterface({ input: process.stdin });
  input.on("line", (line) => {
    if (line.trim() !== "snapshot") return;
    armSample = true;
    out(JSON.stringify({ snapshot: snapshot() }));
  });

  await new Promise<void>((resolve) => {
    const done = setTimeout(resolve, opts.duration * 1000);
    const stop = () => {
      clearTimeout(done);
      resolve();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });

  stopping = true;
  clearInterval(rampTimer);
  clearTimeout(stepTimer);
  input.close();
  const final = snapshot();
  for (const bot of bots) bot.socket.close(1000);
  out(JSON.stringify({ summary: { ...final, target: opts.count, sample } }));
  // give the close frames a moment to leave, bounded
  await new Promise((r) => setTimeout(r, 300));
}

if (import.meta.main) {
  const opts = commandLine("json-bots", JSON_BOTS_CLI, () => parseJsonBotArgs(process.argv.slice(2)), console);
  if (typeof opts === "number") process.exit(opts);
  await runJsonBots(opts, (line) => process.stdout.write(line + "\n"));
  process.exit(0);
}
