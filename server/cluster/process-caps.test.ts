import { describe, expect, it } from "vitest";
import { SERVER_FULL_MESSAGE } from "../../shared/messages.ts";
import { ProcessCaps } from "./process-caps.ts";

describe("process caps", () => {
  it("admits rooms up to the room cap and counts a released room once", () => {
    const caps = new ProcessCaps({ maxRooms: 2 });
    const first = caps.admitRoom();
    caps.admitRoom();
    expect(() => caps.admitRoom()).toThrow(SERVER_FULL_MESSAGE);
    expect(caps.rooms).toBe(2);
    first();
    first();
    expect(caps.rooms).toBe(1);
    caps.admitRoom();
    expect(caps.rooms).toBe(2);
  });

  it("seats players up to the client cap, and is full exactly at it", () => {
    const caps = new ProcessCaps({ maxClients: 2 });
    caps.admitSeat();
    expect(caps.full).toBe(false);
    caps.admitSeat();
    expect(caps.full).toBe(true);
    expect(() => caps.admitSeat()).toThrow(SERVER_FULL_MESSAGE);
    expect(caps.players).toBe(2);
    caps.left();
    expect(caps.full).toBe(false);
  });

  it("tells followers of every change until they unsubscribe", () => {
    const caps = new ProcessCaps();
    let changes = 0;
    const stop = caps.follow(() => changes++);
    const release = caps.admitRoom();
    caps.admitSeat();
    caps.left();
    release();
    expect(changes).toBe(4);
    stop();
    caps.admitSeat();
    expect(changes).toBe(4);
  });

  it("is unlimited where a cap is left out", () => {
    const caps = new ProcessCaps();
    for (let i = 0; i < 1000; i++) caps.admitSeat();
    expect(caps.full).toBe(false);
  });
});
