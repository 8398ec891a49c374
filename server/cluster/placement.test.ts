import { describe, expect, it } from "vitest";
import { chooseProcess, decodeLoads, encodeLoad, type ProcessLoad } from "./placement.ts";

const load = (processId: string, rooms: number, players = 0, maxRooms = 4, maxClients = 64): ProcessLoad => ({ processId, rooms, players, maxRooms, maxClients });

describe("room placement across processes", () => {
  it("picks the live process with the fewest rooms", () => {
    expect(chooseProcess(["a", "b"], [load("a", 3), load("b", 1)], "a")).toBe("b");
    expect(chooseProcess(["a", "b"], [load("a", 2, 10), load("b", 2, 3)], "a")).toBe("b");
  });

  it("skips a process at its room or player cap: new rooms go elsewhere", () => {
    expect(chooseProcess(["a", "b"], [load("a", 0, 64), load("b", 3)], "a")).toBe("b");
    expect(chooseProcess(["a", "b"], [load("a", 1), load("b", 4)], "b")).toBe("a");
  });

  it("ignores loads of processes Colyseus no longer lists (dead ones)", () => {
    expect(chooseProcess(["a"], [load("a", 3), load("dead", 0)], "a")).toBe("a");
  });

  it("falls back to itself when every process is full, so its own cap refuses with the clear message", () => {
    expect(chooseProcess(["a", "b"], [load("a", 4), load("b", 4)], "a")).toBe("a");
    expect(chooseProcess([], [], "self")).toBe("self");
  });

  it("round-trips the published load and drops garbage", () => {
    const hash = { a: encodeLoad({ rooms: 1, players: 2, maxRooms: 3, maxClients: 4 }), b: "x,y" };
    expect(decodeLoads(hash)).toEqual([load("a", 1, 2, 3, 4)]);
  });
});
