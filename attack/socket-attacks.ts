/**
 * Attacks over a joined room socket: frames an honest SDK never sends (a, g, h) and the
 * budgets of frames and inputs (c). Each joins like a player first, because these are the
 * frames that reach room code; the HTTP attacks are in http-attacks.ts.
 */
import { MALFORMED_FRAMES_TO_CLOSE, MAX_PAYLOAD_BYTES, RATE_STRIKES_TO_CLOSE, TICK_HZ, maxMessagesPerSecond } from "../shared/constants.ts";
import { CloseCode } from "../shared/messages.ts";
import { HEALTHZ_MAX_MS, MIN_PATCHES_PER_SECOND, freshPlayerPatchRate, healthzMs } from "./health.ts";
import { pause, tally, type Attack, type AttackContext, type Outcome } from "./kit.ts";
import { RawSeat, joinRaw, matchmake, roomSocketUrl } from "./seat.ts";
import { HANG_FRAMES, frameOfSize, honestInputFrame, prng, randomFrame, slotFloodFrame } from "./wire.ts";

/** ms an attacker waits for the server to close it once it has sent enough to be closed. */
const CLOSE_WAIT_MS = 3000;
/** frames of each malformed kind sent: the bound, and a few more to see nothing changes. */
const MALFORMED_TO_SEND = MALFORMED_FRAMES_TO_CLOSE + 3;

function label(c: { code: number } | null): string {
  return c ? String(c.code) : "still open";
}

export const hangFrames: Attack = {
  name: "hang-frame",
  expect: `the server stays healthy; each attacker is closed with ${CloseCode.malformedInput} (malformedInput) after ${MALFORMED_FRAMES_TO_CLOSE} bad input frames`,
  async run(ctx) {
    const codes: string[] = [];
    const problems: string[] = [];
    const variants: Array<Record<string, unknown>> = [];
    let worstHealthz = 0;
    for (const [i, variant] of HANG_FRAMES.entries()) {
      const joined = await joinRaw(ctx.base, { localAddress: ctx.source(i), name: `hang${i}` });
      if (!joined.seat) {
        codes.push("no join");
        problems.push(`${variant.name}: ${joined.problem}`);
        continue;
      }
      const seat = joined.seat;
      let sent = 0;
      for (; sent < MALFORMED_TO_SEND && seat.send(variant.bytes); sent++) {
        // one look at /healthz after the first frame: a frame that loops the decoder stops the process here
        if (sent === 0) {
          const hz = await healthzMs(ctx.base);
          worstHealthz = Math.max(worstHealthz, hz.ms ?? Infinity);
        }
        await pause(20);
      }
      const closed = await seat.closedWithin(CLOSE_WAIT_MS);
      seat.kill();
      codes.push(label(closed));
      variants.push({ frame: variant.name, framesSent: sent, closedWith: closed?.code ?? null, closedAfterMs: closed ? Math.round(closed.afterMs) : null });
      if (closed?.code !== CloseCode.malformedInput) problems.push(`${variant.name}: ${closed ? `closed ${closed.code} ${closed.reason}` : `still open after ${sent} frames`}`);
      ctx.log(`  ${variant.name}: sent ${sent}, ${label(closed)}`);
    }
    if (worstHealthz > HEALTHZ_MAX_MS) problems.push(`/healthz right after a frame: ${Number.isFinite(worstHealthz) ? `${Math.round(worstHealthz)} ms` : "no answer"}`);
    return {
      sent: `${HANG_FRAMES.length} kinds x ${MALFORMED_TO_SEND}: 14 00 ff | 13 garbage | 94 k=2^32-1`,
      closedWith: tally(codes),
      pass: problems.length === 0,
      problems,
      measured: { variants, worstHealthzMs: Number.isFinite(worstHealthz) ? Math.round(worstHealthz) : null },
    };
  },
};

/** frames / s of the slot flood, and for how long. */
const SLOT_FLOOD_FPS = 40;
const SLOT_FLOOD_MS = 3000;
/** inputs framed in one flood frame: ~15,000, within the 16 KB frame cap. */
const FLOOD_SLOTS = Math.min(15_000, MAX_PAYLOAD_BYTES - 64);

