/**
 * b. Slow readers: players that stop reading their socket but keep it alive and keep
 * sending. Whatever the server sends them piles up in its memory unless something bounds
 * it: the reply to an unknown message type once echoed the type back (its size the
 * sender's choice), so each 12 KB frame bought 12 KB of server memory, for ever.
 *
 * The attackers answer the server's heartbeat with unsolicited pongs (RFC 6455 allows
 * them), so only a backlog bound can end them. The kernel buffers a few MB of each stalled
 * loopback socket before the server's own backlog starts to grow; that is allowed for.
 */
import { MAX_PAYLOAD_BYTES, MAX_SEND_BACKLOG_BYTES, TICK_HZ, UNKNOWN_REPLY_EVERY_MS, maxMessagesPerSecond } from "../shared/constants.ts";
import { CloseCode, UNKNOWN_MESSAGE_LINE } from "../shared/messages.ts";
import { HEALTHZ_MAX_MS, RSS_GROWTH_MAX_MB, healthzMs, rssMb, watchRss } from "./health.ts";
import { pause, pollUntil, tally, type Attack, type Outcome } from "./kit.ts";
import { request, joinMany, type RawSeat } from "./seat.ts";
import { unknownTypeFrame } from "./wire.ts";

const SEATS = 14;
/** ms the attackers stay stalled (unless the server closes them all sooner). */
const STALL_MS = 20_000;
/** frames / s each attacker sends: well under the frame budget, so no rate limit applies. */
const FRAMES_PER_SECOND = Math.floor(maxMessagesPerSecond(TICK_HZ) * 0.6);
/** bytes of the unknown type's name: as big as a frame allows, to make an echo costly. */
const TYPE_BYTES = MAX_PAYLOAD_BYTES - 4 * 1024;
/**
 * bytes. What the kernel may hold of one stalled loopback socket (the reader's receive
 * buffer plus the writer's send buffer): measured 3.8 MB on Linux defaults; 8 MB leaves
 * room. A stalled attacker that was owed more than this plus the backlog bound, and was
 * never closed, shows the server kept buffering for it.
 */
export const KERNEL_SLACK_BYTES = 8 * 1024 * 1024;

interface SeatReport {
  closedWith: number | null;
  reason: string;
  drainedBytes: number;
  unknownReplies: number;
  /** replies that were not the fixed short line (an echo of the type, say). */
  unfixedReplies: number;
}

/** The slow-consumer close counter from /metrics, if the server has one. */
async function slowConsumerCloses(base: URL): Promise<number | null> {
  const answer = await request(base, "GET", "/metrics", null, { timeoutMs: 2000 });
  const m = answer.status === 200 ? /^tickfire_slow_consumer\w*\s+(\d+)$/m.exec(answer.body) : null;
  return m ? Number(m[1]) : null;
}

function report(seat: RawSeat, bytesBefore: number): SeatReport {
  let unknownReplies = 0;
  let unfixedReplies = 0;
  for (const { size, head } of seat.data) {
    if (!head.includes("Unknown message type")) continue;
    unknownReplies++;
    // the fixed line inside a small chat frame; anything bigger carries the sender's bytes
    if (!head.includes(UNKNOWN_MESSAGE_LINE) || size > UNKNOWN_MESSAGE_LINE.length + 64) unfixedReplies++;
  }
  return { closedWith: seat.closed?.code ?? null, reason: seat.closed?.reason ?? "", drainedBytes: seat.bytesIn - bytesBefore, unknownReplies, unfixedReplies };
}

