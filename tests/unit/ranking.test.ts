import { describe, expect, it } from "vitest";
import { byMostSupported, mostSupportedFirst, type Ranked } from "../../src/domain/ranking";

const item = (id: string, support: number, disagree: number, publishedAt: string): Ranked => ({
  id,
  publishedAt: new Date(publishedAt),
  counts: { support, disagree },
});

describe("most supported first", () => {
  it("orders by support, then fewer disagreements, then earliest, then id", () => {
    const items = [
      item("f", 0, 0, "2018-05-01T10:00:00Z"),
      item("e", 5, 3, "2018-05-01T10:00:00Z"),
      item("d", 5, 1, "2018-05-03T10:00:00Z"),
      item("c", 5, 1, "2018-05-02T10:00:00Z"),
      item("b", 5, 1, "2018-05-02T10:00:00Z"),
      item("a", 9, 9, "2018-06-01T10:00:00Z"),
    ];
    expect(mostSupportedFirst(items).map((entry) => entry.id)).toEqual(["a", "b", "c", "d", "e", "f"]);
  });

  it("gives the same order whatever the input order, and leaves the input alone", () => {
    const items = [item("x", 1, 0, "2018-05-01T10:00:00Z"), item("y", 1, 0, "2018-05-01T10:00:00Z")];
    const reversed = [...items].reverse();
    expect(mostSupportedFirst(items)).toEqual(mostSupportedFirst(reversed));
    expect(reversed.map((entry) => entry.id)).toEqual(["y", "x"]);
  });

  it("is a consistent comparator (0 only for the same item)", () => {
    const a = item("a", 1, 0, "2018-05-01T10:00:00Z");
    expect(byMostSupported(a, a)).toBe(0);
    expect(Math.sign(byMostSupported(a, item("b", 1, 0, "2018-05-01T10:00:00Z")))).toBe(-1);
  });
});
