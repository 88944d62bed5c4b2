import { describe, expect, it } from "vitest";
import { displayWebsite, safeWebsite } from "../../src/domain/website";

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
});

describe("displayWebsite", () => {
  it("shows the address without scheme, www or trailing slash", () => {
    expect(displayWebsite("https://www.example.org/")).toBe("example.org");
    expect(displayWebsite("https://atelier.example.org/contact/")).toBe("atelier.example.org/contact");
    expect(displayWebsite("http://example.org/lieu?x=1")).toBe("example.org/lieu?x=1");
  });
});
