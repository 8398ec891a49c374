import { describe, expect, it } from "vitest";
import { SERVER_POLL_MS, pollDelay, waitForServer } from "./serverWatch.ts";

const noSleep = async () => {};

describe("waiting for a restarting server", () => {
  it("polls with a growing pause that settles at the last step", () => {
    expect([0, 1, 2, 3, 4, 5, 50].map(pollDelay)).toEqual([250, 500, 1000, 2000, 5000, 5000, 5000]);
    expect(pollDelay(-1)).toBe(SERVER_POLL_MS[0]);
  });

  it("resolves true on the first poll that answers, after the failed ones", async () => {
    const answers = [false, false, true];
    const slept: number[] = [];
    let polls = 0;
    const back = await waitForServer(
      async () => {
        polls++;
        const a = answers.shift();
        if (a === false && polls === 1) throw new Error("ECONNREFUSED"); // a refused connection is a "not yet"
        return a ?? false;
      },
      new AbortController().signal,
      async (ms) => void slept.push(ms),
    );
    expect(back).toBe(true);
    expect(polls).toBe(3);
    expect(slept).toEqual([250, 500, 1000]);
  });

  it("stops, false, once aborted", async () => {
    const stop = new AbortController();
    let polls = 0;
    const back = await waitForServer(
      async () => {
        if (++polls === 4) stop.abort();
        return false;
      },
      stop.signal,
      noSleep,
    );
    expect(back).toBe(false);
    expect(polls).toBe(4);
  });
});
