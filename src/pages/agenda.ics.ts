import type { APIRoute } from "astro";
import { consultation, visits, window } from "../domain/consultation";
import { type CalendarEvent, writeCalendar } from "../domain/icalendar";
import { clockFromEnv } from "../server/clock";

/** The mission's agenda as an iCalendar file (RFC 5545), times in the consultation's zone. */
export const GET: APIRoute = ({ site }) => {
  const base = site ?? new URL("http://localhost:4321");
  const consultationEvent: CalendarEvent = {
    uid: `${consultation.id}@${base.hostname}`,
    summary: `Consultation publique : ${consultation.name}`,
    description: consultation.summary,
    url: new URL("/", base).href,
    time: {
      kind: "zoned",
      timeZone: consultation.timeZone,
      startsAt: window.opensAt,
      endsAt: window.closesAt,
    },
  };
  const visitEvents = visits.map(
    (visit): CalendarEvent => ({
      uid: `${visit.id}@${base.hostname}`,
      summary: `${consultation.shortName} : ${visit.title}`,
      description: visit.description,
      location: `${visit.place}, ${visit.locality}`,
      url: new URL(`/agenda/#${visit.id}`, base).href,
      time: { kind: "days", first: visit.startsOn, last: visit.endsOn },
    }),
  );
  const body = writeCalendar({
    prodId: `-//${consultation.shortName}//Agenda//FR`,
    name: `${consultation.shortName} : agenda`,
    events: [consultationEvent, ...visitEvents],
    // The consultation's clock, as every date the site writes: a demonstration build stays in 2018 (and the same).
    generatedAt: clockFromEnv().now(),
  });
  return new Response(body, { headers: { "Content-Type": "text/calendar; charset=utf-8" } });
};
