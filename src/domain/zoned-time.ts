/**
 * Time-zone arithmetic on top of Intl, with no dependency: enough to find
 * when a calendar day starts in a given IANA zone, including days whose
 * midnight falls in a daylight-saving gap or overlap.
 */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

const partFormatters = new Map<string, Intl.DateTimeFormat>();

function partFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    partFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Wall-clock fields of an instant in a zone. */
export function wallClock(instant: Date, timeZone: string) {
  const parts: Record<string, string> = {};
  for (const part of partFormatter(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Offset of the zone from UTC at an instant, in milliseconds (Paris in summer: +2 h). */
export function zoneOffset(instant: Date, timeZone: string): number {
  const clock = wallClock(instant, timeZone);
  const [year, month, day] = clock.day.split("-").map(Number) as [number, number, number];
  const asUtc = Date.UTC(year, month - 1, day, clock.hour, clock.minute, clock.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The first instant of a calendar day (YYYY-MM-DD) in a zone. Usually local
 * midnight; when a daylight-saving jump skips midnight, the instant the day
 * actually begins; when midnight happens twice, the first one.
 */
export function startOfZonedDay(isoDay: string, timeZone: string): Date {
  const [year, month, day] = isoDay.split("-").map(Number) as [number, number, number];
  const utcMidnight = Date.UTC(year, month - 1, day);
  // Any offset in force around that day gives a candidate; real zones change
  // offset at most once or twice a day, so the offsets a day before, at, and a
  // day after cover every case.
  const offsets = new Set([-DAY, 0, DAY].map((shift) => zoneOffset(new Date(utcMidnight + shift), timeZone)));
  const candidates = [...offsets]
    .map((offset) => new Date(utcMidnight - offset))
    .filter((candidate) => wallClock(candidate, timeZone).day === isoDay);
  if (candidates.length > 0) {
    return new Date(Math.min(...candidates.map((candidate) => candidate.getTime())));
  }
  // Midnight fell in a gap: the day starts at the transition, the first
  // instant whose wall-clock day is isoDay. Search minute by minute forward
  // from the earliest candidate (gaps are at most a few hours).
  let probe = Math.min(...[...offsets].map((offset) => utcMidnight - offset));
  while (wallClock(new Date(probe), timeZone).day !== isoDay) probe += MINUTE;
  return new Date(probe);
}

/** The calendar day after isoDay (YYYY-MM-DD), independent of any zone. */
export function nextDay(isoDay: string): string {
  const [year, month, day] = isoDay.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}
