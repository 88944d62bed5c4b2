// @vitest-environment happy-dom
/**
 * « Saisir une contribution reçue hors du site » in the moderation space:
 * the citizen form's checks and French messages before anything is sent,
 * the visit chosen from the agenda, the commune found from the postal code,
 * one request with the moderator's token and a key of its own (sent again on
 * a retry, never twice for a double click), the server's per-field issues
 * shown as the local ones, and the form ready for the next sheet (its origin
 * kept) once the entry is recorded.
 */
import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AdminResponse } from "../../../src/domain/admin-responses";
import { visits } from "../../../src/domain/consultation";
import {
  type fieldContributionResponseSchema,
  fieldMessages,
  fieldOriginKinds,
} from "../../../src/domain/field-contributions";
import { fr, frForms } from "../../../src/domain/messages.fr";
import { fieldEntryText } from "../../../src/islands/moderation/FieldContributionSection";
import ModerationApp from "../../../src/islands/moderation/ModerationApp";
import { frModeration } from "../../../src/islands/moderation/messages.fr";
import { apiError, deferred, json } from "../fetch-stub";
import { contribution, ids, page, REBUILT, storeSession, stubAdmin, TOKEN, tokenSession } from "./admin-stub";

const ENTRY_ID = "44444444-4444-4444-8444-444444444444";
const visit = visits[0]!;
const entered = (overrides: Partial<AdminResponse<typeof fieldContributionResponseSchema>> = {}) =>
  json(
    { id: ENTRY_ID, status: "published", replayed: false, rebuild: REBUILT, ...overrides } satisfies AdminResponse<
      typeof fieldContributionResponseSchema
    >,
    201,
  );

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  storeSession();
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function routes(enter: (body: Record<string, unknown> | undefined) => Response | Promise<Response>) {
  return stubAdmin({
    "GET /api/admin/session": tokenSession(),
    "GET /api/admin/queue": () => page([contribution(ids.a)]),
    "GET /api/admin/syntheses": () => json({ syntheses: [] }),
    "GET /api/admin/other-texts": () => json({ items: [], counts: { pending: 0, published: 0, rejected: 0 } }),
    "POST /api/admin/field-contributions": ({ body }) => enter(body),
  });
}

const section = async () =>
  (await screen.findByRole("heading", { level: 2, name: fieldEntryText.title })).closest("section") as HTMLElement;

/** The error summary's text, once it shows. */
const summaryText = async (form: HTMLElement) =>
  (await within(form).findByRole("region", { name: /^Le formulaire contient/ })).textContent ?? "";

const entries = (api: ReturnType<typeof stubAdmin>) =>
  api.calls().filter((call) => call.path === "/api/admin/field-contributions");

/** Fills every required field of a visit's entry. */
async function fill(user: ReturnType<typeof userEvent.setup>, form: HTMLElement) {
  await user.click(within(form).getByRole("radio", { name: fieldOriginKinds.event }));
  await user.selectOptions(within(form).getByRole("combobox", { name: fieldEntryText.event }), visit.id);
  const question = within(form).getByRole("combobox", { name: fieldEntryText.question });
  const firstOpen = within(question).getAllByRole("option")[1] as HTMLOptionElement;
  await user.selectOptions(question, firstOpen.value);
  await user.type(
    within(form).getByRole("textbox", { name: fieldEntryText.body }),
    "Recueilli à l'atelier : il faudrait un lieu ouvert le soir pour les salariés du bourg.",
  );
  await user.type(within(form).getByRole("textbox", { name: frForms.fields.pseudonym }), "Jeanne");
  await user.selectOptions(within(form).getByRole("combobox", { name: frForms.fields.profile }), "habitant");
  await user.type(within(form).getByRole("textbox", { name: frForms.fields.postalCode }), "23000");
  await within(form).findByText(frForms.commune.found("Guéret"));
  return firstOpen.value;
}

