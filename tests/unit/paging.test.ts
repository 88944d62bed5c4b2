import { describe, expect, it } from "vitest";
import { ANSWERS_PER_PAGE, pageCount, pagePath, pagerItems, paginate } from "../../src/domain/paging";

const range = (count: number) => Array.from({ length: count }, (_, index) => index + 1);

describe("paginate", () => {
  it("splits into full pages and a last partial one", () => {
    const pages = paginate(range(45), ANSWERS_PER_PAGE);
    expect(pages.map((page) => page.length)).toEqual([20, 20, 5]);
    expect(pages.flat()).toEqual(range(45));
  });

  it("always has page 1, empty when there is nothing", () => {
    expect(paginate([], 20)).toEqual([[]]);
    expect(pageCount(0, 20)).toBe(1);
  });

  it("has no empty page at an exact multiple", () => {
    expect(paginate(range(40), 20)).toHaveLength(2);
    expect(pageCount(40, 20)).toBe(2);
    expect(pageCount(41, 20)).toBe(3);
  });

  it("refuses a page size that is not a positive integer", () => {
    expect(() => paginate(range(3), 0)).toThrow(RangeError);
    expect(() => paginate(range(3), 1.5)).toThrow(RangeError);
  });
});

describe("pagePath", () => {
  it("keeps page 1 at the list's own URL and puts the others under page/<n>/", () => {
    expect(pagePath("/themes/t/q/", 1)).toBe("/themes/t/q/");
    expect(pagePath("/themes/t/q/", 2)).toBe("/themes/t/q/page/2/");
  });
});

describe("pagerItems", () => {
  const show = (current: number, count: number) =>
    pagerItems(current, count)
      .map((item) => ("gap" in item ? "…" : item.current ? `[${item.page}]` : String(item.page)))
      .join(" ");

  it("shows every page of a short list", () => {
    expect(show(1, 1)).toBe("[1]");
    expect(show(2, 3)).toBe("1 [2] 3");
    expect(show(1, 4)).toBe("[1] 2 3 4");
  });

  it("keeps the first, the last and the neighbours of the current page, with gaps", () => {
    expect(show(1, 10)).toBe("[1] 2 … 10");
    expect(show(5, 10)).toBe("1 … 4 [5] 6 … 10");
    expect(show(10, 10)).toBe("1 … 9 [10]");
  });

  it("never hides a single page behind a gap", () => {
    expect(show(4, 10)).toBe("1 2 3 [4] 5 … 10");
    expect(show(3, 5)).toBe("1 2 [3] 4 5");
  });
});