export const slotFlood: Attack = {
  name: "cpu-slots",
  expect: `the attacker is closed with ${CloseCode.malformedInput} (too many input slots); a player in another room keeps >= ${MIN_PATCHES_PER_SECOND} patches/s meanwhile`,
  async run(ctx) {
    const problems: string[] = [];
    const joined = await joinRaw(ctx.base, { localAddress: ctx.source(0), name: "slots" });
    if (!joined.seat) return failedJoin(joined.problem);
    const seat = joined.seat;
    // the witness plays in a room of its own while the flood runs
    const witness = freshPlayerPatchRate(ctx.base, { create: true, windowMs: SLOT_FLOOD_MS });
    let frames = 0;
    const start = performance.now();
    while (performance.now() - start < SLOT_FLOOD_MS + 1000 && seat.open) {
      // every frame carries new sequence numbers, so none is skipped as a duplicate
      seat.send(slotFloodFrame(frames * FLOOD_SLOTS, FLOOD_SLOTS));
      frames++;
      await pause(1000 / SLOT_FLOOD_FPS);
    }
    const closed = await seat.closedWithin(CLOSE_WAIT_MS);
    seat.kill();
    const { rate, problem } = await witness;
    if (closed?.code !== CloseCode.malformedInput) problems.push(`attacker ${closed ? `closed ${closed.code} ${closed.reason}` : "still open"} after ${frames} frames`);
    if (rate === null) problems.push(problem ?? "witness could not join");
    else if (rate < MIN_PATCHES_PER_SECOND) problems.push(`witness got ${rate.toFixed(1)} patches/s during the flood`);
    return {
      sent: `${frames} frames x ${FLOOD_SLOTS} input slots (${SLOT_FLOOD_FPS}/s)`,
      closedWith: label(closed),
      pass: problems.length === 0,
      problems,
      measured: { frames, slotsPerFrame: FLOOD_SLOTS, closedAfterMs: closed ? Math.round(closed.afterMs) : null, witnessPatchesPerSecond: rate },
    };
  },
};

export const fastFrames: Attack = {
  name: "cpu-rate",
  expect: `honest-size input frames at 3x the frame budget: closed with ${CloseCode.tooManyMessages} (tooManyMessages) and no seat held (its reconnection is refused)`,
  async run(ctx) {
    const problems: string[] = [];
    const joined = await joinRaw(ctx.base, { localAddress: ctx.source(0), name: "rate" });
    if (!joined.seat || !joined.reservation) return failedJoin(joined.problem);
    const seat = joined.seat;
    const tickHz = seat.tickHz ?? TICK_HZ;
    const budget = maxMessagesPerSecond(tickHz);
    const perBurst = Math.ceil((3 * budget) / 100); // a burst every 10 ms
    let frames = 0;
    const start = performance.now();
    // closing takes RATE_STRIKES_TO_CLOSE seconds over budget; allow three seconds more
    while (performance.now() - start < (RATE_STRIKES_TO_CLOSE + 3) * 1000 && seat.open) {
      for (let k = 0; k < perBurst; k++) seat.send(honestInputFrame(frames++));
      await pause(10);
    }
    const closed = await seat.closedWithin(CLOSE_WAIT_MS);
    const token = seat.token;
    seat.kill();
    if (closed?.code !== CloseCode.tooManyMessages) problems.push(`attacker ${closed ? `closed ${closed.code} ${closed.reason}` : "still open"} after ${frames} frames`);
    const rejoin = await tryReconnect(ctx, joined.reservation.roomId, token);
    if (rejoin.rejoined) problems.push("its seat was held: the reconnection joined");
    return {
      sent: `${frames} input frames in ${((performance.now() - start) / 1000).toFixed(1)} s (budget ${budget}/s at ${tickHz} Hz)`,
      closedWith: `${label(closed)}; reconnect ${rejoin.rejoined ? "joined" : `refused (${rejoin.how})`}`,
      pass: problems.length === 0,
      problems,
      measured: { frames, tickHz, budgetPerSecond: budget, closedWith: closed?.code ?? null, closedAfterMs: closed ? Math.round(closed.afterMs) : null, reconnect: rejoin },
    };
  },
};

