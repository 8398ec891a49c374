import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { LobbyRoom, defineRoom, defineServer, matchMaker, type Server } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import express from "express";
import { LOBBY_ROOM_NAME, MAX_PAYLOAD_BYTES, ROOM_NAME } from "../shared/constants.ts";
import type { ServerConfig } from "./config.ts";
import { renderMetrics, tickStats } from "./metrics.ts";
import { ArenaRoom, type ArenaRoomOptions } from "./rooms/ArenaRoom.ts";

export const CLIENT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../dist");

export type GameConfig = Omit<ServerConfig, "port" | "host" | "ticksPerPatch" | "maxRewindMs"> & { ticksPerPatch?: number; maxRewindMs?: number };

/** Builds (but does not start) the game server: the arena and lobby rooms, the static client, /healthz. */
export function createGameServer(
  config: GameConfig,
  opts: { seed?: number; greet?: boolean; handleSignals?: boolean } = {},
): Server {
  const arenaOptions: ArenaRoomOptions = {
    rules: {
      tickHz: config.tickHz,
      roundSeconds: config.roundSeconds,
      killLimit: config.killLimit,
      resultsSeconds: config.resultsSeconds,
    },
    maxPlayers: config.maxPlayers,
    ticksPerPatch: config.ticksPerPatch,
    maxRewindMs: config.maxRewindMs,
    seed: opts.seed,
  };
  return defineServer({
    greet: opts.greet ?? false,
    // Colyseus' graceful shutdown owns SIGINT/SIGTERM: rooms' onBeforeShutdown, then exit 0.
    gracefullyShutdown: opts.handleSignals ?? true,
    transport: new WebSocketTransport({ maxPayload: MAX_PAYLOAD_BYTES }),
    rooms: {
      [ROOM_NAME]: defineRoom(ArenaRoom, arenaOptions).enableRealtimeListing(),
      [LOBBY_ROOM_NAME]: defineRoom(LobbyRoom),
    },
    express: (app) => {
      const load = async () => {
        const rooms = await matchMaker.query({ name: ROOM_NAME, processId: matchMaker.processId });
        return { rooms: rooms.length, players: rooms.reduce((n, r) => n + r.clients, 0) };
      };
      app.get("/healthz", async (_req, res) => {
        res.json({ ok: true, ...(await load()) });
      });
      app.get("/metrics", async (_req, res) => {
        res.type("text/plain; version=0.0.4").send(renderMetrics(tickStats, await load()));
      });
      if (existsSync(path.join(CLIENT_DIR, "index.html"))) {
        app.use(express.static(CLIENT_DIR));
      } else {
        app.get("/", (_req, res) => {
          res.status(503).type("text").send("The client is not built. Run `npm run build` (npm start does it for you).\n");
        });
      }
    },
  });
}
