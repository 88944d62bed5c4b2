import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { escapeText, foldLine, writeCalendar } from "../../src/domain/icalendar";

const generatedAt = new Date("2018-04-10T08:00:00Z");

function parse(text: string) {
  return new ICAL.Component(ICAL.parse(text));
}

describe("iCalendar writer", () => {
  const text = writeCalendar({
    prodId: "-//Test//Agenda//FR",
    name: "Agenda ; essai, virgule",
    generatedAt,
    events: [
      {
        uid: "ouverture@example.org",
        summary: "Consultation : ouverture, clôture",
        description: "Première ligne\nDeuxième ligne ; avec \\ barre",
        time: {
          kind: "zoned",
          timeZone: "Europe/Paris",
          startsAt: new Date("2018-04-11T22:00:00Z"),
          endsAt: new Date("2018-06-15T22:00:00Z"),
        },
      },
      {
        uid: "visite@example.org",
        summary: "Visite",
        location: "Saint-Denis",
        time: { kind: "days", first: "2018-04-19", last: "2018-04-20" },
      },
    ],
  });

  it("ends every line with CRLF and keeps lines within 75 octets", () => {
    expect(text.endsWith("\r\n")).toBe(true);
    for (const line of text.split("\r\n")) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(text.replace(/\r\n/g, "")).not.toContain("\n");
  });

  it("parses back to the same events, times placed in Europe/Paris", () => {
    const calendar = parse(text);
    // Use only the VTIMEZONE the file carries, as a client without a zone database would.
    const vtimezone = calendar.getFirstSubcomponent("vtimezone");
    if (!vtimezone) throw new Error("no VTIMEZONE");
    ICAL.TimezoneService.register(vtimezone);
    const [opening, visit] = calendar.getAllSubcomponents("vevent").map((vevent) => new ICAL.Event(vevent));
    expect(opening!.summary).toBe("Consultation : ouverture, clôture");
    expect(opening!.description).toBe("Première ligne\nDeuxième ligne ; avec \\ barre");
    expect(opening!.startDate.zone?.tzid).toBe("Europe/Paris");
    expect(opening!.startDate.toString()).toBe("2018-04-12T00:00:00");
    expect(opening!.startDate.toJSDate().toISOString()).toBe("2018-04-11T22:00:00.000Z");
    expect(opening!.endDate.toJSDate().toISOString()).toBe("2018-06-15T22:00:00.000Z");
    expect(visit!.startDate.isDate).toBe(true);
    expect(visit!.startDate.toString()).toBe("2018-04-19");
    // DTEND of an all-day event is exclusive.
    expect(visit!.endDate.toString()).toBe("2018-04-21");
    expect(visit!.location).toBe("Saint-Denis");
    // X- properties are TEXT by default (RFC 5545 §3.8.8.2), escaped like any other.
    expect(text).toContain("X-WR-CALNAME:Agenda \\; essai\\, virgule\r\n");
  });

  it("describes Paris summer and winter time in its VTIMEZONE", () => {
    expect(text).toContain("TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200");
    expect(text).toContain("DTSTART:20180325T020000");
    expect(text).toContain("DTSTART:20181028T030000");
  });

  it("stamps events in UTC", () => {
    expect(text).toContain("DTSTAMP:20180410T080000Z");
  });
});

describe("iCalendar text helpers", () => {
  it("escapes backslashes, semicolons, commas and newlines", () => {
    expect(escapeText("a\\b;c,d\ne")).toBe("a\\\\b\\;c\\,d\\ne");
  });

  it("folds long lines without splitting a multi-byte character", () => {
    const line = `DESCRIPTION:${"é".repeat(100)}`;
    const folded = foldLine(line);
    const parts = folded.split("\r\n");
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
      expect(part).not.toContain("\uFFFD");
    }
    expect(parts.map((part, index) => (index === 0 ? part : part.slice(1))).join("")).toBe(line);
  });

  it("leaves a short line alone", () => {
    expect(foldLine("SUMMARY:Visite")).toBe("SUMMARY:Visite");
  });
});
