import { describe, expect, it } from "vitest";
import { formatDay, formatDayRange, formatInstant } from "../../src/domain/format";
import { formatFrenchDate } from "../../src/domain/french-date";

describe("French dates", () => {
  it("write the first of the month as « 1er », every other day as a number", () => {
    expect(formatDay("2026-12-01")).toBe("1er décembre 2026");
    expect(formatDay("2018-04-12")).toBe("12 avril 2018");
    expect(formatDay("2018-05-11")).toBe("11 mai 2018");
    expect(formatDay("2018-05-21")).toBe("21 mai 2018");
    expect(formatDay("2018-05-31")).toBe("31 mai 2018");
    expect(formatDayRange("2018-06-01", "2018-06-02")).toBe("du 1er juin 2018 au 2 juin 2018");
  });

  it("in an instant, in the consultation's zone (Paris): 30 November 23:30 UTC is 1 December", () => {
    expect(formatInstant(new Date("2026-11-30T23:30:00Z"))).toBe("1er décembre 2026 à 00:30");
    expect(formatInstant(new Date("2018-05-15T08:00:00Z"))).toBe("15 mai 2018 à 10:00");
  });

  it("with any fr-FR format", () => {
    const format = new Intl.DateTimeFormat("fr-FR", { dateStyle: "full", timeZone: "UTC" });
    expect(formatFrenchDate(format, new Date("2018-06-01T12:00:00Z"))).toBe("vendredi 1er juin 2018");
  });
});
