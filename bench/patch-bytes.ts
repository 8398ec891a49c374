/**
 * Downstream bytes per client, measured at an observer client's socket, with 1 and with 15
 * other players moving. Boots the real game server in-process on a free loopback port;
 * bots walk back and forth for a few seconds while the observer counts every byte it gets.
 * Writes bench/results/patch-bytes.json.  Run: npm run bench:patch
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// First: the meter wraps globalThis.WebSocket, which the SDK (imported below) captures.
import { socketTally } from "../devkit/wire-meter-install.ts";

const { Client } = await import("@colyseus/sdk");
const { createGameServer } = await import("../server/app.ts");
const { InputCommand } = await import("../shared/schema.ts");
const { TICK_HZ } = await import("../shared/constants.ts");

const SECONDS = 5;
const server = createGameServer(
  { tickHz: TICK_HZ, roundSeconds: 600, killLimit: 99, resultsSeconds: 8, maxPlayers: 16, fillTo: 0 },
  { seed: 1, handleSignals: false },
);
await server.listen(0, "127.0.0.1");
const address = server.transport.server!.address();
const port = typeof address === "object" && address ? address.port : 0;
const url = `http://127.0.0.1:${port}`;

/** One room: `movers` players walking back and forth, one observer counting what it receives. */
async function scenario(movers: number) {
  const first = await new Client(url).create("arena", { name: "mover-0" });
  const walkers = [first];
  for (let i = 1; i < movers; i++) walkers.push(await new Client(url).joinById(first.roomId, { name: `mover-${i}` }));
  for (const w of walkers) w.onMessage("chat", () => {});
  const observer = await new Client(url).joinById(first.roomId, { name: "observer" });
  observer.onMessage("chat", () => {});
  const socket = (observer.connection.transport as unknown as { ws: object }).ws;
  const tally = socketTally(socket);
  if (!tally) throw new Error("could not find the observer's socket to count bytes on");
  const inputs = walkers.map((w) => w.input({ type: InputCommand, mode: "reliable" }));
  // let joins and spawns settle out of the count
  await new Promise((r) => setTimeout(r, 500));
  const before = { ...tally };
  const started = performance.now();
  let t = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      inputs.forEach((input, i) => {
        // walk one way for a second, then back: always moving, never stuck on a wall for long
        const dir = (Math.floor(t / TICK_HZ) + i) % 2 === 0 ? 1 : -1;
        input.data.moveX = i % 2 === 0 ? dir : 0;
        input.data.moveY = i % 2 === 0 ? 0 : dir;
        input.send();
      });
      if (++t >= SECONDS * TICK_HZ) {
        clearInterval(timer);
        resolve();
      }
    }, 1000 / TICK_HZ);
  });
  const elapsed = (performance.now() - started) / 1000;
  const bytes = tally.down - before.down;
  const frames = tally.messagesDown - before.messagesDown;
  for (const r of [...walkers, observer]) await r.leave();
  return {
    movingPlayers: movers,
    seconds: Number(elapsed.toFixed(2)),
    bytesPerSecond: Math.round(bytes / elapsed),
    framesPerSecond: Number((frames / elapsed).toFixed(1)),
    bytesPerFrame: Number((bytes / frames).toFixed(1)),
  };
}

const result = {
  measured: new Date().toISOString(),
  what: "WebSocket payload bytes the server sent one observer while other players moved continuously",
  tickHz: TICK_HZ,
  scenarios: [await scenario(1), await scenario(15)],
  note: "payload only: no TCP/IP or WebSocket frame headers",
};
console.log(JSON.stringify(result, null, 2));
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), "results", "patch-bytes.json");
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(result, null, 2) + "\n");
await server.gracefullyShutdown(false);
process.exit(0);
