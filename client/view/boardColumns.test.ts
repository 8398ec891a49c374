import { describe, expect, it } from "vitest";
import { boardColumns, fitName, isolate } from "./boardColumns.ts";
import { BOT_TAG } from "./format.ts";

const row = (name: string, kills: number, deaths: number) => ({ name, kills, deaths });

describe("scoreboard columns", () => {
  it("every column has the header and one line per player, so rows line up whatever the names", () => {
    const c = boardColumns([row("محمد علي", 5, 1), row("👩🏽\u200D💻 dev", 5, 1), row("한국어 이름", 2, 0), row("ann", 0, 3)], "ann");
    for (const col of [c.rank, c.name, c.kills, c.deaths]) expect(col).toHaveLength(5);
    expect(c.rank).toEqual(["#", "1=", "1=", "3", "4"]);
    expect(c.kills).toEqual(["KILLS", "5", "5", "2", "0"]);
    expect(c.selfRow).toBe(3);
  });

  it("names are bidi-isolated, so a right-to-left name keeps to itself", () => {
    const c = boardColumns([row("שלום", 1, 0)], "");
    expect(c.name[1]).toBe("\u2068שלום\u2069");
    expect(isolate("abc")).toBe("\u2068abc\u2069");
  });

  it("long names are cut by drawn character, never inside an emoji or a flag", () => {
    expect(fitName("ann#2")).toBe("ann#2");
    const flags = "🇯🇵".repeat(17);
    expect(fitName(flags)).toBe(`${"🇯🇵".repeat(15)}…`);
    expect(fitName("नमस्ते", 2)).toBe("न…");
  });

  it("a server bot's row carries its tag, outside the isolated name", () => {
    const c = boardColumns([{ name: "Rivet", kills: 2, deaths: 0, bot: true }, row("ann", 1, 0)], "ann");
    expect(c.name.slice(1)).toEqual([`\u2068Rivet\u2069 ${BOT_TAG}`, "\u2068ann\u2069"]);
  });

  it("an empty room says so", () => {
    expect(boardColumns([], "").name).toEqual(["PILOT", "no pilots"]);
  });
});
