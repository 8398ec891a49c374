// `npm run dev`: Colyseus server (restarted on change by `node --watch`) plus
// the Vite dev server with HMR for the client. The client connects to the game
// server at http://localhost:SERVER_PORT in dev, so the server port defaults to it.
// Extra args are passed to the server: `npm run dev -- --host 0.0.0.0`.
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { createServer } from "vite";
import { SERVER_NODE_FLAGS } from "../server/node-flags.ts";
import { SERVER_PORT } from "../shared/constants.ts";
import { start, stop } from "../devkit/process.ts";

const root = fileURLToPath(new URL("..", import.meta.url));
const serverPort = process.env.PORT || String(SERVER_PORT);

// process.execPath is the Node 24 running this script (the system `node` may be older).
const server = start("server", process.execPath, [...SERVER_NODE_FLAGS, "--watch", "server/index.ts", ...process.argv.slice(2)], {
  cwd: root,
  inherit: true,
  env: { ...process.env, PORT: serverPort },
});

// The dev client reads this to find the game server (client/net/serverUrl.ts).
process.env.VITE_GAME_PORT = serverPort;
const vite = await createServer({ root, configFile: join(root, "vite.config.ts"), server: { port: 5173 } });
await vite.listen();

console.log(`\ndev: game server  http://localhost:${serverPort}  (node --watch server/index.ts)`);
console.log("dev: client (vite):");
vite.printUrls();

let stopping = false;
async function shutdown(signal: NodeJS.Signals, code = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  await stop(server, { signal, graceMs: 5000 });
  await vite.close();
  process.exit(code);
}

process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
void server.exited.then(({ code, signal }) => {
  if (stopping) return;
  console.error(`dev: game server exited (${signal ?? `code ${code}`}); stopping`);
  void shutdown("SIGTERM", code ?? 1);
});
