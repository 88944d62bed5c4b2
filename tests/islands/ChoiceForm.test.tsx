// @vitest-environment happy-dom
import { cleanup, render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { findQuestion } from "../../src/domain/consultation";
import type { Question } from "../../src/domain/consultation.schema";
import { fr, frForms } from "../../src/domain/messages.fr";
import ChoiceForm from "../../src/islands/ChoiceForm";
import { forgetCommuneIndexes } from "../../src/islands/form-kit/api";
import { apiCalls, apiError, json, stubFetch } from "./fetch-stub";

const single = findQuestion("ancrage-territorial", "principal-frein") as Question;
const multiple = findQuestion("comprendre-les-tiers-lieux", "services-souhaites") as Question;
const scale = findQuestion("travail-et-emploi", "utilite-pour-travailler") as Question;

function renderForm(themeId: string, question: Question) {
  const user = userEvent.setup();
  render(<ChoiceForm themeId={themeId} question={question} />);
  return { user };
}

async function fillAuthor(user: ReturnType<typeof userEvent.setup>) {
  await user.type(screen.getByLabelText(frForms.fields.pseudonym), "Camille");
  await user.selectOptions(screen.getByLabelText(frForms.fields.profile), "habitant");
  await user.type(screen.getByLabelText(frForms.fields.postalCode), "23000");
  await screen.findByText(frForms.commune.found("Guéret"));
}
const submit = () => screen.getByRole("button", { name: frForms.submit.choice });

beforeEach(() => {
  localStorage.clear();
  forgetCommuneIndexes();
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("ChoiceForm", () => {
  it("groups the options under the question as legend, says the pseudonym is not published, and asks for no email", () => {
    stubFetch(() => json({}));
    renderForm("ancrage-territorial", single);
    const group = screen.getByRole("group", { name: single.title });
    expect(within(group).getAllByRole("radio")).toHaveLength((single.options?.length ?? 0) + 1);
    expect(within(group).getByLabelText(frForms.fields.choiceOther)).toBeTruthy();
    expect(screen.getByText(frForms.fields.choicePseudonymHint)).toBeTruthy();
    expect(document.querySelector("input[name=email]")).toBeNull();
    expect(document.querySelector("input[name=pseudonym]")).not.toBeNull();
  });

  it("sends one option of a single choice with the author fields and an idempotency key; says it will be counted", async () => {
    const fetchMock = stubFetch(() => json({ id: crypto.randomUUID(), counted: true }, 201));
    const { user } = renderForm("ancrage-territorial", single);
    await user.click(screen.getByLabelText("Le financement de l'ouverture"));
    await fillAuthor(user);
    await user.click(submit());
    await screen.findByText(frForms.success.choice);
    const [call] = apiCalls(fetchMock);
    expect(call?.url).toBe("/api/choice-answers");
    expect(call?.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(call?.body).toEqual({
      themeId: "ancrage-territorial",
      questionId: "principal-frein",
      options: ["financement"],
      pseudonym: "Camille",
      profile: "habitant",
      postalCode: "23000",
      communeCode: "23096",
      website: "",
    });
  });

  it("asks for the « autre » text once « Autre » is chosen, before sending anything", async () => {
    const fetchMock = stubFetch(() => json({}, 201));
    const { user } = renderForm("ancrage-territorial", single);
    await user.click(screen.getByLabelText(frForms.fields.choiceOther));
    await fillAuthor(user);
    await user.click(submit());
    const summary = screen.getByRole("region", { name: frForms.summaryTitle(1) });
    expect(within(summary).getByRole("link").textContent).toBe(fr.choice.otherText(2, 500));
    expect(apiCalls(fetchMock)).toHaveLength(0);
    await user.type(screen.getByLabelText(frForms.fields.choiceOtherText), "Le voisinage");
    await user.click(submit());
    await screen.findByText(frForms.success.choice);
    expect(apiCalls(fetchMock)[0]?.body).toMatchObject({ options: ["autre"], otherText: "Le voisinage" });
  });

  it("sends the ticked boxes of a multiple choice in the question's order, and a scale's value as a number", async () => {
    const fetchMock = stubFetch(() => json({}, 201));
    const first = renderForm("comprendre-les-tiers-lieux", multiple);
    const group = screen.getByRole("group", { name: multiple.title });
    expect(within(group).getAllByRole("checkbox")).toHaveLength((multiple.options?.length ?? 0) + 1);
    await first.user.click(screen.getByLabelText("Un café, un lieu de rencontre"));
    await first.user.click(screen.getByLabelText("Des bureaux partagés pour travailler"));
    await fillAuthor(first.user);
    await first.user.click(submit());
    await screen.findByText(frForms.success.choice);
    expect(apiCalls(fetchMock)[0]?.body.options).toEqual(["bureaux-partages", "cafe-convivial"]);
    cleanup();

    const second = renderForm("travail-et-emploi", scale);
    expect(within(screen.getByRole("group", { name: scale.title })).getAllByRole("radio")).toHaveLength(5);
    await second.user.click(screen.getByLabelText("5 (Indispensable)"));
    await fillAuthor(second.user);
    await second.user.click(submit());
    await screen.findByText(frForms.success.choice);
    expect(apiCalls(fetchMock)[1]?.body).toMatchObject({ scale: 5 });
    expect(apiCalls(fetchMock)[1]?.body).not.toHaveProperty("options");
  });

  it("shows a server's field error like its own, on the group", async () => {
    stubFetch(() =>
      apiError(400, "invalid_input", fr.api.invalidInput, [{ path: "options", message: fr.choice.unknownOption }]),
    );
    const { user } = renderForm("ancrage-territorial", single);
    await user.click(screen.getByLabelText("Une demande trop faible"));
    await fillAuthor(user);
    await user.click(submit());
    const summary = await screen.findByRole("region", { name: frForms.summaryTitle(1) });
    expect(within(summary).getByRole("link").textContent).toBe(fr.choice.unknownOption);
    const group = screen.getByRole("group", { name: single.title });
    expect(group.getAttribute("aria-describedby")).toContain("-error");
  });
});
