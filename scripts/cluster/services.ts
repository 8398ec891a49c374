/**
 * The cluster's children: redis-server, the Tickfire processes, nginx. Each is a real
 * program from Debian or this repo, started with its output prefixed by a short name.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { chmodSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { assertRedisReachable } from "../../server/cluster/redis-check.ts";
import { freePort } from "../../server/testing/free-port.ts";

export interface Service {
  name: string;
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function launch(name: string, command: string, args: string[], opts: { cwd?: string; quiet?: boolean; env?: NodeJS.ProcessEnv } = {}): Service {
  const child = spawn(command, args, { cwd: opts.cwd, stdio: ["ignore", "pipe", "pipe"], env: { ...(opts.env ?? process.env) } });
  const prefix = (stream: NodeJS.WritableStream) => (chunk: Buffer) => {
    if (opts.quiet) return;
    for (const line of chunk.toString().split("\n")) if (line.trim()) stream.write(`[${name}] ${line}\n`);
  };
  child.stdout!.on("data", prefix(process.stdout));
  child.stderr!.on("data", prefix(process.stderr));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on("exit", (code, signal) => resolve({ code, signal }));
    child.on("error", () => resolve({ code: 127, signal: null }));
  });
  return { name, child, exited };
}

/** Resolves once `check` passes, or rejects with `what` when the service exits or time runs out. */
export async function whenReady(service: Service, what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  let gone: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  void service.exited.then((e) => (gone = e));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (gone) throw new Error(`${service.name} exited (${gone.signal ?? `code ${gone.code}`}) before ${what}`);
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`${service.name}: no ${what} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Sends `signal`, then SIGKILL if the service has not exited within `graceMs`. */
export async function stop(service: Service, signal: NodeJS.Signals, graceMs: number): Promise<void> {
  if (service.child.exitCode !== null || service.child.signalCode !== null) return;
  service.child.kill(signal);
  const timer = setTimeout(() => service.child.kill("SIGKILL"), graceMs);
  await service.exited;
  clearTimeout(timer);
}

/** Rejects with the bind error's code (EADDRINUSE...) when host:port cannot be bound now. */
export async function assertBindable(host: string, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(port, host.replace(/^\[|\]$/g, ""), () => srv.close(() => resolve()));
  });
}

export async function startRedis(dir: string): Promise<{ url: string; service: Service }> {
  const port = await freePort();
  const service = launch("redis", "redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], { quiet: true });
  const url = `redis://127.0.0.1:${port}`;
  await whenReady(service, "an answer to PING", () => assertRedisReachable(url, 500).then(() => true), 10_000);
  return { url, service };
}

/** A self-signed certificate for localhost and 127.0.0.1, valid for 30 days. */
export async function makeCertificate(dir: string): Promise<{ cert: string; key: string }> {
  const cert = path.join(dir, "cert.pem");
  const key = path.join(dir, "key.pem");
  await promisify(execFile)("openssl", [
    "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "30",
    "-keyout", key, "-out", cert,
    "-subj", "/CN=localhost",
    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
  ]);
  chmodSync(key, 0o600); // nginx's master reads it as the starting user
  return { cert, key };
}

export function startNginx(dir: string, conf: string): Service {
  // nginx makes its temp dirs itself, owned by its worker user
  const file = path.join(dir, "nginx.conf");
  writeFileSync(file, conf);
  // -e: errors before the config is read go to stderr, not /var/log/nginx
  return launch("nginx", "nginx", ["-p", dir, "-c", file, "-e", "stderr", "-g", "daemon off;"]);
}
