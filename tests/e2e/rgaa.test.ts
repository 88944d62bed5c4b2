/**
 * The RGAA 4.1 criteria that a browser can check on its own, on every page
 * of the self-assessment's sample (src/content/accessibility-audit.json):
 * the accessibility statement publishes a conformance rate computed from
 * that file, and the criteria whose method names this file are proved here,
 * not claimed. Each test names its criterion; a failure lists the elements
 * at fault. The moderation page is checked signed in, with its queue.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import auditFile from "../../src/content/accessibility-audit.json" with { type: "json" };
import { accessibilityAuditSchema } from "../../src/domain/accessibility-audit";
import { browserUnavailable, launchBrowser, visit, WatchedPages } from "./support/browser";
import { MODERATOR_TOKEN, type SiteServer, startServer } from "./support/server";

const audit = accessibilityAuditSchema.parse(auditFile);
const sample = audit.sample.map((page) => page.path);
const unavailable = browserUnavailable();

/** WCAG relative luminance contrast of two CSS colours (rgb()/rgba(), opaque once composited on white). */
const contrastSource = `
  window.__rgaaContrast = (a, b) => {
    const parse = (value) => {
      const m = value.match(/rgba?\\(([^)]+)\\)/);
      if (!m) return null;
      const [r, g, bl, alpha = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return [r, g, bl].map((c) => c * alpha + 255 * (1 - alpha));
    };
    const lum = (rgb) => {
      const [r, g, bl] = rgb.map((c) => { const s = c / 255; return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; });
      return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
    };
    const x = parse(a), y = parse(b);
    if (!x || !y) return null;
    const [hi, lo] = [lum(x), lum(y)].sort((p, q) => q - p);
    return (hi + 0.05) / (lo + 0.05);
  };
  window.__rgaaBackground = (element) => {
    for (let node = element; node; node = node.parentElement) {
      const colour = getComputedStyle(node).backgroundColor;
      if (colour && !/rgba\\([^)]*,\\s*0\\)$/.test(colour) && colour !== "transparent") return colour;
    }
    return "rgb(255, 255, 255)";
  };
`;

