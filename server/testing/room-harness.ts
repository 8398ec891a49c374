/**
 * Boots the real game server on a free loopback port for room tests, with an SDK client
 * pointed at it (@colyseus/testing's ColyseusTestServer), and polling helpers.
 */
import { ColyseusTestServer } from "@colyseus/testing";
import { createGameServer, type GameConfig } from "../app.ts";
import { freePort } from "./free-port.ts";

export const FAST_RULES: GameConfig = { tickHz: 30, roundSeconds: 60, killLimit: 15, resultsSeconds: 2, maxPlayers: 16 };

export async function bootGame(config: Partial<GameConfig> = {}): Promise<ColyseusTestServer> {
  const server = createGameServer({ ...FAST_RULES, ...config }, { seed: 7, handleSignals: false });
  const port = await freePort();
  await server.listen(port, "127.0.0.1");
  return new ColyseusTestServer(server);
}

/** Polls `check` every 10 ms until it returns a truthy value, or fails after `timeoutMs`. */
export async function until<T>(what: string, check: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
