/**
 * Chromium for the browser suite, through playwright-core (no bundled
 * browser: the system's /usr/bin/chromium, which CI installs with
 * `apt-get install -y chromium`). Every page the suite opens is watched:
 * console errors, uncaught page errors, Content-Security-Policy violations
 * and dialogs (alert, confirm, prompt) are recorded, and a test fails on any
 * it did not expect.
 */
import { existsSync } from "node:fs";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { expect } from "vitest";

/** Where Debian's chromium package puts the browser. */
export const CHROMIUM_PATH = "/usr/bin/chromium";

/** Why the suite cannot run here, or undefined when it can. */
export function browserUnavailable(): string | undefined {
  if (existsSync(CHROMIUM_PATH)) return undefined;
  const reason = `${CHROMIUM_PATH} is missing: the browser suite is skipped. Install it with \`apt-get install -y chromium\` (CI does), then run \`npm run test:e2e\` again.`;
  // A skipped suite must not pass for a green CI: .ci/run installs Chromium first.
  if (process.env.CI) throw new Error(`CI: ${reason}`);
  return reason;
}

/** Headless Chromium with the flags of the toolchain notes (no network of its own, no GPU). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** What went wrong on one page, as the suite reports it. */
export interface PageProblems {
  consoleErrors: string[];
  pageErrors: string[];
  cspViolations: string[];
  dialogs: string[];
}

/** One watched page, in its own browser context (its own storage). */
export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  problems: PageProblems;
  /**
   * Console errors matching this (their text, then the address of the resource) are expected,
   * e.g. the 409 of a refused second vote.
   */
  allowConsole(pattern: RegExp): void;
  /** Fails the test with every problem recorded so far, then forgets them. */
  expectClean(): void;
}

/** Options of a watched page. */
export interface PageOptions {
  viewport?: { width: number; height: number };
  /** Playwright's bypassCSP: the page runs without the site's Content-Security-Policy. */
  bypassCSP?: boolean;
}

/** Name of the binding the page's CSP listener reports through. */
const CSP_BINDING = "__e2eReportCspViolation";

/**
 * Opens watched pages and closes them after each test. Use one per test
 * file: `pages.open()` in tests, `pages.closeAll()` in afterEach.
 */
export class WatchedPages {
  private readonly open_: WatchedPage[] = [];

  constructor(private readonly browser: () => Browser) {}

  async open(options: PageOptions = {}): Promise<WatchedPage> {
    const context = await this.browser().newContext({
      viewport: options.viewport ?? { width: 1280, height: 900 },
      locale: "fr-FR",
      timezoneId: "Europe/Paris",
      bypassCSP: options.bypassCSP ?? false,
    });
    const problems: PageProblems = { consoleErrors: [], pageErrors: [], cspViolations: [], dialogs: [] };
    const allowed: RegExp[] = [];
    await context.exposeBinding(CSP_BINDING, (source, violation: string) => {
      problems.cspViolations.push(`${source.page?.url() ?? "?"}: ${violation}`);
    });
    await context.addInitScript(
      ({ binding }) => {
        document.addEventListener("securitypolicyviolation", (event) => {
          const report = (window as unknown as Record<string, (text: string) => void>)[binding];
          report?.(
            `${event.effectiveDirective} blocked ${event.blockedURI || "an inline resource"}` +
              `${event.sample ? ` (${event.sample})` : ""} at ${event.sourceFile || "?"}:${event.lineNumber}`,
          );
        });
      },
      { binding: CSP_BINDING },
    );
    const page = await context.newPage();
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      // Matched with the resource's address: "Failed to load resource" messages do not name it.
      const said = `${message.text()} ${message.location().url}`;
      if (!allowed.some((pattern) => pattern.test(said))) problems.consoleErrors.push(`${page.url()}: ${said}`);
    });
    page.on("pageerror", (error) => problems.pageErrors.push(`${page.url()}: ${error.message}`));
    page.on("dialog", (dialog) => {
      problems.dialogs.push(`${page.url()}: ${dialog.type()} « ${dialog.message()} »`);
      void dialog.dismiss().catch(() => {});
    });
    const watched: WatchedPage = {
      page,
      context,
      problems,
      allowConsole: (pattern) => allowed.push(pattern),
      expectClean: () => {
        const found = { ...problems };
        problems.consoleErrors = [];
        problems.pageErrors = [];
        problems.cspViolations = [];
        problems.dialogs = [];
        const lines = [
          ...found.consoleErrors.map((text) => `console error: ${text}`),
          ...found.pageErrors.map((text) => `page error: ${text}`),
          ...found.cspViolations.map((text) => `CSP violation: ${text}`),
          ...found.dialogs.map((text) => `dialog: ${text}`),
        ];
        expect(lines, `console errors, page errors, CSP violations or dialogs:\n${lines.join("\n")}`).toEqual([]);
      },
    };
    this.open_.push(watched);
    return watched;
  }

  /** Closes every page opened since the last call, after checking each is clean. */
  async closeAll(): Promise<void> {
    const pages = this.open_.splice(0);
    try {
      const failures: string[] = [];
      for (const watched of pages) {
        try {
          watched.expectClean();
        } catch (error) {
          failures.push((error as Error).message);
        }
      }
      if (failures.length > 0) throw new Error(failures.join("\n\n"));
    } finally {
      await Promise.all(pages.map((watched) => watched.context.close().catch(() => {})));
    }
  }
}