if (unavailable) {
  console.warn(`[e2e] ${unavailable}`);
  describe("RGAA 4.1 criteria checked in Chromium", () => {
    it.skip(unavailable, () => {});
  });
} else {
  describe("RGAA 4.1 criteria checked in Chromium", () => {
    let server: SiteServer;
    let browser: Browser;
    const pages = new WatchedPages(() => browser);

    beforeAll(async () => {
      [server, browser] = await Promise.all([startServer({ label: "e2e-rgaa" }), launchBrowser()]);
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    afterEach(() => pages.closeAll());

    /** Opens a sample page as a visitor finds it; the moderation page signed in, with its queue. */
    async function open(path: string, viewport = { width: 1280, height: 900 }): Promise<Page> {
      const { page } = await pages.open({ viewport });
      await visit(page, `${server.origin}${path}`);
      if (path === "/moderation/") {
        await page.getByLabel("Jeton de modération").fill(MODERATOR_TOKEN);
        await page.getByRole("button", { name: "Se connecter" }).click();
        await page.locator(".mod-item").first().waitFor();
      }
      await page.evaluate(contrastSource);
      return page;
    }

    it("samples only pages the site has, and checks the moderation space signed in", () => {
      expect(sample).toContain("/moderation/");
      expect(new Set(sample).size).toBe(sample.length);
    });

    for (const path of sample) {
      describe(path, () => {
        it("the criteria read off the page as it loads (1.2, 2.1, 2.2, 3.3, 4.x, 5.4, 5.6, 5.7, 6.1, 9.1, 7.3, 10.1, 10.7, 11.10, 11.13, 12.7–12.9, 13.2)", async () => {
          const page = await open(path);
          /** Runs one criterion's checks; soft expectations, so that every criterion reports. */
          const check = async (_criterion: string, run: () => Promise<void>) => run();
          await check("1.2, 2.1, 2.2, 4.x, 13.2: decorative SVG hidden; no frame, media or new window", async () => {
            const found = await page.evaluate(() => ({
              svgNeither: [...document.querySelectorAll("svg")]
                .filter((svg) => svg.parentElement?.closest("svg") === null)
                .filter((svg) => svg.getAttribute("role") !== "img" && svg.getAttribute("aria-hidden") !== "true")
                .map((svg) => svg.outerHTML.slice(0, 120)),
              frames: document.querySelectorAll("iframe, frame").length,
              media: document.querySelectorAll("audio, video, object, embed, canvas").length,
              newWindows: [...document.querySelectorAll("a[target], form[target]")]
                .filter((element) => element.getAttribute("target") !== "_self")
                .map((element) => element.outerHTML.slice(0, 120)),
            }));
            expect.soft(found.svgNeither, "1.2: an SVG is either role=img (with a name) or aria-hidden").toEqual([]);
            expect.soft(found.frames, "2.1: no frame").toBe(0);
            expect.soft(found.media, "4.x: no media").toBe(0);
            expect.soft(found.newWindows, "13.2: no link opens a new window").toEqual([]);
          });

          await check("5.4, 5.6, 5.7: each data table has a caption, header cells and their scope", async () => {
            const faults = await page.evaluate(() =>
              [...document.querySelectorAll("table")].flatMap((table, index) => {
                const name = `table ${index + 1} (${table.caption?.textContent?.trim().slice(0, 40) ?? "no caption"})`;
                const out: string[] = [];
                if (!table.caption?.textContent?.trim()) out.push(`${name}: no caption`);
                const headers = [...table.querySelectorAll("th")];
                if (headers.length === 0) out.push(`${name}: no th`);
                for (const th of headers) {
                  if (!th.getAttribute("scope") && !th.id)
                    out.push(`${name}: th « ${th.textContent?.trim()} » has no scope`);
                }
                return out;
              }),
            );
            expect.soft(faults).toEqual([]);
          });

          await check(
            "6.1: two links with the same text and context lead to the same place; 6.1.5 a link's or button's name contains its visible text",
            async () => {
              const faults = await page.evaluate(() => {
                const normal = (text: string) =>
                  text
                    .replace(/\s+/g, " ")
                    .trim()
                    .toLowerCase()
                    .replace(/[.,:;!?«»()]/g, "");
                const byText = new Map<string, Set<string>>();
                const out: string[] = [];
                for (const link of document.querySelectorAll<HTMLAnchorElement>("a[href]")) {
                  const label = link.getAttribute("aria-label") ?? link.textContent ?? "";
                  if (!normal(label)) continue;
                  // RGAA 6.1: the link's text, with its context (its sentence, list item, cell or heading), says where it goes.
                  const context = link.closest("p, li, td, th, h1, h2, h3, h4, dd, dt")?.textContent ?? "";
                  const key = `${normal(label)} | ${normal(context)}`;
                  const target = new URL(link.href).pathname + new URL(link.href).hash;
                  const set = byText.get(key) ?? new Set();
                  set.add(target);
                  byText.set(key, set);
                }
                for (const [text, targets] of byText) {
                  if (targets.size > 1) out.push(`« ${text} » leads to ${[...targets].join(", ")}`);
                }
                for (const element of document.querySelectorAll("a[aria-label], button[aria-label]")) {
                  // biome-ignore lint/performance/useDomNodeTextContent: the criterion is about the visible text, which textContent does not give (it includes visually hidden text).
                  const visible = normal((element as HTMLElement).innerText ?? "");
                  const name = normal(element.getAttribute("aria-label") ?? "");
                  if (visible && !name.includes(visible))
                    out.push(`name « ${name} » lacks its visible text « ${visible} »`);
                }
                return out;
              });
              expect.soft(faults).toEqual([]);
            },
          );

          await check("9.1: one h1, no heading level skipped", async () => {
            const levels = await page.evaluate(() =>
              [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
                .filter(
                  (heading) => (heading as HTMLElement).offsetParent !== null || heading.closest("[hidden]") === null,
                )
                .map((heading) => Number(heading.tagName[1])),
            );
            expect.soft(levels.filter((level) => level === 1)).toHaveLength(1);
            const skips = levels.flatMap((level, index) =>
              index > 0 && level > levels[index - 1]! + 1 ? [`h${levels[index - 1]} → h${level}`] : [],
            );
            expect.soft(skips).toEqual([]);
          });

          await check("10.1: no presentational attribute", async () => {
            const found = await page.evaluate(() =>
              [
                ...document.querySelectorAll(
                  "[align], [bgcolor], [border]:not(svg *), [color]:not(svg *), [hspace], [vspace], [valign], font, center, basefont, big, blink, marquee, s, strike, tt, u",
                ),
              ].map((element) => element.outerHTML.slice(0, 100)),
            );
            expect.soft(found).toEqual([]);
          });

          await check(
            "7.3, 10.7, 12.7, 12.8, 12.9: Tab reaches every control in document order, each with a visible focus, from the skip link to the end",
            async () => {
              const positive = await page.evaluate(
                () =>
                  [...document.querySelectorAll("[tabindex]")].filter(
                    (element) => (element as HTMLElement).tabIndex > 0,
                  ).length,
              );
              expect.soft(positive, "12.8: no positive tabindex").toBe(0);
              // Tab from the top of the page, as a visitor arriving does: a signed-in island may have moved the focus (and
              // with it the point sequential navigation starts from), so focus a throwaway element first in the body.
              await page.evaluate(() => {
                const start = document.createElement("span");
                start.tabIndex = -1;
                document.body.prepend(start);
                start.focus();
                start.remove();
              });
              const seen: { index: number; label: string; visible: boolean; ring: number }[] = [];
              for (let step = 0; step < 400; step += 1) {
                await page.keyboard.press("Tab");
                const here = await page.evaluate(() => {
                  const element = document.activeElement as HTMLElement | null;
                  if (!element || element === document.body) return null;
                  const all = [...document.querySelectorAll("*")];
                  const style = getComputedStyle(element);
                  const outline = style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) > 0;
                  const shadow = style.boxShadow !== "none" && style.boxShadow !== "";
                  const w = window as unknown as {
                    __rgaaContrast: (a: string, b: string) => number | null;
                    __rgaaBackground: (element: Element) => string;
                  };
                  // The ring's colours (outline, and the box-shadow drawn with it) against the background around the element.
                  const around = w.__rgaaBackground(element.parentElement ?? document.body);
                  const colours = [
                    outline ? style.outlineColor : "",
                    shadow ? (style.boxShadow.match(/rgba?\([^)]*\)/)?.[0] ?? "") : "",
                  ];
                  const ring = Math.max(
                    0,
                    ...colours.map((colour) => (colour ? (w.__rgaaContrast(colour, around) ?? 0) : 0)),
                  );
                  return {
                    ring,
                    index: all.indexOf(element),
                    label: `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""} « ${(element.textContent ?? element.getAttribute("aria-label") ?? "").trim().slice(0, 40)} »`,
                    visible: outline || shadow,
                  };
                });
                if (!here || (seen.length > 0 && here.index === seen[0]!.index)) break;
                seen.push(here);
              }
              expect.soft(seen.length, "12.9: Tab leaves the page before 400 stops (no trap)").toBeLessThan(400);
              expect.soft(seen[0]?.label, "12.7: the first stop is the skip link").toMatch(/Aller au contenu/);
              const noFocus = seen.filter((stop) => !stop.visible).map((stop) => stop.label);
              expect.soft(noFocus, "10.7: every stop shows its focus").toEqual([]);
              const faint = seen
                .filter((stop) => stop.ring < 3)
                .map((stop) => `${stop.label}: ${stop.ring.toFixed(2)}:1`);
              expect
                .soft(faint, "3.3: each focus ring has a colour at 3:1 against the background around it")
                .toEqual([]);
              const backwards = seen.flatMap((stop, index) =>
                index > 0 && stop.index < seen[index - 1]!.index ? [`${seen[index - 1]!.label} → ${stop.label}`] : [],
              );
              expect.soft(backwards, "12.8: focus moves forward in the document").toEqual([]);
            },
          );

          await check(
            "3.3: form fields, buttons and the focus ring contrast 3:1 with what surrounds them",
            async () => {
              const faults = await page.evaluate(() => {
                const w = window as unknown as {
                  __rgaaContrast: (a: string, b: string) => number | null;
                  __rgaaBackground: (element: Element) => string;
                };
                const out: string[] = [];
                const controls = [
                  ...document.querySelectorAll<HTMLElement>(
                    "input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled])",
                  ),
                ].filter((element) => element.offsetParent !== null);
                for (const control of controls) {
                  const style = getComputedStyle(control);
                  // Exempt by the criterion: a control the browser draws itself, untouched by the site's styles.
                  if (control.matches("input[type=checkbox], input[type=radio]") && style.appearance !== "none")
                    continue;
                  // Exempt too: a control its text alone identifies (no border, no fill); 3.2 covers its text.
                  const clear =
                    style.backgroundColor === "transparent" || /rgba\([^)]*,\s*0\)$/.test(style.backgroundColor);
                  if (clear && Number.parseFloat(style.borderTopWidth) === 0) continue;
                  const around = w.__rgaaBackground(control.parentElement ?? document.body);
                  const border = Number.parseFloat(style.borderTopWidth) > 0 ? style.borderTopColor : null;
                  const fill = style.backgroundColor;
                  const ratios = [border && w.__rgaaContrast(border, around), w.__rgaaContrast(fill, around)].filter(
                    (ratio): ratio is number => typeof ratio === "number",
                  );
                  const best = Math.max(0, ...ratios);
                  if (best < 3) {
                    out.push(
                      `${control.tagName.toLowerCase()}#${control.id} « ${(control.textContent ?? "").trim().slice(0, 30)} »: ${best.toFixed(2)}:1 against ${around}`,
                    );
                  }
                }
                return out;
              });
              expect.soft(faults).toEqual([]);
            },
          );

          await check("11.10: each form field says whether it is required, and the form says how", async () => {
            const faults = await page.evaluate(() =>
              [...document.querySelectorAll("form:not([role=search])")].flatMap((form) => {
                const controls = [
                  ...form.querySelectorAll<HTMLElement>(
                    "input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select, textarea",
                  ),
                ].filter((control) => control.offsetParent !== null && !control.closest("[aria-hidden='true']"));
                const labelOf = (control: HTMLElement) => (control as HTMLInputElement).labels?.[0]?.textContent ?? "";
                const unmarked = controls
                  .filter(
                    (control) =>
                      !labelOf(control).includes("(facultatif)") && control.getAttribute("aria-required") !== "true",
                  )
                  .map((control) => `${control.id}: neither « (facultatif) » nor aria-required`);
                const said = (form.textContent ?? "").includes("sauf ceux marqués « (facultatif) »");
                const optional = controls.some((control) => labelOf(control).includes("(facultatif)"));
                const name = form.getAttribute("aria-label") ?? form.className;
                return [
                  ...unmarked,
                  ...(optional && !said
                    ? [`${name}: marks optional fields without saying the others are required`]
                    : []),
                ];
              }),
            );
            expect.soft(faults).toEqual([]);
          });

          await check("11.13: personal fields say what they hold (autocomplete)", async () => {
            const missing = await page.evaluate(() =>
              [
                ...document.querySelectorAll<HTMLInputElement>(
                  "input[type=email], input[name*=postal], input[name*=pseudo], input[type=url]",
                ),
              ]
                .filter((input) => !input.autocomplete || input.autocomplete === "on")
                .map((input) => input.name || input.id),
            );
            expect.soft(missing).toEqual([]);
          });
        });

        it("10.4: text at 200 % stays readable at 1280 px (no horizontal scroll, no clipped text)", async () => {
          const page = await open(path);
          await page.evaluate(() => document.documentElement.style.setProperty("font-size", "200%"));
          expect(await overflowFaults(page)).toEqual([]);
        });

        it("10.12: the text spacing of the criterion neither clips nor overflows text", async () => {
          const page = await open(path);
          await page.evaluate(() => {
            for (const element of document.querySelectorAll<HTMLElement>("body *")) {
              element.style.setProperty("line-height", "1.5", "important");
              element.style.setProperty("letter-spacing", "0.12em", "important");
              element.style.setProperty("word-spacing", "0.16em", "important");
              if (element.tagName === "P") element.style.setProperty("margin-bottom", "2em", "important");
            }
          });
          expect(await overflowFaults(page)).toEqual([]);
        });

        it("10.11: at 320 px nothing is cut off or needs a horizontal scroll (text, chart labels)", async () => {
          const page = await open(path, { width: 320, height: 640 });
          expect(await overflowFaults(page)).toEqual([]);
        });

        it("13.9: readable in portrait and landscape on a phone", async () => {
          for (const viewport of [
            { width: 390, height: 844 },
            { width: 844, height: 390 },
          ]) {
            const page = await open(path, viewport);
            const width = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
            expect(width[0], `${viewport.width}×${viewport.height}`).toBeLessThanOrEqual(width[1]!);
          }
        });
      });
    }
  });
}

