import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineRoom, defineServer, matchMaker, type Server } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import { LOBBY_ROOM_NAME, MAX_PAYLOAD_BYTES, ROOM_NAME } from "../shared/constants.ts";
import type { ServerConfig } from "./config.ts";
import { renderMetrics, tickStats } from "./metrics.ts";
import { ArenaRoom, type ArenaRoomOptions } from "./rooms/ArenaRoom.ts";
import { GuardedLobbyRoom } from "./rooms/GuardedLobbyRoom.ts";
import { processTally } from "./game/process-tally.ts";
import { VERSION } from "./version.ts";
import { loopHeartbeat } from "./watchdog.ts";
import { sampleConsoleErrors, sampledLog } from "./game/sampled-log.ts";
import { monitor } from "@colyseus/monitor";
import { MONITOR_USER, basicAuth } from "./monitor-auth.ts";
import { createHttpServer } from "./http/front-gate.ts";
import { metricsGuard } from "./http/guards.ts";
import { clientFiles } from "./http/static-files.ts";
import { httpRefusals } from "./http/refusals.ts";
import { RedisPresence } from "@colyseus/redis-presence";
import { RedisDriver } from "@colyseus/redis-driver";
import { selectProcessByLoad } from "./cluster/load-board.ts";
import { ProcessCaps } from "./cluster/process-caps.ts";
import { guardMatchmaking } from "./rooms/matchmaking.ts";

export const CLIENT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../dist");

/**
 * What a game server is built from: ServerConfig's rules, and its other settings where
 * absent means the default (metricsAllow: loopback; monitorPassword: no monitor; redisUrl:
 * a process of its own). Listening, the watchdog and the rest of the front gate are index.ts's.
 */
export type GameConfig = Pick<ServerConfig, "tickHz" | "roundSeconds" | "killLimit" | "resultsSeconds" | "maxPlayers"> &
  Partial<Pick<ServerConfig, "fillTo" | "botSkill" | "ticksPerPatch" | "maxRewindMs" | "reconnectSeconds" | "maxRooms" | "maxClients" | "metricsAllow" | "monitorPassword" | "redisUrl" | "publicAddress">>;

export interface GameServerOptions {
  /** PRNG seed of every room; a fixed one makes rooms replayable in tests. */
  seed?: number;
  greet?: boolean;
  handleSignals?: boolean;
  /** this process's caps; by default new ones from config.maxRooms and config.maxClients. */
  caps?: ProcessCaps;
}

/** Builds (but does not start) the game server: the arena and lobby rooms, the static client, /healthz. */
export function createGameServer(
  config: GameConfig,
  opts: GameServerOptions = {},
): Server {
  // A client's bad bytes make our dependencies log per frame: those lines are sampled, and
  // the rooms read the sampler to tell an input that did not decode (game/raw-frames.ts).
  sampleConsoleErrors();
  guardMatchmaking();
  const arenaOptions: ArenaRoomOptions = {
    rules: {
      mode: "ffa",
      tickHz: config.tickHz,
      roundSeconds: config.roundSeconds,
      killLimit: config.killLimit,
      resultsSeconds: config.resultsSeconds,
    },
    maxPlayers: config.maxPlayers,
    ticksPerPatch: config.ticksPerPatch,
    maxRewindMs: config.maxRewindMs,
    reconnectSeconds: config.reconnectSeconds,
    fillTo: config.fillTo,
    botSkill: config.botSkill,
    caps: opts.caps ?? new ProcessCaps(config),
    seed: opts.seed,
  };
  const cluster = config.redisUrl
    ? {
        presence: new RedisPresence(config.redisUrl),
        driver: new RedisDriver(config.redisUrl),
        selectProcessIdToCreateRoom: selectProcessByLoad,
        publicAddress: config.publicAddress,
      }
    : { publicAddress: config.publicAddress };
  return defineServer({
    ...cluster,
    greet: opts.greet ?? false,
    // Colyseus' graceful shutdown owns SIGINT/SIGTERM: rooms' onBeforeShutdown, then exit 0.
    gracefullyShutdown: opts.handleSignals ?? true,
    // The lobby is there from the start and stays (GuardedLobbyRoom), so `join("lobby")`
    // works on a fresh server, not only `joinOrCreate`. Before accept(): made here, locally.
    beforeListen: async () => {
      await matchMaker.onReady;
      await matchMaker.createRoom(LOBBY_ROOM_NAME, {});
    },
    // Its own http.Server: the slow-client timeouts must be set before listen (server/http).
    transport: new WebSocketTransport({ maxPayload: MAX_PAYLOAD_BYTES, server: createHttpServer() }),
    rooms: {
      [ROOM_NAME]: defineRoom(ArenaRoom, arenaOptions).enableRealtimeListing(),
      [LOBBY_ROOM_NAME]: defineRoom(GuardedLobbyRoom),
    },
    express: (app) => {
      app.disable("x-powered-by"); // names the framework to scanners, tells players nothing
      const load = async () => {
        const listed = await matchMaker.query({ processId: matchMaker.processId });
        const arenas = listed.filter((r) => r.name === ROOM_NAME);
        const live = arenas.map((r) => matchMaker.getLocalRoomById(r.roomId)).filter((r): r is ArenaRoom => r instanceof ArenaRoom);
        return {
          rooms: arenas.length,
          players: arenas.reduce((n, r) => n + r.clients, 0),
          clients: listed.reduce((n, r) => n + r.clients, 0),
          drops: processTally.drops(live.map((r) => ({ ...r.dropped }))),
          bytes: processTally.bytes(),
          refused: httpRefusals.snapshot(),
          incidents: { roomErrors: processTally.roomErrors, slowConsumerCloses: processTally.slowConsumerCloses, logLinesSuppressed: sampledLog.suppressed },
        };
      };
      app.get("/healthz", async (_req, res) => {
        const { rooms, players, clients } = await load();
        // Right after its event loop stalled, a process says it is unwell so balancers back off.
        const stalledMs = Math.round(loopHeartbeat.recentStallMs());
        const ok = stalledMs === 0;
        res.status(ok ? 200 : 503).json({ ok, processId: matchMaker.processId, rooms, players, clients, uptimeSeconds: Math.round(process.uptime()), version: VERSION, ...(ok ? {} : { stalledMs }) });
      });
      app.get("/metrics", metricsGuard(config.metricsAllow), async (_req, res) => {
        res.type("text/plain; version=0.0.4").send(renderMetrics(tickStats, await load()));
      });
      if (config.monitorPassword) app.use("/monitor", basicAuth(MONITOR_USER, config.monitorPassword), monitor());
      if (existsSync(path.join(CLIENT_DIR, "index.html"))) {
        app.use(clientFiles(CLIENT_DIR));
      } else {
        app.get("/", (_req, res) => {
          res.status(503).type("text").send("The client is not built. Run `npm run build` (npm start does it for you).\n");
        });
      }
    },
  });
}
