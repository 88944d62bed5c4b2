/**
 * Moderation at volume, from the keyboard alone, in real Chromium against
 * the site as `npm start` serves it: 200 pending contributions sent
 * through the API (from several networks, as TRUST_PROXY lets a suite
 * say), the queue narrowed to them with its filters, then every one
 * decided with page.keyboard only (no click): j to the first item, p to
 * publish, r to reject with a reason chosen with the arrows and confirmed
 * with Enter, the focus on the next item after each decision, across the
 * pages of 50. One decision is sent while the network is cut: the item
 * stays with a French message, and p sends it again. The final state is
 * read back through the admin API, and axe checks the queue with the
 * focus in it (on an item, then in an open rejection form).
 *
 * The time the 200 decisions took is printed (console.info), not asserted.
 */
import { randomUUID } from "node:crypto";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { themes } from "../../src/domain/consultation";
import { rejectionReasons } from "../../src/domain/moderation";
import { type QueueItem, queuePageSchema, queueSearchParams } from "../../src/domain/moderation-queue";
import { author } from "./support/api";
import { describeViolations, runAxe } from "./support/axe";
import { browserUnavailable, focusIndicator, launchBrowser, visit, WatchedPages } from "./support/browser";
import { MODERATOR_TOKEN, type SiteServer, startServer } from "./support/server";

const unavailable = browserUnavailable();

const COUNT = 200;
/** Networks the submissions come from: 40 each, under the 60 per window one network may send. */
const NETWORKS = 5;
/** Every tenth item is rejected: 20 of 200. */
const isRejected = (index: number) => index % 10 === 7;
/** The reasons, in the order the form lists them, and how many ArrowDown presses reach each. */
const REASONS = Object.keys(rejectionReasons) as (keyof typeof rejectionReasons)[];
/** The reasons the test picks: the first (Space checks it), « Hors sujet » and « Doublon » (arrows). */
const PICKED: (keyof typeof rejectionReasons)[] = ["insulting", "off-topic", "duplicate"];

