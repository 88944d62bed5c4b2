import { consultation } from "./consultation";
import { formatFrenchDate } from "./french-date";
import { startOfZonedDay } from "./zoned-time";

const dayFormat = new Intl.DateTimeFormat("fr-FR", { timeZone: consultation.timeZone, dateStyle: "long" });
const instantFormat = new Intl.DateTimeFormat("fr-FR", {
  timeZone: consultation.timeZone,
  dateStyle: "long",
  timeStyle: "short",
});

/** "12 avril 2018", "1er mai 2018" for a calendar day (YYYY-MM-DD) of the consultation. */
export function formatDay(isoDay: string): string {
  return formatFrenchDate(dayFormat, startOfZonedDay(isoDay, consultation.timeZone));
}

/** "15 mai 2018 à 10:00", "1er juin 2018 à 09:30", in the consultation's zone. */
export function formatInstant(instant: Date): string {
  return formatFrenchDate(instantFormat, instant);
}

/** "du 19 au 20 avril 2018", "le 12 avril 2018". */
export function formatDayRange(first: string, last: string): string {
  return first === last ? `le ${formatDay(first)}` : `du ${formatDay(first)} au ${formatDay(last)}`;
}
