/**
 * A small RFC 5545 writer for the agenda: all-day events (VALUE=DATE) and
 * events with a local time in a named zone (TZID), with the VTIMEZONE that
 * zone needs computed from Intl for the years the events span.
 */
import { nextDay, wallClock, zoneOffset } from "./zoned-time";

export type EventTime =
  /** All-day event: first and last day, inclusive, YYYY-MM-DD. */
  | { kind: "days"; first: string; last: string }
  /** Timed event from `startsAt` to `endsAt` (exclusive), written in local time in `timeZone`. */
  | { kind: "zoned"; startsAt: Date; endsAt: Date; timeZone: string };

export interface CalendarEvent {
  /** Globally unique and stable across builds (e.g. id@host). */
  uid: string;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  time: EventTime;
}

export interface Calendar {
  /** Product identifier, e.g. -//Org//Product//FR. */
  prodId: string;
  /** Calendar name shown by clients. */
  name: string;
  events: CalendarEvent[];
  /** DTSTAMP of every event: when this file was generated. */
  generatedAt: Date;
}

/** Serialises a calendar to iCalendar text (CRLF line ends, lines folded at 75 octets). */
export function writeCalendar(calendar: Calendar): string {
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", `PRODID:${calendar.prodId}`, "CALSCALE:GREGORIAN", "METHOD:PUBLISH"];
  lines.push(`X-WR-CALNAME:${escapeText(calendar.name)}`);
  for (const [timeZone, events] of groupZonedEvents(calendar.events)) {
    lines.push(...timeZoneComponent(timeZone, events));
  }
  for (const event of calendar.events) {
    lines.push("BEGIN:VEVENT", `UID:${event.uid}`, `DTSTAMP:${utcStamp(calendar.generatedAt)}`);
    if (event.time.kind === "days") {
      lines.push(`DTSTART;VALUE=DATE:${compactDay(event.time.first)}`);
      lines.push(`DTEND;VALUE=DATE:${compactDay(nextDay(event.time.last))}`);
    } else {
      const { startsAt, endsAt, timeZone } = event.time;
      lines.push(`DTSTART;TZID=${timeZone}:${compactDateTime(localDateTime(startsAt, timeZone))}`);
      lines.push(`DTEND;TZID=${timeZone}:${compactDateTime(localDateTime(endsAt, timeZone))}`);
    }
    lines.push(`SUMMARY:${escapeText(event.summary)}`);
    if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
    if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
    if (event.url) lines.push(`URL:${event.url}`);
    lines.push("TRANSP:TRANSPARENT", "END:VEVENT");
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}

/** Escapes a TEXT value (RFC 5545 §3.3.11). */
export function escapeText(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

/** Folds a content line into chunks of at most 75 octets, never splitting a UTF-8 character (§3.1). */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const chunks: string[] = [];
  let chunk = "";
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    // Continuation lines start with a space, which counts towards their 75 octets.
    const limit = chunks.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      chunks.push(chunk);
      chunk = "";
      octets = 0;
    }
    chunk += char;
    octets += size;
  }
  chunks.push(chunk);
  return chunks.join("\r\n ");
}

function groupZonedEvents(events: CalendarEvent[]): Map<string, CalendarEvent[]> {
  const groups = new Map<string, CalendarEvent[]>();
  for (const event of events) {
    if (event.time.kind !== "zoned") continue;
    groups.set(event.time.timeZone, [...(groups.get(event.time.timeZone) ?? []), event]);
  }
  return groups;
}

const HOUR = 3_600_000;

/**
 * VTIMEZONE for a zone, with one observance per offset change found between
 * a year before the first event and a year after the last, so that clients
 * without that zone in their database still place the events right.
 */
function timeZoneComponent(timeZone: string, events: CalendarEvent[]): string[] {
  const instants = events.flatMap((event) =>
    event.time.kind === "zoned" ? [event.time.startsAt, event.time.endsAt] : [],
  );
  const from = Date.UTC(Math.min(...instants.map((d) => d.getUTCFullYear())) - 1, 0, 1);
  const to = Date.UTC(Math.max(...instants.map((d) => d.getUTCFullYear())) + 2, 0, 1);
  const lines = ["BEGIN:VTIMEZONE", `TZID:${timeZone}`];
  const firstOffset = zoneOffset(new Date(from), timeZone);
  let observances = 0;
  let previous = firstOffset;
  // Offsets change on the hour or half hour; scanning every 6 hours then
  // narrowing to the minute finds each change.
  for (let t = from; t < to; t += 6 * HOUR) {
    const offset = zoneOffset(new Date(t + 6 * HOUR), timeZone);
    if (offset === previous) continue;
    let low = t;
    let high = t + 6 * HOUR;
    while (high - low > 60_000) {
      const middle = low + Math.floor((high - low) / 120_000) * 60_000;
      if (zoneOffset(new Date(middle), timeZone) === previous) low = middle;
      else high = middle;
    }
    lines.push(...observance(offset > previous ? "DAYLIGHT" : "STANDARD", new Date(high), previous, offset, timeZone));
    observances += 1;
    previous = offset;
  }
  if (observances === 0) lines.push(...observance("STANDARD", new Date(from), firstOffset, firstOffset, timeZone));
  lines.push("END:VTIMEZONE");
  return lines;
}

function observance(
  kind: "DAYLIGHT" | "STANDARD",
  onset: Date,
  fromOffset: number,
  toOffset: number,
  timeZone: string,
): string[] {
  // DTSTART is the onset in local time as it read before the change (§3.6.5).
  const localBefore = new Date(onset.getTime() + fromOffset).toISOString().slice(0, 19);
  const name = new Intl.DateTimeFormat("en-GB", { timeZone, timeZoneName: "short" })
    .formatToParts(onset)
    .find((part) => part.type === "timeZoneName")?.value;
  return [
    `BEGIN:${kind}`,
    `DTSTART:${compactDateTime(localBefore)}`,
    `TZOFFSETFROM:${formatOffset(fromOffset)}`,
    `TZOFFSETTO:${formatOffset(toOffset)}`,
    ...(name ? [`TZNAME:${name}`] : []),
    `END:${kind}`,
  ];
}

function formatOffset(offset: number): string {
  const sign = offset < 0 ? "-" : "+";
  const minutes = Math.abs(offset) / 60_000;
  return `${sign}${String(Math.floor(minutes / 60)).padStart(2, "0")}${String(minutes % 60).padStart(2, "0")}`;
}

function compactDay(isoDay: string): string {
  return isoDay.replace(/-/g, "");
}

function compactDateTime(localIso: string): string {
  return localIso.replace(/[-:]/g, "");
}

function utcStamp(instant: Date): string {
  return `${instant.toISOString().slice(0, 19).replace(/[-:]/g, "")}Z`;
}

/** The local date-time (YYYY-MM-DDTHH:mm:ss) of an instant in a zone. */
export function localDateTime(instant: Date, timeZone: string): string {
  const clock = wallClock(instant, timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${clock.day}T${pad(clock.hour)}:${pad(clock.minute)}:${pad(clock.second)}`;
}
