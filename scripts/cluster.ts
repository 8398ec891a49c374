/**
 * `npm run cluster -- --procs N`: N Tickfire processes sharing rooms through Redis
 * (Colyseus' RedisPresence and RedisDriver), behind nginx as the one entry on --port.
 * A game process that exits is restarted (cluster/supervisor.ts).
 * Exit codes: 0 after Ctrl-C / SIGTERM, 1 a service failed (port taken, Redis or nginx
 * gone...), 2 bad usage (also a bad server option).
 */
import { chmodSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { assertRedisReachable } from "../server/cluster/redis-check.ts";
import { freePort } from "../devkit/ports.ts";
import { start as launch, stop, whenReady, type Proc } from "../devkit/process.ts";
import { SERVER_NODE_FLAGS } from "../server/node-flags.ts";
import { renderNginxConf, processPath } from "./cluster/nginx-conf.ts";
import { commandLine } from "../shared/cli.ts";
import { CLUSTER_CLI, clusterServerFlags, parseClusterArgs, type ClusterOptions } from "./cluster/options.ts";
import { assertBindable, makeCertificate, startNginx, startRedis } from "./cluster/services.ts";
import { Supervisor, type Slot } from "./cluster/supervisor.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** ms a server process gets to close its rooms after SIGTERM (it promises 5 s) before SIGKILL. */
const SERVER_GRACE_MS = 6000;

class Fatal extends Error {
  readonly code: number;
  constructor(message: string, code = 1) {
    super(message);
    this.code = code;
  }
}

async function main(argv: string[]): Promise<number> {
  const options = commandLine("cluster", CLUSTER_CLI, () => parseClusterArgs(argv, process.env), console);
  if (typeof options === "number") return options;
  const dir = mkdtempSync(path.join(tmpdir(), "tickfire-cluster-"));
  const services: Proc[] = [];
  const slots: Slot[] = [];
  // Set the moment a stop is asked for: Ctrl-C reaches the processes at the same time as
  // this script, and a process that exits on it must not be restarted.
  let stopping = false;
  const supervisor = new Supervisor(slots, { stopping: () => stopping, log: (line) => console.log(`cluster: ${line}`) });
  const shutdown = async () => {
    stopping = true;
    await supervisor.stopAll("SIGTERM", SERVER_GRACE_MS);
    for (const name of ["nginx", "redis"]) {
      const s = services.find((x) => x.name === name);
      if (s) await stop(s, { signal: name === "nginx" ? "SIGQUIT" : "SIGTERM", graceMs: 3000 });
    }
    rmSync(dir, { recursive: true, force: true });
  };
  let signalled: (() => void) | undefined;
  const signal = new Promise<void>((resolve) => (signalled = resolve));
  for (const sig of ["SIGINT", "SIGTERM"] as const)
    process.once(sig, () => {
      stopping = true;
      signalled!();
    });

  try {
    await start(options, dir, services, slots);
  } catch (e) {
    await shutdown();
    const err = e as Fatal;
    console.error(`cluster: ${err.message}`);
    return err.code ?? 1;
  }

  // A game process that exits is started again (supervisor.ts); nginx or Redis exiting ends it all.
  supervisor.watchAll();
  const lost = new Promise<string>((resolve) => {
    for (const s of services) {
      void s.exited.then(({ code, signal: sig }) => {
        if (!stopping) resolve(`${s.name} exited (${sig ?? `code ${code}`})`);
      });
    }
  });
  const outcome = await Promise.race([signal.then(() => null), lost]);
  stopping = true;
  if (outcome) console.error(`cluster: ${outcome}; shutting down.`);
  else console.log("cluster: shutting down ...");
  await shutdown();
  if (!outcome) console.log("cluster: stopped.");
  return outcome ? 1 : 0;
}

async function start(options: ClusterOptions, dir: string, services: Proc[], slots: Slot[]): Promise<void> {
  await assertBindable(options.host, options.port).catch((e: NodeJS.ErrnoException) => {
    throw new Fatal(e.code === "EADDRINUSE" ? `port ${options.port} is already in use on ${options.host}; stop the other process or pick another with --port / PORT.` : `cannot bind ${options.host}:${options.port} (${e.code ?? e.message}).`);
  });

  const build = launch("build", process.execPath, ["scripts/start.ts", "--build-only"], { cwd: ROOT, echo: true });
  const built = await build.exited;
  if (built.code !== 0) throw new Fatal("the client build failed (see above)");

  let redisUrl = options.redisUrl;
  if (redisUrl) {
    await assertRedisReachable(redisUrl).catch((e: Error) => {
      throw new Fatal(e.message);
    });
  } else {
    const redis = await startRedis(dir).catch((e: Error) => {
      throw new Fatal(`could not start redis-server: ${e.message} (install it with bash scripts/system-deps.sh)`);
    });
    services.push(redis.service);
    redisUrl = redis.url;
  }

  const scheme = options.tls ? "https" : "http";
  const ports: number[] = [];
  for (let i = 0; i < options.procs; i++) {
    const port = await freePort();
    ports.push(port);
    const name = `p${i + 1}`;
    const args = [...SERVER_NODE_FLAGS, "server/index.ts", ...options.serverArgs, ...clusterServerFlags(options), "--port", String(port), "--host", "127.0.0.1", "--redis-url", redisUrl, "--public-address", `${options.publicHost}${processPath(i)}`];
    const env = { ...process.env };
    const service = launch(name, process.execPath, args, { cwd: ROOT, env, echo: true });
    slots.push({ name, port, socketsAt: `${scheme}://${options.publicHost}${processPath(i)}/`, command: process.execPath, args, cwd: ROOT, env, service });
  }
  await Promise.all(
    slots.map((s) =>
      whenReady(s.service, "an answer on /healthz", () => fetch(`http://127.0.0.1:${s.port}/healthz`).then((r) => r.ok), 30_000).catch(async (e: Error) => {
        const { code } = await Promise.race([s.service.exited, new Promise<{ code: null }>((r) => setTimeout(() => r({ code: null }), 100))]);
        throw new Fatal(e.message, code === 2 ? 2 : 1);
      }),
    ),
  );

  const tls = options.tls ? await makeCertificate(dir).catch((e: Error) => Promise.reject(new Fatal(`openssl could not make a certificate: ${e.message}`))) : undefined;
  // nginx's workers run as an unprivileged user who may not read this checkout (a clone in a
  // 0700 temp dir, say): serve a copy of the built client from the cluster's own dir.
  const clientDir = path.join(dir, "client");
  cpSync(path.join(ROOT, "dist"), clientDir, { recursive: true });
  chmodSync(dir, 0o755);
  const nginx = startNginx(dir, renderNginxConf({ dir, listen: `${options.host}:${options.port}`, tls, clientDir, mimeTypes: "/etc/nginx/mime.types", ports, adminAllow: options.adminAllow }));
  services.push(nginx);
  const local = `${scheme}://127.0.0.1:${options.port}`;
  if (options.tls) process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"; // our own self-signed certificate, checked on loopback
  await whenReady(nginx, "an answer through nginx", () => fetch(`${local}/healthz`).then((r) => r.ok), 10_000).catch((e: Error) => {
    throw new Fatal(`${e.message} (is nginx installed? bash scripts/system-deps.sh)`);
  });

  for (const s of slots) console.log(`cluster: ${s.name}: pid ${s.service.child.pid}, 127.0.0.1:${s.port}, sockets through ${s.socketsAt}`);
  const admin = ["loopback", ...options.adminAllow].join(", ");
  console.log(`cluster: /metrics, /monitor and /pN/healthz through nginx answer ${admin} only (--admin-allow adds networks); a process that exits is restarted.`);
  console.log(`cluster: Redis ${redisUrl}${options.redisUrl ? "" : " (started for this cluster)"}; nginx config in ${dir}/nginx.conf`);
  if (tls) console.log(`cluster: TLS with a self-signed certificate (${tls.cert}); browsers will ask you to accept it once.`);
  console.log(`Tickfire cluster is running: ${options.procs} processes behind nginx. Open ${scheme}://${options.publicHost}/ to play. Ctrl-C stops it.`);
}

process.exitCode = await main(process.argv.slice(2));
