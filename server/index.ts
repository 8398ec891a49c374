/**
 * Process entry for the dedicated server. Exit codes: 0 clean exit (also after
 * SIGINT/SIGTERM), 1 the environment failed (port taken, ...), 2 bad usage or config.
 */
import { SERVER_CLI, parseConfig, type ServerConfig } from "./config.ts";
import { commandLine } from "../shared/cli.ts";
import { createGameServer } from "./app.ts";
import { processTally } from "./game/process-tally.ts";
import { MONITOR_USER } from "./monitor-auth.ts";
import { matchMaker } from "@colyseus/core";
import { DEAD_PROCESS_SWEEP_MS } from "../shared/constants.ts";
import { assertRedisReachable, redact } from "./cluster/redis-check.ts";
import { publishLoad } from "./cluster/load-board.ts";
import { ProcessCaps } from "./cluster/process-caps.ts";
import { startDeadProcessSweep } from "./cluster/dead-process-sweep.ts";
import { installTestHooks, loopHeartbeat } from "./watchdog.ts";
import { installFrontGate } from "./http/front-gate.ts";
import { startBacklogSweep } from "./game/backlog-sweep.ts";
import type { WebSocketServer } from "ws";

export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  const config = commandLine("tickfire", SERVER_CLI, () => parseConfig(argv, process.env), console);
  if (config === 0) return;
  if (typeof config === "number") process.exit(config);
  installTestHooks();
  if (config.redisUrl) {
    try {
      await assertRedisReachable(config.redisUrl);
    } catch (e) {
      console.error(`tickfire: ${(e as Error).message}`);
      process.exit(1);
    }
  }
  const caps = new ProcessCaps(config);
  const server = createGameServer(config, { caps });
  try {
    await listen(server, config.port, config.host);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === "EADDRINUSE") console.error(`tickfire: port ${config.port} is already in use on ${config.host}; stop the other process or pick another with --port / PORT.`);
    else if (err.code === "EACCES") console.error(`tickfire: no permission to bind ${config.host}:${config.port}; use a port above 1023.`);
    else if (err.code === "EADDRNOTAVAIL") console.error(`tickfire: cannot bind ${config.host}:${config.port}: that address is not on this machine.`);
    else console.error(`tickfire: could not listen on ${config.host}:${config.port}: ${err.message}`);
    process.exit(1);
  }
  // Connections made before this line: none, the bind just happened.
  if (server.transport.server) processTally.watch(server.transport.server);
  // Only now: Colyseus prepends its /matchmake listener at listen, and the gate goes before it.
  if (server.transport.server) installFrontGate(server.transport.server, config);
  loopHeartbeat.start().armWatchdog(config.watchdogSeconds);
  // `wss` is the transport's own WebSocketServer (protected in its typings, public in JS).
  const stopBacklogSweep = startBacklogSweep((server.transport as unknown as { wss: WebSocketServer }).wss);
  server.onBeforeShutdown(() => stopBacklogSweep());
  const shown = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
  const address = server.transport.server?.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  if (config.redisUrl) joinCluster(server, config, caps);
  console.log(`Tickfire is running. Open http://${shown}:${port}/ in two browser tabs to play.`);
  console.log(
    config.monitorPassword
      ? `Monitor: http://${shown}:${port}/monitor (user ${MONITOR_USER}, password from MONITOR_PASSWORD).`
      : "Monitor: off (set MONITOR_PASSWORD to serve @colyseus/monitor at /monitor behind basic auth).",
  );
  console.log(
    config.fillTo > 0
      ? `Server bots: rooms with players are filled to ${config.fillTo} with ${config.botSkill} bots (--fill-to 0 turns them off).`
      : "Server bots: off (--fill-to 0).",
  );
}

/** Shares this process's load for room placement and watches for dead peers. */
function joinCluster(server: ReturnType<typeof createGameServer>, config: Pick<ServerConfig, "redisUrl" | "publicAddress">, caps: ProcessCaps): void {
  const stopPublishing = publishLoad(matchMaker.presence, caps);
  const stopSweeping = startDeadProcessSweep(DEAD_PROCESS_SWEEP_MS, ({ processId, rooms }) =>
    console.log(`Cluster: process ${processId} stopped answering; its ${rooms} room(s) left the room list.`),
  );
  server.onBeforeShutdown(async () => {
    stopSweeping();
    await stopPublishing();
  });
  console.log(`Cluster: process ${matchMaker.processId} on Redis ${redact(config.redisUrl!)}, clients reach it at ${config.publicAddress ?? "the address they matchmade on"}.`);
}

/**
 * Colyseus' listen() never settles when the bind fails (Node calls the listen callback
 * only on success) and the transport prints the error with a stack. Take over the
 * server's "error" event for the bind, so a bind error is one clean rejection.
 */
async function listen(server: ReturnType<typeof createGameServer>, port: number, host: string): Promise<void> {
  const http = server.transport.server;
  if (!http) return void (await server.listen(port, host));
  const printers = http.listeners("error");
  http.removeAllListeners("error");
  const bindFailed = new Promise<never>((_, reject) => http.once("error", reject));
  await Promise.race([server.listen(port, host), bindFailed]);
  for (const printer of printers) http.on("error", printer as (err: Error) => void);
}

if (import.meta.main) await main();
