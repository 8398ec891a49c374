import { describe, expect, it } from "vitest";
import { SeatStore, type KeyValueStore } from "./seatStore.ts";

function memory(): KeyValueStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

describe("the seat a tab keeps for a refresh", () => {
  it("saves, loads and clears a seat", () => {
    const seats = new SeatStore(memory());
    expect(seats.load()).toBeNull();
    seats.save({ token: "AB2CD:x_Y-9", kind: "code" });
    expect(seats.load()).toEqual({ token: "AB2CD:x_Y-9", kind: "code" });
    seats.save({ token: "AB2CD:newtoken", kind: "code" }); // a reconnect hands out a new token
    expect(seats.load()?.token).toBe("AB2CD:newtoken");
    seats.clear();
    expect(seats.load()).toBeNull();
  });

  it("stored text that is not a seat is ignored and cleared", () => {
    const store = memory();
    const seats = new SeatStore(store);
    for (const bad of ["not json", JSON.stringify({ token: "no-colon", kind: "quick" }), JSON.stringify({ token: "a:b", kind: "admin" }), JSON.stringify({ token: "a:b c", kind: "quick" })]) {
      store.map.set("tickfire.seat", bad);
      expect(seats.load()).toBeNull();
      expect(store.map.size).toBe(0);
    }
  });

  it("refuses to save a token of the wrong shape, and lives without storage", () => {
    const store = memory();
    new SeatStore(store).save({ token: "<script>:x", kind: "quick" });
    expect(store.map.size).toBe(0);
    const none = new SeatStore(null);
    none.save({ token: "a:b", kind: "quick" });
    expect(none.load()).toBeNull();
  });

  it("a storage that throws (quota, blocked) costs only the rejoin", () => {
    const throwing: KeyValueStore = {
      getItem: () => {
        throw new Error("blocked");
      },
      setItem: () => {
        throw new Error("quota");
      },
      removeItem: () => {
        throw new Error("blocked");
      },
    };
    const seats = new SeatStore(throwing);
    expect(() => seats.save({ token: "a:b", kind: "quick" })).not.toThrow();
    expect(seats.load()).toBeNull();
    expect(() => seats.clear()).not.toThrow();
  });
});
