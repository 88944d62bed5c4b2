import { describe, expect, it } from "vitest";
import { demoBannerSentence } from "../../src/components/demo-banner";
import { clockFromEnv, consultationStatus } from "../../src/server/clock";

/** The banner's sentence for a demonstration clock set to `instant`. */
const banner = (instant?: string) => {
  const status = consultationStatus(clockFromEnv(instant ? { CONSULTATION_CLOCK: instant } : {}));
  return { state: status.state, sentence: demoBannerSentence(status.state, status.now) };
};

describe("demonstration banner", () => {
  it("says the clock is set before the opening, on an instant before the window", () => {
    expect(banner("2018-04-01T12:00:00+02:00")).toEqual({
      state: "upcoming",
      sentence:
        "ce site rejoue la consultation de 2018 ; son horloge est fixée au 1er avril 2018 à 12:00 (heure de Paris), avant l'ouverture de la consultation.",
    });
  });

  it("says the clock is set during the consultation, by default", () => {
    expect(banner()).toEqual({
      state: "open",
      sentence:
        "ce site rejoue la consultation de 2018 ; son horloge est fixée au 15 juin 2018 à 18:00 (heure de Paris), pendant la période de consultation.",
    });
  });

  it("says the clock is set after the closing, on an instant after the window", () => {
    expect(banner("2018-08-01T10:00:00+02:00")).toEqual({
      state: "closed",
      sentence:
        "ce site rejoue la consultation de 2018 ; son horloge est fixée au 1er août 2018 à 10:00 (heure de Paris), après la clôture de la consultation.",
    });
    // The first instant after the last day, in Paris, is already after the closing.
    expect(banner("2018-06-16T00:00:00+02:00").state).toBe("closed");
  });
});
