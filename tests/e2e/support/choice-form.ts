/**
 * Answering a closed question in the browser as a citizen does: the option
 * ticked in the group the question names, the author fields, « Envoyer »;
 * the function's answer is returned once the form says it is received.
 * Shared by the default consultation's and the fixture's journeys.
 */
import type { Page } from "playwright-core";
import { frForms } from "../../../src/domain/messages.fr";
import { GUERET } from "./api";

export async function answerClosedQuestion(
  page: Page,
  answer: { question: string; option: string; pseudonym: string; profile: string },
): Promise<{ status: number; body: unknown; success: string }> {
  const form = page.locator("form.choice-form");
  // The question is the legend of the group; the option is an input named by its label.
  await form.getByRole("group", { name: answer.question }).getByLabel(answer.option).check();
  await form.getByLabel(frForms.fields.pseudonym).fill(answer.pseudonym);
  await form.getByLabel(frForms.fields.profile).selectOption(answer.profile);
  await form.getByLabel(frForms.fields.postalCode).fill(GUERET.postalCode);
  const commune = form.getByLabel(frForms.fields.commune, { exact: true });
  await commune.waitFor();
  await commune.selectOption({ label: GUERET.communeName });
  const [response] = await Promise.all([
    page.waitForResponse(
      (candidate) => candidate.url().endsWith("/api/choice-answers") && candidate.request().method() === "POST",
    ),
    form.getByRole("button", { name: frForms.submit.choice }).click(),
  ]);
  const body: unknown = await response.json();
  await page.locator(".form-success").waitFor();
  return { status: response.status(), body, success: (await page.locator(".form-success").textContent()) ?? "" };
}
