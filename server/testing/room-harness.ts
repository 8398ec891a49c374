/**
 * Boots the real game server on a free loopback port for room tests, with an SDK client
 * pointed at it (@colyseus/testing's ColyseusTestServer), and devkit's until at a room
 * test's pace.
 */
import { ColyseusTestServer } from "@colyseus/testing";
import { createGameServer, type GameConfig, type GameServerOptions } from "../app.ts";
import { freePort } from "../../devkit/ports.ts";
import { until as untilDeadline, type Check } from "../../devkit/wait.ts";

/** No server bots unless a test asks for them: most room tests count the players they seat. */
export const FAST_RULES: GameConfig = { tickHz: 30, roundSeconds: 60, killLimit: 15, resultsSeconds: 2, maxPlayers: 16, fillTo: 0 };

export async function bootGame(config: Partial<GameConfig> = {}, opts: GameServerOptions = {}): Promise<ColyseusTestServer> {
  const server = createGameServer({ ...FAST_RULES, ...config }, { seed: 7, handleSignals: false, ...opts });
  const port = await freePort();
  await server.listen(port, "127.0.0.1");
  return new ColyseusTestServer(server);
}

/** ms between checks: a room test times state changes a step (33 ms) apart. */
const ROOM_POLL_MS = 10;

/** devkit's until, polled every 10 ms, 5 s by default. */
export function until<T>(what: string, check: Check<T>, timeoutMs = 5000): Promise<T> {
  return untilDeadline(what, check, timeoutMs, ROOM_POLL_MS);
}
