/**
 * The benchmark's baseline, never shipped: the plain way to write such a server.
 * A plain `ws` server runs the same shared simulation at the same fixed rate, takes one
 * JSON input per step per client, and broadcasts the FULL state as compact JSON every tick
 * (no deltas, no quantization), with exactly the fields shared/schema.ts syncs (the test in
 * baseline.test.ts fails when the schema changes and this file does not follow).
 * Its loop is timed with the server's own TickStats and served on GET /metrics in the same
 * Prometheus text, so the bench reads both sides the same way.
 *
 * Run: node bench/baseline/json-server.ts --port P [--host 127.0.0.1] [--room-size 16]
 *        [--tick-hz 30] [--round-seconds 600] [--kill-limit 1000] [--results-seconds 8]
 * Client protocol: send {"join": name} once, then {moveX, moveY, aim, fire} per step.
 * Server sends {"welcome": id} once, then the state object every tick.
 */
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { WebSocketServer, type WebSocket } from "ws";
import { INPUT_BUFFER_SIZE, INPUT_CREDIT_MAX, MAX_PAYLOAD_BYTES, NAME_RAW_MAX, NO_SLOT, PLAYER_COLOR_COUNT, RESULTS_SECONDS, MAX_PLAYERS, TICK_HZ } from "../../shared/constants.ts";
import { commandLine, defineCli } from "../../shared/cli.ts";
import { ARENA_MAP } from "../../shared/maps/arena.ts";
import { nameProblem, sanitizeName, uniqueName } from "../../shared/names.ts";
import {
  InputCredits,
  addPlayer,
  applyCommand,
  createWorld,
  drainEvents,
  isShielded,
  phaseSecondsLeft,
  removePlayer,
  stepWorld,
  type Command,
  type Rules,
  type World,
} from "../../shared/sim/index.ts";
import { TickStats } from "../../server/game/tick-stats.ts";
import { renderMetrics } from "../../server/metrics.ts";
import { lowestFreeSeat } from "../../server/rules/seats.ts";

interface Conn {
  id: string;
  name: string;
  color: number;
  /** seat number in the room, as PlayerState.slot: shots name their shooter by it. */
  slot: number;
  socket: WebSocket;
  queue: Command[];
}

export interface JsonRoom {
  world: World;
  conns: Map<string, Conn>;
  nextColor: number;
  createdMs: number;
  /** projectile id → bornMs (room ms), fixed when the shot is first seen, like syncState. */
  born: Map<number, number>;
}

/** Steps. After a hitch longer than this, drop the backlog instead of running it all. */
const MAX_BACKLOG = 5;

const JSON_SERVER_CLI = defineCli({
  command: "node bench/baseline/json-server.ts",
  options: {
    port: { kind: "int", min: 0, max: 65535, default: 0, help: "port to listen on; 0 = any free port" },
    host: { kind: "string", arg: "<addr>", default: "127.0.0.1", help: "address to bind" },
    roomSize: { kind: "int", min: 1, default: MAX_PLAYERS, help: "players per room" },
    tickHz: { kind: "int", min: 1, default: TICK_HZ, help: "simulation steps per second" },
    // a round must not end inside the bench's measurement window
    roundSeconds: { kind: "int", min: 1, default: 600, help: "round length in seconds" },
    killLimit: { kind: "int", min: 1, default: 1000, help: "kills that end a round" },
    resultsSeconds: { kind: "int", min: 1, default: RESULTS_SECONDS, help: "results screen length in seconds" },
  },
});

export function parseServerArgs(argv: readonly string[]) {
  const parsed = JSON_SERVER_CLI.parse(argv);
  if (parsed === "help") return "help" as const;
  const { port, host, roomSize, ...rules } = parsed.values;
  return { port, host, roomSize, rules: { mode: "ffa", ...rules } satisfies Rules };
}

