import { nextDay, startOfZonedDay } from "./zoned-time";

/** Where the consultation stands at a given instant. */
export type WindowState = "upcoming" | "open" | "closed";

/** The dates of a consultation as written in its content. */
export interface WindowDates {
  /** First day open, YYYY-MM-DD. */
  opensOn: string;
  /** Last day open, YYYY-MM-DD. */
  closesOn: string;
  /** IANA zone the days are read in. */
  timeZone: string;
}

/** The window as two instants: open from `opensAt` (inclusive) until `closesAt` (exclusive). */
export interface ConsultationWindow {
  opensAt: Date;
  closesAt: Date;
}

/**
 * The consultation opens at 00:00 on its first day and closes once 23:59:59
 * of its last day has passed, both in its own time zone (Europe/Paris for the
 * mission), whatever the visitor's or the server's zone.
 */
export function consultationWindow(dates: WindowDates): ConsultationWindow {
  return {
    opensAt: startOfZonedDay(dates.opensOn, dates.timeZone),
    closesAt: startOfZonedDay(nextDay(dates.closesOn), dates.timeZone),
  };
}

/** upcoming before `opensAt`, open until `closesAt`, closed from then on. */
export function windowState(window: ConsultationWindow, now: Date): WindowState {
  if (now.getTime() < window.opensAt.getTime()) return "upcoming";
  if (now.getTime() < window.closesAt.getTime()) return "open";
  return "closed";
}