if (unavailable) {
  console.warn(`[e2e] ${unavailable}`);
  describe("Moderation from the keyboard, at volume", () => {
    it.skip(unavailable, () => {});
  });
} else {
  describe("Moderation from the keyboard, at volume", () => {
    let server: SiteServer;
    let browser: Browser;
    const pages = new WatchedPages(() => browser);
    const run = `clavier-${randomUUID().slice(0, 8)}`;
    const theme = themes[1]!;
    const question = theme.questions.find((candidate) => candidate.type === "open")!;

    beforeAll(async () => {
      [server, browser] = await Promise.all([
        startServer({ label: "e2e-moderation-keyboard", env: { TRUST_PROXY: "1" } }),
        launchBrowser(),
      ]);
      for (let index = 0; index < COUNT; index++) {
        const answer = await fetch(`${server.origin}/api/contributions`, {
          method: "POST",
          headers: {
            Accept: "application/json",
            "Content-Type": "application/json",
            "Idempotency-Key": randomUUID(),
            "X-Forwarded-For": `198.51.100.${10 + (index % NETWORKS)}`,
          },
          body: JSON.stringify({
            ...author(`Clavier ${String(index).padStart(3, "0")}`),
            themeId: theme.id,
            questionId: question.id,
            body: `Contribution ${run} numéro ${index} : un tiers-lieu ouvert le samedi aiderait les familles.`,
          }),
        });
        if (answer.status !== 201) throw new Error(`seeding ${index}: ${answer.status} ${await answer.text()}`);
      }
    }, 600_000);

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    afterEach(() => pages.closeAll());

    it("decides 200 contributions with the keyboard alone, keeps one through a network cut, and records every decision", async () => {
      const watched = await pages.open({ viewport: { width: 1280, height: 900 } });
      // The decision sent while the network is cut fails in the console, as it should.
      watched.allowConsole(/ERR_INTERNET_DISCONNECTED|ERR_FAILED|Failed to fetch/);
      const { page } = watched;
      await signIn(page, server.origin);

      // The filters, from the keyboard: open the disclosure, Tab to the words, type, Enter.
      await page.locator(".mod-filters > summary").focus();
      await page.keyboard.press("Enter");
      await tabUntil(page, () => document.activeElement?.id === "moderation-filters-text");
      await page.keyboard.type(run);
      await page.keyboard.press("Enter");
      // The first page of the 200, and only them.
      await page.waitForFunction((marker) => {
        const texts = [...document.querySelectorAll(".mod-queue .mod-item .mod-body-text")];
        return texts.length === 50 && texts.every((body) => body.textContent?.includes(marker));
      }, run);

      // Out of the form (the keys never act in it), then j: the first item.
      await tabUntil(
        page,
        () =>
          document.activeElement?.closest("form") === null && document.activeElement?.closest(".mod-queue") !== null,
      );
      await page.keyboard.press("j");
      const first = await focusedItem(page);
      expect(first).toBeDefined();
      expect((await focusIndicator(page)).visible).toBe(true);
      await expectAxeClean(page, "queue, focus on an item");

      // The rejection form opened with r, the reasons focused: axe again, then Escape.
      await page.keyboard.press("r");
      expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)).toBe("radio");
      await expectAxeClean(page, "queue, focus in a rejection form");
      await page.keyboard.press("Escape");
      expect(await page.evaluate(() => document.activeElement?.textContent ?? "")).toMatch(/^Rejeter /);
      await page.keyboard.press("k");
      expect(await focusedItem(page)).toBe(first);

      const expected = new Map<string, "published" | keyof typeof rejectionReasons>();
      const started = performance.now();
      for (let index = 0; index < COUNT; index++) {
        const id = await focusedItem(page);
        if (!id) throw new Error(`decision ${index}: the focus is not on an item (${await describeFocus(page)})`);
        if (index === 100) await decideThroughOutage(page, id);
        else if (isRejected(index)) {
          const reason = PICKED[Math.floor(index / 10) % PICKED.length]!;
          await page.keyboard.press("r");
          const steps = REASONS.indexOf(reason);
          if (steps === 0) await page.keyboard.press("Space");
          for (let step = 0; step < steps; step++) await page.keyboard.press("ArrowDown");
          await page.keyboard.press("Enter");
          expected.set(id, reason);
        } else {
          await page.keyboard.press("p");
        }
        if (!expected.has(id)) expected.set(id, "published");
        await waitForDecided(page, id, index === COUNT - 1);
      }
      const seconds = (performance.now() - started) / 1000;
      console.info(
        `[e2e] ${COUNT} contributions decided from the keyboard in ${seconds.toFixed(1)} s ` +
          `(${((seconds * 1000) / COUNT).toFixed(0)} ms per decision, one of them through a network cut)`,
      );

      expect(await page.getByText("Aucun élément de cette file ne correspond aux filtres.").count()).toBe(1);
      expect(expected.size).toBe(COUNT);

      // Read back through the admin API: nothing pending, the right ones rejected with their reason.
      expect(await queueOf(server.origin, "pending", run)).toEqual([]);
      const published = await queueOf(server.origin, "published", run);
      const rejected = await queueOf(server.origin, "rejected", run);
      expect(published.length + rejected.length).toBe(COUNT);
      expect(new Set(published.map((item) => item.id))).toEqual(
        new Set([...expected].filter(([, outcome]) => outcome === "published").map(([id]) => id)),
      );
      expect(rejected.length).toBe(COUNT / 10);
      expect(Object.fromEntries(rejected.map((item) => [item.id, item.moderationReason]))).toEqual(
        Object.fromEntries(
          [...expected]
            .filter(([, outcome]) => outcome !== "published")
            .map(([id, reason]) => [id, rejectionReasons[reason as keyof typeof rejectionReasons]]),
        ),
      );
    }, 900_000);
  });
}

