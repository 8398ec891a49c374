import { describe, expect, it } from "vitest";
import { accuracyText, resultRows, resultTitle, selfSummary } from "./results.ts";

const row = (name: string, kills: number, deaths: number, shots = 0, hits = 0) => ({ name, kills, deaths, shots, hits });

describe("round results", () => {
  it("rows level on kills and deaths share a rank; the next rank skips (1, 1, 3)", () => {
    const rows = resultRows([row("ann", 3, 1), row("bob", 3, 1), row("cy", 3, 2), row("dee", 0, 0), row("eve", 0, 0)], "");
    expect(rows.map((r) => [r.rank, r.tied])).toEqual([
      [1, true],
      [1, true],
      [3, false],
      [4, true],
      [4, true],
    ]);
  });

  it("accuracy is hits over shots, whole percent; nothing fired is a dash", () => {
    expect(accuracyText(8, 3)).toBe("38%");
    expect(accuracyText(3, 3)).toBe("100%");
    expect(accuracyText(0, 0)).toBe("–");
    expect(accuracyText(undefined, undefined)).toBe("–");
    expect(accuracyText(2, 5)).toBe("100%"); // never over 100
  });

  it("your own line is marked and summed up with kills, deaths and accuracy", () => {
    const rows = resultRows([row("ann", 4, 1, 20, 9), row("bob", 2, 2, 10, 4), row("cy", 2, 2, 0, 0)], "bob");
    expect(rows.filter((r) => r.self).map((r) => r.name)).toEqual(["bob"]);
    expect(selfSummary(rows)).toBe("You: 2nd (tied) · 2 kills · 2 deaths · 40% accuracy");
    expect(selfSummary(resultRows([row("cy", 1, 0, 0, 0)], "cy"))).toBe("You: 1st · 1 kill · 0 deaths · no shots fired");
    expect(selfSummary(rows.map((r) => ({ ...r, self: false })))).toBe("");
  });

  it("the title names a winner, the players of a tie for first, or a plain draw", () => {
    expect(resultTitle(3, "ann", resultRows([row("ann", 2, 0), row("bob", 1, 0)], ""))).toBe("ROUND 3 · ann WINS");
    expect(resultTitle(3, "", resultRows([row("ann", 2, 1), row("bob", 2, 1), row("cy", 1, 0)], ""))).toBe("ROUND 3 · DRAW: ann, bob");
    expect(resultTitle(1, "", resultRows([row("ann", 0, 0), row("bob", 0, 0)], ""))).toBe("ROUND 1 · DRAW");
    expect(resultTitle(1, "", [])).toBe("ROUND 1 · DRAW");
  });
});
