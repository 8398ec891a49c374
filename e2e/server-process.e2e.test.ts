import { createServer, type Server } from "node:net";
import { Client } from "@colyseus/sdk";
import { afterEach, describe, expect, it } from "vitest";
import { CloseCode, Msg, type ChatOut } from "../shared/messages.ts";
import { freePort } from "../devkit/ports.ts";
import { httpOk, stop } from "../devkit/process.ts";
import { until } from "../devkit/wait.ts";
import { runServer, type RunningProcess } from "./helpers/process.ts";

const started: RunningProcess[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((p) => stop(p)));
});

function server(args: string[], env: Record<string, string> = {}) {
  const p = runServer(args, env);
  started.push(p);
  return p;
}

describe("the server process", () => {
  it("prints the URL, serves /healthz, and on SIGTERM tells clients why and exits 0", async () => {
    const port = await freePort();
    const p = server(["--port", String(port), "--host", "127.0.0.1"]);
    await until("listening", () => p.output().includes(`http://127.0.0.1:${port}/`));
    expect(await httpOk(`http://127.0.0.1:${port}/healthz`)).toBe(true);
    expect(p.output()).toContain("Monitor: off (set MONITOR_PASSWORD");
    expect((await fetch(`http://127.0.0.1:${port}/monitor/`)).status).toBe(404);

    const room = await new Client(`http://127.0.0.1:${port}`).joinOrCreate("arena", { name: "watcher" });
    const lines: string[] = [];
    room.onMessage(Msg.chat, (m: ChatOut) => lines.push(m.text));
    const closed = new Promise<number>((resolve) => room.onLeave((code) => resolve(code)));
    await until("welcomed", () => lines.some((l) => l.startsWith("Welcome")));
    const metrics = await until("ticks in /metrics", async () => {
      const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      return /^tickfire_ticks_total [1-9]/m.test(text) && text;
    });
    expect(metrics).toMatch(/^tickfire_players 1$/m);
    expect(metrics).toMatch(/^tickfire_clients 1$/m);
    expect(metrics).toMatch(/^tickfire_tick_overruns_total \d+$/m);
    expect(metrics).toMatch(/^tickfire_chat_rate_limited_total 0$/m);
    expect(Number(/^tickfire_bytes_sent_total (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThan(100);
    const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ ok: true, rooms: 1, players: 1, clients: 1, version: "0.1.0" });
    expect(typeof health.uptimeSeconds).toBe("number");
    expect(typeof health.processId).toBe("string");

    process.kill(p.child.pid!, "SIGTERM");
    expect(await closed).toBe(CloseCode.serverShutdown);
    expect(lines).toContain("The server is shutting down.");
    expect(await p.exited).toEqual({ code: 0, signal: null });
  });

  it("with MONITOR_PASSWORD, /monitor is served behind basic auth", async () => {
    const port = await freePort();
    const p = server(["--port", String(port), "--host", "127.0.0.1"], { MONITOR_PASSWORD: "s3cret" });
    await until("listening", () => p.output().includes(`http://127.0.0.1:${port}/monitor`));
    const at = `http://127.0.0.1:${port}/monitor/`;
    const auth = (user: string, pass: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}` });
    expect((await fetch(at)).status).toBe(401);
    expect((await fetch(at, { headers: auth("admin", "wrong") })).status).toBe(401);
    const ok = await fetch(at, { headers: auth("admin", "s3cret") });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toMatch(/<html/i);
  });

  it("a taken port is one clear line and exit 1", async () => {
    const blocker: Server = createServer();
    const port = await freePort();
    await new Promise<void>((r) => blocker.listen(port, "127.0.0.1", () => r()));
    try {
      const p = server(["--port", String(port), "--host", "127.0.0.1"]);
      expect((await p.exited).code).toBe(1);
      const out = p.output().trim();
      expect(out).toContain(`port ${port} is already in use`);
      expect(out.split("\n")).toHaveLength(1);
      expect(out).not.toMatch(/\n\s+at /); // no stack trace
    } finally {
      blocker.close();
    }
  });

  it("an unreachable REDIS_URL is one clear line and exit 1", async () => {
    const port = await freePort(); // nothing listens there
    const p = server(["--port", "0", "--host", "127.0.0.1"], { REDIS_URL: `redis://127.0.0.1:${port}` });
    expect((await p.exited).code).toBe(1);
    const out = p.output().trim();
    expect(out).toBe(`tickfire: cannot reach Redis at redis://127.0.0.1:${port} (ECONNREFUSED); start redis-server or fix --redis-url / REDIS_URL`);
  });

  it("bad usage and bad config values exit 2 naming the problem", async () => {
    const badFlag = server(["--prot", "80"]);
    expect((await badFlag.exited).code).toBe(2);
    expect(badFlag.output()).toMatch(/unknown option --prot/);
    const badEnv = server([], { PORT: "not-a-port" });
    expect((await badEnv.exited).code).toBe(2);
    expect(badEnv.output()).toContain('PORT must be a whole number from 0 to 65535, got "not-a-port"');
    const help = server(["--help"]);
    expect((await help.exited).code).toBe(0);
    expect(help.output()).toContain("--round-seconds");
  });
});