export const slowReaders: Attack = {
  name: "slow-reader",
  expect: `${SEATS} stalled readers sending unknown types: RSS grows < ${RSS_GROWTH_MAX_MB} MB; unknown types get the fixed line at most once per ${UNKNOWN_REPLY_EVERY_MS} ms; an attacker owed over ${MAX_SEND_BACKLOG_BYTES / 1024} KB is closed with ${CloseCode.slowConsumer} (slowConsumer)`,
  async run(ctx): Promise<Outcome> {
    const problems: string[] = [];
    const { seats, problems: joinProblems } = await joinMany(ctx.base, SEATS, (i) => ctx.source(i));
    problems.push(...joinProblems.map((p) => `join: ${p}`));
    if (seats.length === 0) return { sent: "nothing: no seat joined", closedWith: "-", pass: false, problems, measured: {} };
    await pause(300); // let the join's full state arrive before reading stops
    const before = seats.map((s) => s.bytesIn);
    for (const s of seats) s.data.length = 0;
    const rssBefore = await rssMb(ctx.base);
    const closesBefore = await slowConsumerCloses(ctx.base);
    const rss = watchRss(ctx.base);
    for (const s of seats) s.pauseReading();

    const start = performance.now();
    let frames = 0;
    const type = (i: number) => `no-such-type-${i}-`.padEnd(TYPE_BYTES, "x");
    const pongs = setInterval(() => seats.forEach((s) => s.heartbeat()), 1000);
    let worstHealthz = 0;
    const healthzDuring = (async () => {
      await pause(STALL_MS / 2);
      const hz = await healthzMs(ctx.base);
      worstHealthz = hz.ms ?? Infinity;
    })();
    try {
      const everyMs = 1000 / FRAMES_PER_SECOND;
      while (performance.now() - start < STALL_MS && seats.some((s) => s.open)) {
        const tickStart = performance.now();
        for (const [i, s] of seats.entries()) if (s.send(unknownTypeFrame(type(i)))) frames++;
        // the server closing them all ends the stall early: read its close frames in time
        if (closesBefore !== null && frames % (FRAMES_PER_SECOND * SEATS) < SEATS) {
          const closes = await slowConsumerCloses(ctx.base);
          if (closes !== null && closes - closesBefore >= seats.length) break;
        }
        await pause(Math.max(0, everyMs - (performance.now() - tickStart)));
      }
    } finally {
      clearInterval(pongs);
    }
    const stalledMs = performance.now() - start;
    // Read again: the server's close frame, if it sent one, waits behind the backlog.
    for (const s of seats) s.resumeReading();
    await pollUntil(() => seats.every((s) => !s.open), 3000);
    await healthzDuring;
    const rssPeak = await rss.stop();
    const reports = seats.map((s, i) => report(s, before[i]!));
    for (const s of seats) s.kill();

    const replyBound = Math.floor(stalledMs / UNKNOWN_REPLY_EVERY_MS) + 1;
    const growth = rssPeak !== null && rssBefore !== null ? rssPeak - rssBefore : null;
    if (growth !== null && growth >= RSS_GROWTH_MAX_MB) problems.push(`RSS grew ${Math.round(growth)} MB`);
    if (worstHealthz > HEALTHZ_MAX_MS) problems.push(`/healthz during the stall: ${Number.isFinite(worstHealthz) ? `${Math.round(worstHealthz)} ms` : "no answer"}`);
    const unfixed = reports.reduce((n, r) => n + r.unfixedReplies, 0);
    if (unfixed > 0) problems.push(`${unfixed} replies to unknown types were not the fixed line`);
    const chatty = reports.filter((r) => r.unknownReplies > replyBound).length;
    if (chatty > 0) problems.push(`${chatty} attackers got more than ${replyBound} unknown-type replies`);
    const wrongClose = reports.filter((r) => r.closedWith !== null && r.closedWith !== CloseCode.slowConsumer);
    if (wrongClose.length > 0) problems.push(`closed with ${tally(wrongClose.map((r) => r.closedWith!))}, not ${CloseCode.slowConsumer}`);
    const overOwed = reports.filter((r) => r.closedWith === null && r.drainedBytes > MAX_SEND_BACKLOG_BYTES + KERNEL_SLACK_BYTES);
    if (overOwed.length > 0) problems.push(`${overOwed.length} attackers were owed over ${((MAX_SEND_BACKLOG_BYTES + KERNEL_SLACK_BYTES) / 2 ** 20).toFixed(1)} MB and never closed`);

    const drained = reports.map((r) => r.drainedBytes);
    return {
      sent: `${SEATS} stalled sockets, ${frames} unknown types of ${Math.round(TYPE_BYTES / 1024)} KB in ${(stalledMs / 1000).toFixed(1)} s`,
      closedWith: tally(reports.map((r) => r.closedWith ?? "still open")),
      pass: problems.length === 0,
      problems,
      measured: {
        seats: seats.length,
        frames,
        stalledMs: Math.round(stalledMs),
        rssBeforeMb: rssBefore === null ? null : Math.round(rssBefore),
        rssPeakMb: rssPeak === null ? null : Math.round(rssPeak),
        healthzDuringMs: Number.isFinite(worstHealthz) ? Math.round(worstHealthz) : null,
        maxDrainedKb: Math.round(Math.max(...drained) / 1024),
        minDrainedKb: Math.round(Math.min(...drained) / 1024),
        unknownRepliesMax: Math.max(...reports.map((r) => r.unknownReplies)),
        replyBound,
        closes: tally(reports.map((r) => r.closedWith ?? "open")),
      },
    };
  },
};