describe("ModerationApp: contributions from the field", () => {
  it("names every missing field in French before sending anything", async () => {
    const api = routes(() => entered());
    const user = userEvent.setup();
    render(<ModerationApp />);
    const form = await section();
    await user.click(within(form).getByRole("button", { name: fieldEntryText.submit }));
    const summary = await summaryText(form);
    for (const message of [
      fieldMessages.originKind,
      fr.question,
      fr.body.tooShort(20),
      fr.pseudonym.tooShort,
      fr.profile,
    ])
      expect(summary).toContain(message);
    expect(entries(api)).toEqual([]);
  });

  it("enters a visit's contribution with the moderator's token and a key, then empties the form but keeps the origin", async () => {
    const api = routes(() => entered());
    const user = userEvent.setup();
    render(<ModerationApp />);
    const form = await section();
    const question = await fill(user, form);
    await user.click(within(form).getByRole("button", { name: fieldEntryText.submit }));
    await within(form).findByText((content) => content.startsWith(fieldEntryText.published("Jeanne", "")));
    const [call] = entries(api);
    expect(call?.authorization).toBe(`Bearer ${TOKEN}`);
    const [themeId, questionId] = question.split("/");
    expect(call?.body).toMatchObject({
      originKind: "event",
      eventId: visit.id,
      themeId,
      questionId,
      pseudonym: "Jeanne",
      profile: "habitant",
      postalCode: "23000",
      communeCode: "23096",
      publishNow: true,
    });
    expect(call?.body?.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect((within(form).getByRole("textbox", { name: fieldEntryText.body }) as HTMLTextAreaElement).value).toBe("");
    expect((within(form).getByRole("radio", { name: fieldOriginKinds.event }) as HTMLInputElement).checked).toBe(true);
    expect((within(form).getByRole("combobox", { name: fieldEntryText.event }) as HTMLSelectElement).value).toBe(
      visit.id,
    );
  });

  it("sends once for a double click, and the same key again on a retry after a failure", async () => {
    const answers = [deferred(), deferred()];
    let index = 0;
    const api = routes(() => (answers[index++] as ReturnType<typeof deferred>).promise);
    const user = userEvent.setup();
    render(<ModerationApp />);
    const form = await section();
    await fill(user, form);
    const submit = within(form).getByRole("button", { name: fieldEntryText.submit });
    await user.dblClick(submit);
    await waitFor(() => expect(entries(api)).toHaveLength(1));
    answers[0]?.resolve(apiError(503, "store_unavailable", "Indisponible"));
    await within(form).findByText(new RegExp(frModeration.failure.storeUnavailable));
    await user.click(submit);
    await waitFor(() => expect(entries(api)).toHaveLength(2));
    answers[1]?.resolve(entered({ status: "pending", rebuild: null }));
    await within(form).findByText(fieldEntryText.pending("Jeanne"));
    const [first, second] = entries(api);
    expect(second?.body?.idempotencyKey).toBe(first?.body?.idempotencyKey);
  });

  it("shows the server's issues at their fields, and unticks « publier » to leave it pending", async () => {
    let answer: Response = apiError(400, "invalid_input", fr.api.invalidInput, [
      { path: "communeCode", message: fr.communeNotInPostalCode },
    ]);
    const api = routes(() => answer);
    const user = userEvent.setup();
    render(<ModerationApp />);
    const form = await section();
    await fill(user, form);
    await user.click(within(form).getByRole("checkbox", { name: fieldEntryText.publishNow }));
    await user.click(within(form).getByRole("button", { name: fieldEntryText.submit }));
    expect(await summaryText(form)).toContain(fr.communeNotInPostalCode);
    answer = entered({ status: "pending", rebuild: null });
    await user.click(within(form).getByRole("button", { name: fieldEntryText.submit }));
    await within(form).findByText(fieldEntryText.pending("Jeanne"));
    const [refused, accepted] = entries(api);
    expect(refused?.body?.publishNow).toBe(false);
    // A refusal proves nothing was written: the next send has a key of its own.
    expect(accepted?.body?.idempotencyKey).not.toBe(refused?.body?.idempotencyKey);
  });
});
