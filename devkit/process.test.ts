import { describe, expect, it } from "vitest";
import { SERVER_PORT } from "../shared/constants.ts";
import { freePort } from "./ports.ts";
import { isAlive, start, startNode, stop, whenReady } from "./process.ts";
import { until } from "./wait.ts";

const script = (code: string) => ["--input-type=module", "-e", code];

describe("process helpers", () => {
  it("reads lines, waits for one, and stops a child with SIGTERM", async () => {
    const p = startNode("ticker", script("console.log('ready'); setInterval(() => console.log('tick'), 20);"));
    expect(await p.nextLine((l) => l === "ready", 5000)).toBe("ready");
    await p.nextLine((l) => l === "tick", 5000);
    expect(await stop(p)).toEqual({ code: null, signal: "SIGTERM" });
    expect(p.lines[0]).toBe("ready");
    expect(p.output()).toContain("tick");
  });

  it("SIGKILLs a child that ignores the first signal once the grace period is over", async () => {
    const p = startNode("stubborn", script("process.on('SIGTERM', () => {}); console.log('ready'); setInterval(() => {}, 1000);"));
    await p.nextLine((l) => l === "ready", 5000);
    const t0 = performance.now();
    expect(await stop(p, { graceMs: 200 })).toEqual({ code: null, signal: "SIGKILL" });
    expect(performance.now() - t0).toBeGreaterThanOrEqual(190);
    expect(isAlive(p.pid)).toBe(false);
  });

  it("stops a whole process group", async () => {
    // the grandchild prints its pid and would outlive a plain kill of its parent
    const p = start("parent", process.execPath, script("import { spawn } from 'node:child_process'; const c = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' }); console.log(c.pid); setInterval(() => {}, 1000);"), { group: true });
    const grandchild = Number(await p.nextLine((l) => /^\d+$/.test(l), 5000));
    expect(isAlive(grandchild)).toBe(true);
    await stop(p);
    await until("the grandchild to end", () => !isAlive(grandchild), 5000);
  });

  it("whenReady names the process when it exits before it is ready", async () => {
    const p = startNode("quitter", script("process.exit(3);"));
    await expect(whenReady(p, "an answer", async () => false, 5000)).rejects.toThrow("quitter exited (code 3) before an answer");
  });

  it("freePort gives a port that can be bound, never the game's own port", async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    expect(port).not.toBe(SERVER_PORT);
    const p = startNode("listener", script(`import { createServer } from 'node:net'; createServer().listen(${port}, '127.0.0.1', () => console.log('listening'));`));
    expect(await p.nextLine((l) => l === "listening", 5000)).toBe("listening");
    await stop(p);
  });
});