/**
 * What a reader would lose: a horizontal scroll of the page, chart text off the screen, or an element
 * that hides part of its text (overflow hidden or clip with content larger
 * than its box). Visually hidden text (clipped by design) is left out.
 */
async function overflowFaults(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth + 1) {
      out.push(`page scrolls horizontally: ${document.documentElement.scrollWidth} px > ${window.innerWidth} px`);
    }
    for (const text of document.querySelectorAll("svg text")) {
      const box = text.getBoundingClientRect();
      if (box.width > 0 && (box.right > window.innerWidth + 1 || box.left < -1)) {
        out.push(
          `svg text « ${text.textContent} » runs off the screen (${Math.round(box.left)}–${Math.round(box.right)} px)`,
        );
      }
    }
    for (const element of document.querySelectorAll<HTMLElement>("body *")) {
      // Text hidden on purpose: for screen readers only (visually-hidden), or from everyone (a honeypot field).
      if (
        element.closest(".visually-hidden, .skip-link, [hidden], [aria-hidden='true']") ||
        element.offsetParent === null
      )
        continue;
      const style = getComputedStyle(element);
      const clipsX = style.overflowX === "hidden" || style.overflowX === "clip";
      const clipsY = style.overflowY === "hidden" || style.overflowY === "clip";
      if (!clipsX && !clipsY) continue;
      if (!(element.textContent ?? "").trim()) continue;
      if (
        (clipsX && element.scrollWidth > element.clientWidth + 1) ||
        (clipsY && element.scrollHeight > element.clientHeight + 1)
      ) {
        out.push(
          `${element.tagName.toLowerCase()}.${element.className} clips its text (${element.scrollWidth}×${element.scrollHeight} in ${element.clientWidth}×${element.clientHeight})`,
        );
      }
    }
    return out;
  });
}
