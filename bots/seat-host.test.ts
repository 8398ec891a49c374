import { describe, expect, it } from "vitest";
import { processBaseOf, processIdOf, seatHostLost, type Answer } from "./seat-host.ts";

describe("the seat's process", () => {
  it("is found from the socket URL, behind nginx or not", () => {
    expect(processBaseOf("ws://127.0.0.1:8080/p2/AbC-1/xYz_9?reconnectionToken=t")).toBe("http://127.0.0.1:8080/p2");
    expect(processBaseOf("wss://game.example.com/p10/AbC/xYz")).toBe("https://game.example.com/p10");
    expect(processBaseOf("ws://localhost:2567/AbC/xYz")).toBe("http://localhost:2567");
    expect(processBaseOf("not a url")).toBeNull();
    expect(processIdOf("ws://127.0.0.1:8080/p2/AbC-1/xYz_9?reconnectionToken=t")).toBe("AbC-1");
    expect(processIdOf("ws://localhost:2567/AbC/xYz")).toBe("AbC");
    expect(processIdOf("ws://localhost:2567/")).toBeNull();
  });

  const scripted = (answers: Record<string, Answer[]>) => async (base: string) => answers[base]!.shift() ?? "up";
  const fast = { misses: 2, everyMs: 1, timeoutMs: 100 };

  it("is lost after enough misses in a row while the entry answers", async () => {
    const check = scripted({ "http://h/p2": ["down", "up", "down", "down"], "http://h": ["up", "up", "up", "up"] });
    expect(await seatHostLost("http://h/p2", "http://h/", { ...fast, stillWaiting: () => true, check })).toBe(true);
  });

  it("is not lost when the entry is down too (our network, or a restart of the only process)", async () => {
    let rounds = 0;
    const check = async () => "down" as const;
    expect(await seatHostLost("http://h/p2", "http://h", { ...fast, stillWaiting: () => rounds++ < 5, check })).toBe(false);
    expect(await seatHostLost("http://h", "http://h/", { ...fast, stillWaiting: () => true, check })).toBe(false);
  });

  it("is lost at once when its address answers as another process (a supervisor restarted it)", async () => {
    let rounds = 0;
    const check = scripted({ "http://h/p2": ["replaced"], "http://h": ["up"] });
    expect(await seatHostLost("http://h/p2", "http://h", { ...fast, stillWaiting: () => rounds++ < 1, check })).toBe(true);
  });

  it("reads the answering process from a real /healthz", async () => {
    const { createServer } = await import("node:http");
    const server = createServer((_req, res) => res.end(JSON.stringify({ ok: true, processId: "NEW" })));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    try {
      const at = (processId: string) =>
        seatHostLost(`http://127.0.0.1:${port}/p2`, `http://127.0.0.1:${port}`, { ...fast, processId, stillWaiting: () => true });
      expect(await at("OLD")).toBe(true);
      let rounds = 0;
      const same = seatHostLost(`http://127.0.0.1:${port}/p2`, `http://127.0.0.1:${port}`, { ...fast, processId: "NEW", stillWaiting: () => rounds++ < 3 });
      expect(await same).toBe(false);
    } finally {
      server.close();
    }
  });
});
