/**
 * The cluster's services: redis-server and nginx, real programs from Debian, started
 * through devkit/process.ts with their output prefixed by a short name.
 */
import { execFile } from "node:child_process";
import { createServer } from "node:net";
import { chmodSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { assertRedisReachable } from "../../server/cluster/redis-check.ts";
import { freePort } from "../../devkit/ports.ts";
import { start, whenReady, type Proc } from "../../devkit/process.ts";

/** Rejects with the bind error's code (EADDRINUSE...) when host:port cannot be bound now. */
export async function assertBindable(host: string, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(port, host.replace(/^\[|\]$/g, ""), () => srv.close(() => resolve()));
  });
}

export async function startRedis(dir: string): Promise<{ url: string; service: Proc }> {
  const port = await freePort();
  const service = start("redis", "redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir]);
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

export function startNginx(dir: string, conf: string): Proc {
  // nginx makes its temp dirs itself, owned by its worker user
  const file = path.join(dir, "nginx.conf");
  writeFileSync(file, conf);
  // -e: errors before the config is read go to stderr, not /var/log/nginx
  return start("nginx", "nginx", ["-p", dir, "-c", file, "-e", "stderr", "-g", "daemon off;"], { echo: true });
}
