/**
 * `npm run lab -- [options]`: the latency lab in front of a running game server. See --help
 * and lab/README.md. Exit codes: 0 done (also after Ctrl-C), 1 the target cannot be reached
 * or the proxy cannot listen, 2 bad usage.
 */
import { formatBytes } from "../bots/stats.ts";
import { describeLab, probeTcp, startLatencyProxy, type LatencyProxy, type LatencyProxyStats } from "./latency-proxy.ts";
import { commandLine } from "../shared/cli.ts";
import { LAB_CLI, parseLabArgs } from "./options.ts";

/** ms between stats lines. */
const STATS_EVERY_MS = 5000;

export async function main(argv: string[]): Promise<number> {
  const options = commandLine("lab", LAB_CLI, () => parseLabArgs(argv), console);
  if (typeof options === "number") return options;
  const { target } = options;
  // Refuse to start in front of nothing: a dead target would look like a hung game.
  const unreachable = await probeTcp(target.host, target.port);
  if (unreachable) {
    console.error(`lab: cannot reach the game server at ${options.targetUrl} (${unreachable}); start it with npm start`);
    return 1;
  }

  let proxy: LatencyProxy;
  try {
    proxy = await startLatencyProxy({ ...options, listenHost: options.host, listenPort: options.port });
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why = err.code === "EADDRINUSE" ? "the port is already in use; pick another with --port" : (err.code ?? err.message);
    console.error(`lab: cannot listen on ${options.host}:${options.port} (${why})`);
    return 1;
  }
  console.log(`lab: open ${proxy.url}/ (proxy to ${options.targetUrl}: ${describeLab(options)}, seed ${options.seed})`);

  let prev = proxy.stats();
  const ticker = setInterval(() => {
    const now = proxy.stats();
    console.log(formatStats(now, prev, STATS_EVERY_MS / 1000));
    prev = now;
  }, STATS_EVERY_MS);

  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  clearInterval(ticker);
  await proxy.close();
  console.log(`lab: stopped (${proxy.stats().connections.total} connections in all)`);
  return 0;
}

export function formatStats(now: LatencyProxyStats, prev: LatencyProxyStats, seconds: number): string {
  const rate = (k: "up" | "down") => formatBytes((now.bytes[k] - prev.bytes[k]) / seconds);
  return (
    `lab: connections ${now.connections.open} open, ${now.connections.total} in all | ` +
    `up ${formatBytes(now.bytes.up)} (${rate("up")}/s) down ${formatBytes(now.bytes.down)} (${rate("down")}/s) | ` +
    `queued ${formatBytes(now.queuedBytes)}`
  );
}

if (import.meta.main) process.exit(await main(process.argv.slice(2)));
