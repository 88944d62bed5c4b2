import { z } from "zod";
import { consultation, window } from "../domain/consultation";
import { type WindowState, windowState } from "../domain/consultation-window";

/**
 * The consultation's clock. The default content is historical (2018), so
 * when nothing is configured the site runs on a demonstration clock set
 * inside the window, and every page says so. CONSULTATION_CLOCK=real gives
 * the real clock (production); an ISO date-time sets the demonstration clock
 * to that instant.
 *
 * One clock for the whole site: the pages, the use cases' window check and
 * the store (openStore gives it clockFromEnv), which dates every write on a
 * demonstration clock with its instant and leaves the real clock's dates to
 * the database's now().
 */
export type Clock = { mode: "real"; now: () => Date } | { mode: "demo"; now: () => Date };

const clockSetting = z.union([z.literal("real"), z.iso.datetime({ offset: true })]);

export function clockFromEnv(env: Record<string, string | undefined> = process.env): Clock {
  const raw = env.CONSULTATION_CLOCK?.trim();
  if (!raw) return demoClock(consultation.demoNow);
  const parsed = clockSetting.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `CONSULTATION_CLOCK="${raw}" is not valid: use "real" for the real clock, or an ISO date-time with its offset such as 2018-05-15T10:00:00+02:00 for a demonstration clock.`,
    );
  }
  return parsed.data === "real" ? { mode: "real", now: () => new Date() } : demoClock(parsed.data);
}

function demoClock(iso: string): Clock {
  const instant = new Date(iso);
  return { mode: "demo", now: () => new Date(instant) };
}

/** The clock's reading and the consultation's state, as pages show them. */
export interface ConsultationStatus {
  mode: Clock["mode"];
  now: Date;
  state: WindowState;
}

/** Where the consultation stands by `clock` (the environment's by default). */
export function consultationStatus(clock: Clock = clockFromEnv()): ConsultationStatus {
  const now = clock.now();
  return { mode: clock.mode, now, state: windowState(window, now) };
}
