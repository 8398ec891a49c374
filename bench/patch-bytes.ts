/**
 * Downstream bytes for one moving player, measured at a second (observer) client's socket.
 * Boots the real game server in-process on a free loopback port, one bot walks back and
 * forth for a few seconds, and the observer counts every byte the server sends it.
 * Writes bench/results/patch-bytes.json.  Run: npm run bench:patch
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const received = new WeakMap<object, { bytes: number; frames: number }>();
// The SDK captures globalThis.WebSocket at import, so count before importing it.
const NativeWebSocket = globalThis.WebSocket;
class CountingWebSocket extends NativeWebSocket {
  constructor(url: string | URL, protocols?: string | string[]) {
    super(url, protocols);
    const tally = { bytes: 0, frames: 0 };
    received.set(this, tally);
    this.addEventListener("message", (e: MessageEvent) => {
      const d = e.data as ArrayBuffer | Blob | string;
      tally.bytes += typeof d === "string" ? Buffer.byteLength(d) : d instanceof ArrayBuffer ? d.byteLength : d.size;
      tally.frames += 1;
    });
  }
}
globalThis.WebSocket = CountingWebSocket as typeof WebSocket;

const { Client } = await import("@colyseus/sdk");
const { createGameServer } = await import("../server/app.ts");
const { InputCommand } = await import("../shared/schema.ts");
const { TICK_HZ, PLAYER_RADIUS } = await import("../shared/constants.ts");

const SECONDS = 5;
const server = createGameServer(
  { tickHz: TICK_HZ, roundSeconds: 600, killLimit: 99, resultsSeconds: 8, maxPlayers: 16 },
  { seed: 1, handleSignals: false },
);
await server.listen(0, "127.0.0.1");
const address = server.transport.server!.address();
const port = typeof address === "object" && address ? address.port : 0;
const url = `http://127.0.0.1:${port}`;

const mover = await new Client(url).joinOrCreate("arena", { name: "mover" });
const observer = await new Client(url).joinById(mover.roomId, { name: "observer" });
for (const room of [mover, observer]) room.onMessage("chat", () => {});
const socket = (observer.connection.transport as unknown as { ws: object }).ws;
const tally = received.get(socket);
if (!tally) throw new Error("could not find the observer's socket to count bytes on");

const input = mover.input({ type: InputCommand, mode: "reliable" });
let t = 0;
const before = { ...tally };
const started = performance.now();
await new Promise<void>((resolve) => {
  const timer = setInterval(() => {
    // walk right for a second, then left: a player that is always moving
    input.data.moveX = Math.floor(t / TICK_HZ) % 2 === 0 ? 1 : -1;
    input.data.moveY = 0;
    input.send();
    if (++t >= SECONDS * TICK_HZ) {
      clearInterval(timer);
      resolve();
    }
  }, 1000 / TICK_HZ);
});
const elapsed = (performance.now() - started) / 1000;
const bytes = tally.bytes - before.bytes;
const frames = tally.frames - before.frames;
const result = {
  measured: new Date().toISOString(),
  what: "bytes the server sent an observer while one other player moved continuously",
  tickHz: TICK_HZ,
  seconds: Number(elapsed.toFixed(2)),
  bytesPerSecond: Math.round(bytes / elapsed),
  framesPerSecond: Number((frames / elapsed).toFixed(1)),
  bytesPerFrame: Number((bytes / frames).toFixed(1)),
  note: `PLAYER_RADIUS ${PLAYER_RADIUS}; includes WebSocket payload only (no TCP/IP or WS framing headers)`,
};
console.log(JSON.stringify(result, null, 2));
const out = path.join(path.dirname(fileURLToPath(import.meta.url)), "results", "patch-bytes.json");
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(result, null, 2) + "\n");
await mover.leave();
await observer.leave();
await server.gracefullyShutdown(false);
process.exit(0);
