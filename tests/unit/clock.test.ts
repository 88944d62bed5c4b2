import { describe, expect, it } from "vitest";
import { clockFromEnv, consultationStatus } from "../../src/server/clock";

describe("consultation clock", () => {
  it("defaults to the demonstration clock, inside the window", () => {
    const clock = clockFromEnv({});
    expect(clock.mode).toBe("demo");
    expect(clock.now().toISOString()).toBe("2018-06-15T16:00:00.000Z");
    expect(consultationStatus(clock).state).toBe("open");
  });

  it("uses the real clock when CONSULTATION_CLOCK=real: the 2018 consultation is then closed", () => {
    const clock = clockFromEnv({ CONSULTATION_CLOCK: "real" });
    expect(clock.mode).toBe("real");
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(5_000);
    expect(consultationStatus(clock).state).toBe("closed");
  });

  it("accepts any instant for the demonstration clock", () => {
    const clock = clockFromEnv({ CONSULTATION_CLOCK: "2018-04-01T12:00:00+02:00" });
    expect(clock.mode).toBe("demo");
    expect(consultationStatus(clock).state).toBe("upcoming");
  });

  it("fails on a value it cannot read, naming the variable and the fix", () => {
    expect(() => clockFromEnv({ CONSULTATION_CLOCK: "demain" })).toThrow(/CONSULTATION_CLOCK="demain".*"real"/);
    expect(() => clockFromEnv({ CONSULTATION_CLOCK: "2018-05-15" })).toThrow(/ISO date-time with its offset/);
  });
});
