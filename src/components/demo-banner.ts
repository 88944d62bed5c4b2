/**
 * What the demonstration banner says (src/components/DemoBanner.astro): the
 * instant the clock is set to, and where that instant stands in the
 * consultation, so that a visitor reads the forms (open, or not yet, or no
 * longer) in the right light.
 */
import { consultation } from "../domain/consultation";
import type { WindowState } from "../domain/consultation-window";
import { formatInstant } from "../domain/format";

const whereTheClockStands: Record<WindowState, string> = {
  upcoming: "avant l'ouverture de la consultation",
  open: "pendant la période de consultation",
  closed: "après la clôture de la consultation",
};

/** The banner's sentence, after « Mode démonstration : ». */
export function demoBannerSentence(state: WindowState, now: Date): string {
  const year = consultation.opensOn.slice(0, 4);
  return `ce site rejoue la consultation de ${year} ; son horloge est fixée au ${formatInstant(now)} (heure de Paris), ${whereTheClockStands[state]}.`;
}
