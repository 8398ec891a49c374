import type { ColyseusTestServer } from "@colyseus/testing";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { bootGame } from "../testing/room-harness.ts";
import { shootAtOldSpot } from "../testing/lag-scenario.ts";

let colyseus: ColyseusTestServer;
beforeAll(async () => {
  colyseus = await bootGame({ maxRewindMs: 0 });
});
afterEach(async () => colyseus.cleanup());
afterAll(async () => colyseus.shutdown());

describe("lag compensation off (--max-rewind-ms 0)", () => {
  it("the same shot at where the target was 150 ms ago misses", async () => {
    const { hit, lagMs } = await shootAtOldSpot(colyseus, 150, 40);
    expect(lagMs).toBe(0);
    expect(hit).toBe(false);
  });
});
