import { describe, expect, it } from "vitest";
import { displayWebsite, hasCredentials, safeWebsite } from "../../src/domain/website";

describe("safeWebsite", () => {
  it("keeps absolute http and https addresses, normalised", () => {
    expect(safeWebsite("https://atelier.example.org")).toBe("https://atelier.example.org/");
    expect(safeWebsite(" HTTP://Example.org/lieu?x=1 ")).toBe("http://example.org/lieu?x=1");
  });

  it.each([
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "ftp://example.org/",
    "mailto:a@example.org",
    "//example.org/",
    "/relatif",
    "www.example.org",
    "https://",
    "",
  ])("refuses %j", (raw) => {
    expect(safeWebsite(raw)).toBeUndefined();
  });

  it("refuses nothing at all", () => {
    expect(safeWebsite(null)).toBeUndefined();
    expect(safeWebsite(undefined)).toBeUndefined();
  });

  it.each([
    "https://user:pass@atelier.example.org/",
    "https://user@atelier.example.org",
    "https://:secret@atelier.example.org",
    "http://atelier.example.org@evil.example/",
    " HTTPS://User:Pass@Example.org ",
  ])("never links an address with credentials, whatever the database holds: %j", (raw) => {
    expect(safeWebsite(raw)).toBeUndefined();
  });
});

describe("hasCredentials", () => {
  it.each([
    "https://user:pass@host.example/",
    "https://user@host.example",
    "https://:pass@host.example",
    "http:user@host.example",
    // Not an address a browser can open, but the part before "@" still names a user.
    "https://user@exa\u202Emple.fr",
  ])("sees the user or password in %j", (raw) => {
    expect(hasCredentials(raw)).toBe(true);
  });

  it.each([
    "https://atelier.example.org",
    "https://exemple.fr/@atelier",
    "https://exemple.fr/?contact=a@b.fr",
    "https://exemple.fr/#@ancre",
    "https://@exemple.fr",
    "",
    "pas une adresse",
  ])("sees none in %j", (raw) => {
    expect(hasCredentials(raw)).toBe(false);
  });
});

describe("displayWebsite", () => {
  it("shows the address without scheme, www or trailing slash", () => {
    expect(displayWebsite("https://www.example.org/")).toBe("example.org");
    expect(displayWebsite("https://atelier.example.org/contact/")).toBe("atelier.example.org/contact");
    expect(displayWebsite("http://example.org/lieu?x=1")).toBe("example.org/lieu?x=1");
  });
});