/** Minimal validation: anything that is not a well-formed command is dropped. */
export function parseCommand(raw: unknown): Command | null {
  if (typeof raw !== "object" || raw === null) return null;
  const { moveX, moveY, aim, fire } = raw as Record<string, unknown>;
  if (typeof moveX !== "number" || typeof moveY !== "number" || typeof aim !== "number" || typeof fire !== "boolean") return null;
  if (!Number.isFinite(moveX) || !Number.isFinite(moveY) || !Number.isFinite(aim)) return null;
  return { moveX: Math.sign(moveX), moveY: Math.sign(moveY), aim, fire };
}

/** The full state, exactly the fields ArenaState syncs, as the naive server would send it. */
export function stateJson(room: JsonRoom, nowMs: number): string {
  const { world } = room;
  const players: Record<string, unknown> = {};
  for (const [id, c] of room.conns) {
    const p = world.players.get(id);
    if (!p) continue;
    players[id] = {
      name: c.name,
      x: p.x,
      y: p.y,
      aim: p.aim,
      hp: p.hp,
      kills: p.kills,
      deaths: p.deaths,
      shielded: isShielded(world, p),
      color: c.color,
      slot: c.slot,
      away: p.away,
      // the baseline seats no server bots (it runs with bot fill off, as the bench does)
      bot: false,
    };
  }
  const projectiles: Record<string, unknown> = {};
  const live = new Set<number>();
  for (const proj of world.projectiles) {
    live.add(proj.id);
    let bornMs = room.born.get(proj.id);
    if (bornMs === undefined) {
      // the same stamp the Colyseus room computes in syncState
      const ticksAgo = world.tick - proj.spawnTick;
      bornMs = Math.max(0, Math.round(nowMs - (ticksAgo * 1000) / world.rules.tickHz));
      room.born.set(proj.id, bornMs);
    }
    projectiles[proj.id] = { ownerSlot: room.conns.get(proj.owner)?.slot ?? NO_SLOT, x0: proj.x0, y0: proj.y0, angle: proj.angle, bornMs };
  }
  for (const id of room.born.keys()) if (!live.has(id)) room.born.delete(id);
  return JSON.stringify({
    players,
    projectiles,
    phase: world.round.phase,
    round: world.round.number,
    timeLeft: phaseSecondsLeft(world),
    killLimit: world.rules.killLimit,
    winner: world.round.winner?.id ?? "",
    mapName: world.map.name,
    // the naive server holds no seats for dropped players: 0 is the schema's "no reconnection"
    reconnectSeconds: 0,
  });
}

/** Colyseus-like 9-character session ids, so keys weigh the same on both sides. */
function sessionId(): string {
  return randomBytes(7).toString("base64url").slice(0, 9);
}