/** Tries to take the seat back with its reconnection token, as the SDK would after a drop. */
async function tryReconnect(ctx: AttackContext, roomId: string, token: string | null): Promise<{ rejoined: boolean; how: string }> {
  if (!token) return { rejoined: false, how: "no token in the handshake" };
  const made = await matchmake(ctx.base, "reconnect", roomId, { reconnectionToken: token }, { localAddress: ctx.source(1) });
  if (!made.seat) return { rejoined: false, how: `matchmaking ${made.status}` };
  const seat = new RawSeat(roomSocketUrl(ctx.base, made.seat, token), { localAddress: ctx.source(1) });
  const ok = await seat.joinedWithin(3000);
  const closed = seat.closed;
  seat.kill();
  return { rejoined: ok, how: ok ? "joined" : closed ? `socket closed ${closed.code}` : "no handshake" };
}

function failedJoin(problem: string | undefined): Outcome {
  return { sent: "nothing: could not join", closedWith: "-", pass: false, problems: [problem ?? "could not join"], measured: {} };
}

/** Random frames in total, seats sending at once, each under the frame budget. */
const RANDOM_FRAMES = 3000;
const RANDOM_SEATS = 8;
const RANDOM_FPS_PER_SEAT = Math.floor(maxMessagesPerSecond(TICK_HZ) * 0.8);
/** a closed seat is replaced by a new one, at most this many times in all. */
const RANDOM_MAX_SESSIONS = 120;

export const randomFrames: Attack = {
  name: "random-frames",
  expect: `${RANDOM_FRAMES} random frames (any code but the input codes and LEAVE_ROOM): the server stays healthy; a sender may be closed, the process never`,
  async run(ctx) {
    const random = prng(0x7ac4f12e);
    let sent = 0;
    let sessions = 0;
    const closes: string[] = [];
    const problems: string[] = [];
    const worker = async () => {
      while (sent < RANDOM_FRAMES && sessions < RANDOM_MAX_SESSIONS) {
        const index = sessions++;
        const joined = await joinRaw(ctx.base, { localAddress: ctx.source(index), name: `rnd${index}`, keepFrames: false });
        if (!joined.seat) {
          problems.push(`session ${index} could not join: ${joined.problem}`);
          if (problems.length >= 5) return;
          continue;
        }
        const seat = joined.seat;
        // batches of 8, paced so each seat stays under the frame budget
        while (sent < RANDOM_FRAMES && seat.open) {
          for (let k = 0; k < 8 && sent < RANDOM_FRAMES && seat.send(randomFrame(random)); k++) sent++;
          await pause((8 * 1000) / RANDOM_FPS_PER_SEAT);
        }
        const closed = seat.closed ?? (await seat.closedWithin(200));
        closes.push(closed ? String(closed.code) : "left open");
        seat.kill();
      }
    };
    await Promise.all(Array.from({ length: RANDOM_SEATS }, worker));
    const hz = await healthzMs(ctx.base);
    if (hz.ms === null || hz.ms > HEALTHZ_MAX_MS) problems.push(`/healthz after the frames: ${hz.ms === null ? hz.status || "no answer" : `${Math.round(hz.ms)} ms`}`);
    if (sent < RANDOM_FRAMES) problems.push(`only ${sent} of ${RANDOM_FRAMES} frames sent`);
    return {
      sent: `${sent} random frames over ${sessions} sessions`,
      closedWith: tally(closes),
      pass: problems.length === 0,
      problems,
      measured: { frames: sent, sessions, closes: tally(closes), healthzMs: hz.ms },
    };
  },
};

/** RFC 6455's "message too big", what the ws library closes with past its maxPayload. */
const MESSAGE_TOO_BIG = 1009;

export const oversizeFrame: Attack = {
  name: "oversize",
  expect: `a frame over ${MAX_PAYLOAD_BYTES} bytes: closed with ${MESSAGE_TOO_BIG} (message too big) before room code sees it`,
  async run(ctx) {
    const joined = await joinRaw(ctx.base, { localAddress: ctx.source(0), name: "big" });
    if (!joined.seat) return failedJoin(joined.problem);
    const seat = joined.seat;
    seat.send(frameOfSize(MAX_PAYLOAD_BYTES + 1));
    const closed = await seat.closedWithin(CLOSE_WAIT_MS);
    seat.kill();
    const ok = closed?.code === MESSAGE_TOO_BIG;
    return {
      sent: `one frame of ${MAX_PAYLOAD_BYTES + 1} bytes`,
      closedWith: label(closed),
      pass: ok,
      problems: ok ? [] : [`closed ${closed ? `${closed.code} ${closed.reason}` : "never"}`],
      measured: { bytes: MAX_PAYLOAD_BYTES + 1, closedWith: closed?.code ?? null },
    };
  },
};
