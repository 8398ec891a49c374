import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { renderMetrics } from "../metrics.ts";
import { ProcessTally } from "./process-tally.ts";
import { TickStats } from "./tick-stats.ts";

describe("process tally", () => {
  it("adds the counters of closed rooms to the live ones, by reason", () => {
    const t = new ProcessTally();
    t.retire({ clampedInputs: 2, chatRateLimited: 1 });
    t.retire({ clampedInputs: 3 });
    expect(t.drops([{ clampedInputs: 1, unknownMessages: 4 }])).toEqual({ clampedInputs: 6, chatRateLimited: 1, unknownMessages: 4 });
  });

  it("counts the bytes of live and closed connections", async () => {
    const t = new ProcessTally();
    const http = createServer((_req, res) => res.end("x".repeat(1000)));
    t.watch(http);
    await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
    const { port } = http.address() as AddressInfo;
    const body = await (await fetch(`http://127.0.0.1:${port}/`, { headers: { connection: "close" } })).text();
    expect(body.length).toBe(1000);
    await new Promise((r) => http.close(r));
    const { in: received, out: sent } = t.bytes();
    expect(sent).toBeGreaterThan(1000); // body plus headers
    expect(received).toBeGreaterThan(20); // the request line and headers
  });

  it("renders clients, refused input by reason, chat rate limits and bytes", () => {
    const text = renderMetrics(new TickStats(), { rooms: 1, players: 3, clients: 4, drops: { clampedInputs: 2, chatRateLimited: 5 }, bytes: { in: 10, out: 20 } }, 0);
    expect(text).toContain("tickfire_clients 4");
    expect(text).toContain('tickfire_dropped_inputs_total{reason="clampedInputs"} 2');
    expect(text).toContain("tickfire_chat_rate_limited_total 5");
    expect(text).toContain("tickfire_bytes_received_total 10");
    expect(text).toContain("tickfire_bytes_sent_total 20");
    for (const line of text.trim().split("\n")) expect(line).toMatch(/^(# (HELP|TYPE) \w+ .+|\w+(\{[^}]*\})? [\d.e+-]+)$/);
  });
});
