import { describe, expect, it } from "vitest";
import { formatChat, pushBounded } from "./chatFormat.ts";
import { closeMessage, joinErrorMessage } from "./closeReason.ts";
import { LobbyList } from "./lobbyList.ts";
import { resolveServerUrl } from "./serverUrl.ts";

describe("formatChat", () => {
  it("renders each kind as one plain-text line", () => {
    expect(formatChat({ kind: "all", from: "bob", to: "", text: "hi" })).toBe("[all] bob: hi");
    expect(formatChat({ kind: "whisper", from: "bob", to: "amy", text: "psst" })).toBe("[whisper] bob → amy: psst");
    expect(formatChat({ kind: "system", from: "", to: "", text: "amy joined" })).toBe("[system] amy joined");
    expect(formatChat({ kind: "error", from: "", to: "", text: "Slow down" })).toBe("[error] Slow down");
  });

  it("keeps markup as text and flattens line breaks", () => {
    expect(formatChat({ kind: "all", from: "x", to: "", text: "<b>hi</b>\nthere" })).toBe("[all] x: <b>hi</b> there");
  });

  it("bounds the log, dropping the oldest", () => {
    const log: number[] = [];
    for (let i = 0; i < 60; i++) pushBounded(log, i, 50);
    expect(log).toHaveLength(50);
    expect(log[0]).toBe(10);
    expect(log.at(-1)).toBe(59);
  });
});

describe("resolveServerUrl", () => {
  const page = { protocol: "http:", hostname: "example.test", host: "example.test:8080", search: "" };
  it("uses the page's origin in production", () => {
    expect(resolveServerUrl(page, false)).toBe("http://example.test:8080");
  });
  it("uses port 2567 of the page's host under the dev server", () => {
    expect(resolveServerUrl({ ...page, host: "example.test:5173" }, true)).toBe("http://example.test:2567");
    expect(resolveServerUrl({ ...page, host: "example.test:5173" }, true, 2600)).toBe("http://example.test:2600");
  });
  it("honours ?server=, with or without a scheme", () => {
    expect(resolveServerUrl({ ...page, search: "?server=https://g.test:9000/" }, true)).toBe("https://g.test:9000");
    expect(resolveServerUrl({ ...page, search: "?server=10.0.0.5:2567" }, false)).toBe("http://10.0.0.5:2567");
  });
});

describe("closeMessage / joinErrorMessage", () => {
  it("names the server shutdown code", () => {
    expect(closeMessage(4100)).toBe("The server is restarting. Press Quick play to join another game.");
    expect(closeMessage(4003)).toMatch(/seat was not kept.*Quick play/);
    expect(closeMessage(1006)).toBe("Connection lost");
    expect(closeMessage(4999, "boom")).toBe("Disconnected (code 4999: boom)");
  });
  it("turns network failures and Colyseus refusals into readable lines, and passes ours through", () => {
    expect(joinErrorMessage(new TypeError("Failed to fetch"), "http://h:1")).toBe("Cannot reach the game server at http://h:1");
    expect(joinErrorMessage(new Error('room "ABCDE" not found'), "x")).toBe("No room with that code. Check the code and try again.");
    expect(joinErrorMessage(new Error('room "ABCDE" is locked'), "x")).toMatch(/^Room full/);
    expect(joinErrorMessage(new Error("invalid name: use 1 to 16 printable characters"), "x")).toBe("invalid name: use 1 to 16 printable characters");
  });
});

describe("LobbyList", () => {
  const room = (roomId: string, clients: number, extra: object = {}) => ({ roomId, name: "arena", clients, maxClients: 16, ...extra });

  it("folds the full list, additions, updates and removals", () => {
    const l = new LobbyList();
    l.reset([room("AAAAA", 2), room("BBBBB", 5)]);
    l.upsert("CCCCC", room("CCCCC", 1));
    l.upsert("AAAAA", room("AAAAA", 9));
    l.remove("BBBBB");
    expect(l.entries().map((e) => [e.roomId, e.clients])).toEqual([
      ["AAAAA", 9],
      ["CCCCC", 1],
    ]);
  });

  it("hides private rooms and other room types, and lists full rooms last", () => {
    const l = new LobbyList();
    l.reset([room("FULL1", 16), room("PRIVT", 1, { private: true }), { ...room("LOBBY", 3), name: "lobby" }, room("OPEN1", 1)]);
    const entries = l.entries();
    expect(entries.map((e) => e.roomId)).toEqual(["OPEN1", "FULL1"]);
    expect(entries[1]?.full).toBe(true);
  });
});