export function startJsonServer(config: Exclude<ReturnType<typeof parseServerArgs>, "help">) {
  const { rules, roomSize } = config;
  const stepMs = 1000 / rules.tickHz;
  const stats = new TickStats();
  const credits = new InputCredits(INPUT_CREDIT_MAX);
  const rooms: JsonRoom[] = [];
  let seed = 1;

  const http = createServer((req, res) => {
    const players = rooms.reduce((n, r) => n + r.conns.size, 0);
    if (req.url === "/metrics") {
      res.writeHead(200, { "content-type": "text/plain; version=0.0.4" });
      res.end(renderMetrics(stats, { rooms: rooms.length, players }));
    } else if (req.url === "/healthz") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: true, rooms: rooms.length, players }));
    } else {
      res.writeHead(404).end();
    }
  });
  const wss = new WebSocketServer({ server: http, maxPayload: MAX_PAYLOAD_BYTES });

  /** Fill rooms in order: the first room with a free seat, else a new one. */
  function seat(): JsonRoom {
    const open = rooms.find((r) => r.conns.size < roomSize);
    if (open) return open;
    const room: JsonRoom = { world: createWorld(ARENA_MAP, rules, seed++), conns: new Map(), nextColor: 0, createdMs: performance.now(), born: new Map() };
    rooms.push(room);
    return room;
  }

  wss.on("connection", (socket) => {
    let conn: Conn | null = null;
    let room: JsonRoom | null = null;
    socket.on("message", (data, isBinary) => {
      if (isBinary) return;
      let msg: unknown;
      try {
        msg = JSON.parse(String(data));
      } catch {
        return;
      }
      if (conn === null) {
        // the room's name rules (its join options check, then its cleaning)
        const raw = (msg as { join?: unknown } | null)?.join;
        if (typeof raw !== "string" || raw.length > NAME_RAW_MAX || nameProblem(raw)) return socket.close(4000, "join first");
        room = seat();
        const others = [...room.conns.values()];
        const name = uniqueName(sanitizeName(raw), others.map((x) => x.name));
        const slot = lowestFreeSeat(others.map((x) => x.slot));
        conn = { id: sessionId(), name, color: room.nextColor++ % PLAYER_COLOR_COUNT, slot, socket, queue: [] };
        room.conns.set(conn.id, conn);
        addPlayer(room.world, conn.id);
        socket.send(JSON.stringify({ welcome: conn.id }));
        return;
      }
      const cmd = parseCommand(msg);
      if (!cmd) return;
      if (conn.queue.length >= INPUT_BUFFER_SIZE) conn.queue.shift();
      conn.queue.push(cmd);
    });
    socket.on("close", () => {
      if (!conn || !room) return;
      room.conns.delete(conn.id);
      credits.forget(conn.id);
      removePlayer(room.world, conn.id);
      if (room.conns.size === 0) rooms.splice(rooms.indexOf(room), 1);
    });
    socket.on("error", () => socket.terminate());
  });

  function stepRoom(room: JsonRoom, dueMs: number) {
    const start = performance.now();
    const { world } = room;
    for (const c of room.conns.values()) {
      const p = world.players.get(c.id);
      // the same input credits as the Colyseus room: one per step, banked up to a cap
      const allowed = credits.grant(c.id);
      let used = 0;
      for (; p && used < allowed && c.queue.length > 0; used++) applyCommand(world, p, c.queue.shift()!);
      credits.spend(c.id, used);
    }
    stepWorld(world);
    drainEvents(world); // events become chat/kill messages on the Colyseus side; the baseline sends state only
    const json = stateJson(room, start - room.createdMs);
    for (const c of room.conns.values()) if (c.socket.readyState === c.socket.OPEN) c.socket.send(json);
    stats.record(dueMs, start, performance.now(), stepMs);
  }

  // Drift-free fixed step: step n is due at anchor + n × stepMs, whatever the timer's jitter.
  let anchor = performance.now();
  let n = 0;
  let timer: NodeJS.Timeout | undefined;
  const loop = () => {
    const now = performance.now();
    if (now - (anchor + n * stepMs) > MAX_BACKLOG * stepMs) {
      anchor = now;
      n = 0;
    }
    while (anchor + n * stepMs <= performance.now()) {
      const due = anchor + n * stepMs;
      for (const room of [...rooms]) stepRoom(room, due);
      n++;
    }
    timer = setTimeout(loop, Math.max(0, anchor + n * stepMs - performance.now()));
  };

  return {
    http,
    listen: () =>
      new Promise<number>((resolve, reject) => {
        http.once("error", reject);
        http.listen(config.port, config.host, () => {
          const addr = http.address();
          timer = setTimeout(loop, stepMs);
          resolve(typeof addr === "object" && addr ? addr.port : config.port);
        });
      }),
    close: () => {
      clearTimeout(timer);
      for (const c of wss.clients) c.terminate();
      wss.close();
      http.close();
    },
  };
}

if (import.meta.main) {
  const config = commandLine("json-server", JSON_SERVER_CLI, () => parseServerArgs(process.argv.slice(2)), console);
  if (typeof config === "number") process.exit(config);
  const server = startJsonServer(config);
  const port = await server.listen();
  console.log(`json-server listening on http://${config.host}:${port}`);
  const stop = () => {
    server.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