/** Signs in with the keyboard: the token typed in its field, then Enter. */
async function signIn(page: Page, origin: string): Promise<void> {
  await visit(page, `${origin}/moderation/`);
  await page.getByLabel("Jeton de modération").focus();
  await page.keyboard.type(MODERATOR_TOKEN);
  await page.keyboard.press("Enter");
  await page.locator(".mod-queue").waitFor();
  await waitForItems(page);
}

async function waitForItems(page: Page): Promise<void> {
  await page.locator(".mod-queue .mod-item").first().waitFor();
}

/** Presses Tab until `condition` holds in the page (30 presses at most). */
async function tabUntil(page: Page, condition: () => boolean): Promise<void> {
  for (let presses = 0; presses < 30; presses++) {
    if (await page.evaluate(condition)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached the place wanted; the focus is on ${await describeFocus(page)}`);
}

/** The id of the item whose heading has the focus. */
async function focusedItem(page: Page): Promise<string | undefined> {
  return page.evaluate(() => /^moderation-item-(.+)-title$/.exec(document.activeElement?.id ?? "")?.[1]);
}

async function describeFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    return element
      ? `${element.tagName.toLowerCase()}#${element.id} « ${(element.textContent ?? "").slice(0, 60)} »`
      : "nothing";
  });
}

/** The item is gone and the focus is on the next one (or, after the last, the queue says it is empty). */
async function waitForDecided(page: Page, id: string, last: boolean): Promise<void> {
  await page.waitForFunction(
    ({ id, last }) => {
      if (document.getElementById(`moderation-item-${id}-title`)) return false;
      if (last) return document.querySelectorAll(".mod-queue .mod-item").length === 0;
      return /^moderation-item-.+-title$/.test(document.activeElement?.id ?? "");
    },
    { id, last },
    { timeout: 30_000 },
  );
}

/** p while the network is cut: a French message, the item kept and focused; p again once it is back. */
async function decideThroughOutage(page: Page, id: string): Promise<void> {
  // The browser offline, as a phone that lost its signal (request interception raced a
  // keystroke once under load and let the decision through: the cut must be certain).
  await page.context().setOffline(true);
  await page.keyboard.press("p");
  const notice = page.locator(`[data-item-id="${id}"] .mod-item-notice`);
  await notice.waitFor({ timeout: 15_000 }).catch(async (error: Error) => {
    const state = await page.evaluate(
      (itemId) => ({
        card: document.querySelector(`[data-item-id="${itemId}"]`)?.textContent?.slice(0, 300) ?? "gone",
        announcer: document.getElementById("moderation-announcer")?.textContent,
      }),
      id,
    );
    throw new Error(`${error.message}; focus on ${await describeFocus(page)}; ${JSON.stringify(state)}`);
  });
  expect(await notice.textContent()).toMatch(/^Votre appareil semble hors ligne\. .*Vous pouvez réessayer sans risque/);
  expect(await page.locator(`#moderation-item-${id}-title`).count()).toBe(1);
  expect(await focusedItem(page)).toBe(id);
  await page.context().setOffline(false);
  await page.keyboard.press("p");
}

async function expectAxeClean(page: Page, label: string): Promise<void> {
  const violations = await runAxe(page);
  const report = describeViolations(`moderation, ${label}`, violations);
  if (violations.length > 0) console.log(report);
  expect(violations, report).toEqual([]);
}

/** Every item of one queue whose words contain `text`, through GET /api/admin/queue (pages of 200). */
async function queueOf(
  origin: string,
  status: "pending" | "published" | "rejected",
  text: string,
): Promise<QueueItem[]> {
  const items: QueueItem[] = [];
  let after: string | undefined;
  do {
    const query = queueSearchParams({ type: "contribution", status, limit: 200, after, filters: { text } });
    const response = await fetch(`${origin}/api/admin/queue?${query}`, {
      headers: { Accept: "application/json", Authorization: `Bearer ${MODERATOR_TOKEN}` },
    });
    expect(response.status).toBe(200);
    const page = queuePageSchema.parse(await response.json());
    items.push(...page.items);
    after = page.nextCursor ?? undefined;
  } while (after);
  return items;
}
