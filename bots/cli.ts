/**
 * `npm run bots -- [options]`: headless players against a Tickfire server. See --help.
 * Exit codes: 0 done (also after Ctrl-C), 1 the server cannot be reached, no bot joined, or
 * every bot lost its connection, 2 bad usage.
 */
import { describeLab, startLatencyProxy } from "../lab/latency-proxy.ts";
import { parseTarget } from "../lab/options.ts";
import { commandLine } from "../shared/cli.ts";
import { BOTS_CLI, parseSdkBotArgs } from "./options.ts";
import { PROGRESS_MS, probeServer, startBots } from "./run.ts";
import { formatProgress, formatSummary } from "./stats.ts";

/** progress ticks between plain lines when the output is not a terminal (every ~2 s). */
const PLAIN_EVERY_TICKS = Math.round(2000 / PROGRESS_MS);

export async function main(argv: string[]): Promise<number> {
  const options = commandLine("bots", BOTS_CLI, () => parseSdkBotArgs(argv), console);
  if (typeof options === "number") return options;
  const unreachable = await probeServer(options.url);
  if (unreachable) {
    console.error(`bots: ${unreachable}`);
    return 1;
  }

  // --latency/--jitter/--bandwidth: one latency lab proxy in this thread, the bots behind it
  const labSettings = options.lab;
  const lab = labSettings && (await startLatencyProxy({ ...labSettings, target: parseTarget(options.url, "--url"), seed: options.seed }));

  // With --json, stdout carries the summary object alone; progress goes to stderr.
  const out = options.json ? process.stderr : process.stdout;
  const tty = out.isTTY === true;
  let ticks = 0;
  let drawn = false;
  const run = startBots(lab ? { ...options, url: lab.url } : options, {
    onProgress(p) {
      const line = formatProgress(p);
      if (tty) {
        const width = out.columns ?? 0;
        out.write(`\r${width > 1 ? line.slice(0, width - 1) : line}\x1b[K`);
        drawn = true;
      } else if (ticks++ % PLAIN_EVERY_TICKS === 0) out.write(`${line}\n`);
    },
  });

  let signals = 0;
  const onSignal = (sig: NodeJS.Signals) => {
    if (++signals > 1) {
      console.error(`\nbots: second ${sig}, quitting without waiting for the bots to leave`);
      process.exit(130);
    }
    if (tty) out.write(`\r\x1b[Kbots: ${sig}: leaving the rooms...\n`);
    void run.stop("signal");
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  const summary = { ...(await run.done), url: options.url };
  await lab?.close();
  if (tty && drawn) out.write("\r\x1b[K");
  const labReport = labSettings && lab ? { ...labSettings, proxy: lab.url } : null;
  if (options.json) process.stdout.write(`${JSON.stringify({ ...summary, lab: labReport })}\n`);
  else console.log(formatSummary(summary) + (labReport ? `\n  lab      ${describeLab(labReport)}, through the proxy ${labReport.proxy}` : ""));
  if (summary.bots.joined === 0) {
    const why = summary.notes[0]?.message ?? "no reason given";
    console.error(`bots: no bot could join (${why})`);
    return 1;
  }
  if (summary.ended === "all bots gone" && summary.bots.disconnected > 0) {
    console.error(`bots: every bot lost its connection: did the server at ${options.url} go away?`);
    return 1;
  }
  return 0;
}

// exit explicitly: the probe's keep-alive socket would hold the process for seconds
if (import.meta.main) process.exit(await main(process.argv.slice(2)));
