/**
 * The mission team's workbench, in real Chromium, on `npm start` over a
 * throwaway PostgreSQL cluster: two named moderators, created with `npm run
 * moderator`, sign in with their own tokens; one tags a contribution, the
 * other extracts a passage of another and writes a synthesis citing both;
 * a contribution collected at a workshop of the agenda is entered from the
 * field; the journal names both and exports as CSV; the pages show the
 * citations and the workshop contribution's origin after the rebuild; and once a cited contribution is rejected, the rebuild fails,
 * naming it.
 */
import { execFile } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { themes, visits } from "../../src/domain/consultation";
import { author, createdId, submitContribution } from "./support/api";
import { describeViolations, runAxe } from "./support/axe";
import { browserUnavailable, launchBrowser, visit, WatchedPages } from "./support/browser";
import { type PgCluster, startCluster } from "./support/postgres";
import { MODERATOR_TOKEN, projectRoot, type SiteServer, startServer, waitUntil } from "./support/server";

const unavailable = browserUnavailable();
const run = promisify(execFile);

if (unavailable) {
  console.warn(`[e2e] ${unavailable}`);
  describe("the workbench", () => {
    it.skip(unavailable, () => {});
  });
} else {
  describe("the mission team's workbench (Chromium, PostgreSQL)", () => {
    let cluster: PgCluster | undefined;
    let server: SiteServer | undefined;
    let browser: Browser;
    let skipReason: string | undefined;
    const tokens: Record<string, string> = {};
    const pages = new WatchedPages(() => browser);

    /** `npm run moderator -- add NAME` on the cluster: the token it prints once. */
    async function addModerator(name: string, url: string): Promise<string> {
      const { stdout } = await run(join(projectRoot, "node_modules/.bin/tsx"), ["scripts/moderator.ts", "add", name], {
        cwd: projectRoot,
        env: {
          ...process.env,
          DATABASE_URL: url,
          HASH_SALT: "x".repeat(40),
          SUPABASE_URL: "",
          SUPABASE_SERVICE_ROLE_KEY: "",
        },
      });
      return stdout.trim().split("\n").at(-1) ?? "";
    }

    beforeAll(async () => {
      browser = await launchBrowser();
      const started = await startCluster();
      if ("unavailable" in started) {
        if (process.env.CI) throw new Error(`CI: the workbench journey needs PostgreSQL: ${started.unavailable}`);
        skipReason = started.unavailable;
        console.warn(`[e2e] SKIPPED: the workbench journey needs PostgreSQL: ${skipReason}`);
        return;
      }
      cluster = started;
      server = await startServer({
        label: "e2e-workbench",
        env: { DATABASE_URL: cluster.url, HASH_SALT: randomBytes(32).toString("hex"), MODERATOR_TOKEN },
      });
      tokens.camille = await addModerator("Camille Martin", cluster.url);
      tokens.dominique = await addModerator("Dominique Petit", cluster.url);
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
      await cluster?.destroy();
    });

    afterEach(() => pages.closeAll());

    async function admin(token: string, path: string, body: unknown, expected = 200) {
      const response = await fetch(`${server!.origin}${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      expect(response.status, `${path}: ${await response.clone().text()}`).toBe(expected);
      return (await response.json()) as Record<string, unknown>;
    }

    async function signIn(page: Page, token: string): Promise<void> {
      await visit(page, `${server!.origin}/moderation/`);
      await page.getByLabel("Jeton de modération").fill(token);
      await page.getByRole("button", { name: "Se connecter" }).click();
      await page.locator(".mod-queue").waitFor();
    }

    async function openPublished(page: Page): Promise<void> {
      await page.getByRole("button", { name: /^Contributions : Publiées \(/ }).click();
      await page.waitForFunction(() =>
        document.querySelector("#moderation-queue-title")?.textContent?.startsWith("Contributions publiées"),
      );
      await page.waitForFunction(
        () => !document.querySelector(".mod-queue p.meta")?.textContent?.startsWith("Chargement"),
      );
    }

    const card = (page: Page, id: string) =>
      page.locator("li", { has: page.locator(`#moderation-item-${id}-title`) }).first();

    it("two named moderators code, cite and enter from the field; the journal names both; a rejected citation stops the build", async (context) => {
      if (skipReason || !cluster || !server) {
        context.skip(`PostgreSQL could not be started: ${skipReason ?? "unknown reason"}`);
        return;
      }
      const theme = themes[0]!;
      const question = theme.questions[0]!;
      const mark = randomBytes(4).toString("hex");
      const passage = `le bus du matin passe trop tôt ${mark}`;
      const bodies = [
        `Proposition ${mark} : ouvrir un espace de travail partagé dans l'ancienne gare du bourg.`,
        `Constat ${mark} : ${passage}, et les indépendants restent chez eux faute de lieu.`,
      ];
      const ids: string[] = [];
      for (const [index, body] of bodies.entries()) {
        const answer = await submitContribution(server.origin, {
          themeId: theme.id,
          questionId: question.id,
          body,
          ...author(index === 0 ? "Léa" : "Noé"),
        });
        ids.push(createdId(answer, "answer"));
      }
      const [first, second] = ids as [string, string];
      await admin(tokens.camille!, "/api/admin/decisions", { type: "contribution", ids, decision: "publish" });

      // Camille tags the first as a proposal, in the browser.
      const camille = (await pages.open()).page;
      await signIn(camille, tokens.camille!);
      await openPublished(camille);
      const firstCard = card(camille, first);
      await firstCard.getByRole("button", { name: /^Catégories et extraits/ }).click();
      await firstCard.getByLabel("Proposition", { exact: true }).check();
      await firstCard.getByRole("button", { name: "Enregistrer les catégories" }).click();
      await firstCard.getByText("Catégories enregistrées.").waitFor();

      // Dominique extracts a passage of the second as an obstacle, and writes the synthesis citing both.
      const dominique = (await pages.open()).page;
      await signIn(dominique, tokens.dominique!);
      await openPublished(dominique);
      const secondCard = card(dominique, second);
      await secondCard.getByRole("button", { name: /^Catégories et extraits/ }).click();
      await secondCard.getByLabel("Passage", { exact: true }).fill(passage);
      await secondCard.getByLabel("Catégorie de l'extrait").selectOption("obstacle");
      await secondCard.getByRole("button", { name: "Extraire" }).click();
      await secondCard.getByText(passage, { exact: false }).nth(1).waitFor();
      const violations = await runAxe(dominique);
      expect(violations, describeViolations("/moderation/ with coding open", violations)).toEqual([]);

      await dominique.getByLabel("Thème", { exact: true }).first().selectOption(theme.id);
      const editor = dominique.getByLabel(`Synthèse du thème « ${theme.title} »`);
      await editor.fill(
        `## Ce que disent les habitants\n\nUne gare à reprendre [[c:${first}]] et des horaires à revoir [[c:${second}]].`,
      );
      await dominique
        .getByRole("button", { name: /^Enregistrer la synthèse|^Enregistrer$/ })
        .first()
        .click();
      await dominique.getByText(/^Synthèse enregistrée le/).waitFor();

      // A contribution collected at a field visit of the agenda, entered by Dominique
      // (no rate limit, logged, published at once).
      const fieldVisit = visits[0]!;
      const workshop = `Atelier ${mark} : nous demandons une salle équipée à la mairie pour le télétravail.`;
      const entered = await admin(
        tokens.dominique!,
        "/api/admin/field-contributions",
        {
          themeId: theme.id,
          questionId: question.id,
          body: workshop,
          ...author("M. B."),
          email: "",
          originKind: "event",
          eventId: fieldVisit.id,
          publishNow: true,
          idempotencyKey: randomUUID(),
        },
        201,
      );
      const workshopId = String(entered.id);

      // The journal names both, and its CSV export too.
      await camille.reload();
      await camille.locator(".mod-journal").waitFor();
      const journal = camille.locator(".mod-journal");
      // In the counts per person and in the lines (the « who » filter lists them too, as options).
      await journal.locator("table").getByText("Dominique Petit").first().waitFor();
      expect(await journal.locator("table").getByText("Camille Martin").count()).toBeGreaterThan(0);
      const download = camille.waitForEvent("download");
      await journal.getByRole("button", { name: "Exporter en CSV (tableur)" }).click();
      const file = await (await download).path();
      const csv = await readFile(file, "utf8");
      expect(csv.charCodeAt(0)).toBe(0xfeff);
      for (const expected of ["Camille Martin", "Dominique Petit", "tagged", "synthesis_saved", "field_entered"]) {
        expect(csv, expected).toContain(expected);
      }

      // After the rebuild: the citations link to both, the workshop contribution says where it came from.
      await waitUntil(
        async () => {
          const page = await fetch(`${server!.origin}/themes/${theme.id}/`);
          const html = await page.text();
          return html.includes(`/contributions/${first}/`) && html.includes(`/contributions/${second}/`);
        },
        180_000,
        "the theme page links the synthesis's citations",
      );
      await waitUntil(
        async () => (await fetch(`${server!.origin}/contributions/${workshopId}/`)).ok,
        180_000,
        "the workshop contribution's permalink",
      );
      await visit(camille, `${server.origin}/contributions/${workshopId}/`);
      await camille.getByText(workshop).waitFor();
      const origin = camille.locator(".author-origin");
      expect(await origin.textContent()).toContain("Recueillie sur le terrain :");
      const visitLink = origin.getByRole("link", { name: fieldVisit.title });
      expect(await visitLink.getAttribute("href")).toBe(`/agenda/#${fieldVisit.id}`);

      // Rejecting a cited contribution: the next build refuses, naming it.
      await admin(tokens.camille!, "/api/admin/decisions", {
        type: "contribution",
        ids: [first],
        decision: "reject",
        reasonCode: "duplicate",
      });
      await waitUntil(
        async () => server!.output().includes(first) && /CitationError|cite/.test(server!.output()),
        180_000,
        "the rebuild refuses the citation of a rejected contribution",
      );
    });
  });
}
