import { describe, expect, it } from "vitest";
import { consultationWindow, windowState } from "../../src/domain/consultation-window";
import { startOfZonedDay } from "../../src/domain/zoned-time";

const mission = consultationWindow({ opensOn: "2018-04-12", closesOn: "2018-06-15", timeZone: "Europe/Paris" });
const at = (iso: string) => new Date(iso);

describe("consultation window of the mission (Europe/Paris, summer time: UTC+2)", () => {
  it("opens at 00:00 Paris time on 12 April", () => {
    expect(mission.opensAt.toISOString()).toBe("2018-04-11T22:00:00.000Z");
    expect(windowState(mission, at("2018-04-11T21:59:59.999Z"))).toBe("upcoming");
    expect(windowState(mission, at("2018-04-11T22:00:00.000Z"))).toBe("open");
  });

  it("stays open through 23:59:59 on 15 June and closes right after", () => {
    expect(mission.closesAt.toISOString()).toBe("2018-06-15T22:00:00.000Z");
    expect(windowState(mission, at("2018-06-15T23:59:59+02:00"))).toBe("open");
    expect(windowState(mission, at("2018-06-15T21:59:59.999Z"))).toBe("open");
    expect(windowState(mission, at("2018-06-15T22:00:00.000Z"))).toBe("closed");
  });

  it("does not depend on the zone the clock is read in", () => {
    // 23:30 on 15 June in New York is already 16 June in Paris.
    expect(windowState(mission, at("2018-06-15T23:30:00-04:00"))).toBe("closed");
    // 20:00 on 11 April in Tokyo... is 13:00 in Paris: not open yet.
    expect(windowState(mission, at("2018-04-11T20:00:00+09:00"))).toBe("upcoming");
  });
});

describe("window around the daylight-saving changes in Paris", () => {
  it("spring forward (25 March 2018, 02:00 → 03:00): the day starts at 00:00 CET and lasts 23 hours", () => {
    const day = consultationWindow({ opensOn: "2018-03-25", closesOn: "2018-03-25", timeZone: "Europe/Paris" });
    expect(day.opensAt.toISOString()).toBe("2018-03-24T23:00:00.000Z");
    expect(day.closesAt.toISOString()).toBe("2018-03-25T22:00:00.000Z");
    expect(day.closesAt.getTime() - day.opensAt.getTime()).toBe(23 * 3_600_000);
    expect(windowState(day, at("2018-03-25T21:59:59.999Z"))).toBe("open");
    expect(windowState(day, at("2018-03-25T22:00:00Z"))).toBe("closed");
  });

  it("fall back (28 October 2018, 03:00 → 02:00): the day lasts 25 hours", () => {
    const day = consultationWindow({ opensOn: "2018-10-28", closesOn: "2018-10-28", timeZone: "Europe/Paris" });
    expect(day.opensAt.toISOString()).toBe("2018-10-27T22:00:00.000Z");
    expect(day.closesAt.toISOString()).toBe("2018-10-28T23:00:00.000Z");
    expect(windowState(day, at("2018-10-28T22:59:59.999Z"))).toBe("open");
    expect(windowState(day, at("2018-10-28T23:00:00Z"))).toBe("closed");
  });

  it("a window spanning the spring change closes at midnight summer time", () => {
    const span = consultationWindow({ opensOn: "2018-03-20", closesOn: "2018-04-02", timeZone: "Europe/Paris" });
    expect(span.opensAt.toISOString()).toBe("2018-03-19T23:00:00.000Z");
    expect(span.closesAt.toISOString()).toBe("2018-04-02T22:00:00.000Z");
  });
});

describe("start of a day in any zone", () => {
  it("is the transition when midnight does not exist (São Paulo, 4 November 2018, 00:00 → 01:00)", () => {
    expect(startOfZonedDay("2018-11-04", "America/Sao_Paulo").toISOString()).toBe("2018-11-04T03:00:00.000Z");
  });

  it("is midnight in a zone without daylight saving (La Réunion, UTC+4)", () => {
    expect(startOfZonedDay("2018-04-12", "Indian/Reunion").toISOString()).toBe("2018-04-11T20:00:00.000Z");
  });

  it("is the first midnight when midnight happens twice (Havana, 4 November 2018, 01:00 → 00:00)", () => {
    // Cuba moves its clocks back from 01:00 to 00:00: 00:00–01:00 happens twice; the day starts at the first.
    expect(startOfZonedDay("2018-11-04", "America/Havana").toISOString()).toBe("2018-11-04T04:00:00.000Z");
  });
});
