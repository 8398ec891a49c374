import type { ColyseusTestServer } from "@colyseus/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { bootGame } from "../testing/room-harness.ts";
import { shootAtOldSpot } from "../testing/lag-scenario.ts";

const BOUND_MS = 250;
let colyseus: ColyseusTestServer;
beforeAll(async () => {
  colyseus = await bootGame({ maxRewindMs: BOUND_MS });
});
afterEach(async () => colyseus.cleanup());
afterAll(async () => colyseus.shutdown());

describe("lag compensation on (bound 250 ms)", () => {
  it("a shot at where the target was 150 ms ago hits", async () => {
    const { hit, lagMs } = await shootAtOldSpot(colyseus, 150, 40);
    // the client's render delay, plus the input's trip and wait for its step
    expect(lagMs).toBeGreaterThanOrEqual(150);
    expect(lagMs).toBeLessThan(BOUND_MS);
    expect(hit).toBe(true);
  });

  it("a claim older than the bound is clamped to it: the same shot 200 ms late misses", async () => {
    // Unclamped, a 400 ms view would still show Ben at his old spot 200 ms after he left.
    const { hit, lagMs } = await shootAtOldSpot(colyseus, 400, 200);
    expect(lagMs).toBe(BOUND_MS);
    expect(hit).toBe(false);
  });
});