/**
 * Waits until every island of the page has hydrated (Astro removes the
 * `ssr` attribute then). Islands that load on `client:visible` are scrolled
 * into view one by one first, as a reader would reach them.
 */
export async function hydrateIslands(page: Page, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // One at a time, in page order: an island scrolled past before the next frame may never count as visible.
    const left = await page.evaluate(() => {
      const island = document.querySelector("astro-island[ssr]");
      // Islands are display: contents (no box of their own): scroll to what they render.
      (island?.firstElementChild ?? island)?.scrollIntoView({ block: "center" });
      return [...document.querySelectorAll("astro-island[ssr]")].map(
        (element) => element.getAttribute("component-url") ?? "?",
      );
    });
    if (left.length === 0) break;
    if (Date.now() > deadline) {
      throw new Error(`islands still not hydrated after ${timeoutMs / 1000} s: ${left.join(", ")}`);
    }
    await page.waitForTimeout(100);
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** Goes to `url`, expects `status`, then waits for the islands. */
export async function visit(page: Page, url: string, status = 200): Promise<void> {
  const response = await page.goto(url, { waitUntil: "load" });
  expect(response?.status(), `HTTP status of ${url}`).toBe(status);
  await hydrateIslands(page);
}

/** Whether the focused element shows a focus indicator: an outline or a box-shadow. */
export async function focusIndicator(page: Page): Promise<{ visible: boolean; description: string }> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return { visible: false, description: "nothing focused (body)" };
    const style = getComputedStyle(element);
    const outline = style.outlineStyle !== "none" && Number.parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow !== "none" && style.boxShadow !== "";
    const name = `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""}${
      element.getAttribute("href") ? `[href="${element.getAttribute("href")}"]` : ""
    } « ${(element.textContent ?? "").trim().slice(0, 60)} »`;
    return {
      visible: outline || shadow,
      description: `${name} (outline: ${style.outlineStyle} ${style.outlineWidth}; box-shadow: ${style.boxShadow})`,
    };
  });
}

/** Waits until the element exists and is not disabled (an island's buttons stay disabled until it hydrates). */
export async function waitEnabled(locator: Locator, timeoutMs = 15_000): Promise<void> {
  const handle = await locator.elementHandle({ timeout: timeoutMs });
  await locator
    .page()
    .waitForFunction((element) => !(element as HTMLButtonElement | null)?.disabled, handle, { timeout: timeoutMs });
}
