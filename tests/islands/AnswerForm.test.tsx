// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { themes } from "../../src/domain/consultation";
import { fr, frForms } from "../../src/domain/messages.fr";
import AnswerForm, { answerDraftKey } from "../../src/islands/AnswerForm";
import { forgetCommuneIndexes } from "../../src/islands/form-kit/api";
import { apiCalls, apiError, deferred, json, stubFetch } from "./fetch-stub";

const theme = themes[0]!;
const question = theme.questions[0]!;
const draftKey = answerDraftKey(theme.id, question.id);
const BODY = "Un espace de coworking a ouvert dans notre bourg il y a deux ans.";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function renderForm() {
  const user = userEvent.setup();
  const view = render(<AnswerForm themeId={theme.id} questionId={question.id} questionTitle={question.title} />);
  return { user, ...view };
}

const body = () => screen.getByLabelText(frForms.fields.answerBody);
const pseudonym = () => screen.getByLabelText(frForms.fields.pseudonym);
const profile = () => screen.getByLabelText(frForms.fields.profile);
const postalCode = () => screen.getByLabelText(frForms.fields.postalCode);
const submitButton = () => screen.getByRole("button", { name: frForms.submit.answer });
const status = () => document.getElementById(`reponse-${question.id}-status`)!;

async function fillValidAnswer(user: ReturnType<typeof userEvent.setup>) {
  await user.type(body(), BODY);
  await user.type(pseudonym(), "Camille");
  await user.selectOptions(profile(), "habitant");
  await user.type(postalCode(), "23000");
  await screen.findByText(frForms.commune.found("Guéret"));
}

function storedDraft(): { values: Record<string, unknown>; idempotencyKey?: string } | null {
  const raw = localStorage.getItem(draftKey);
  return raw ? JSON.parse(raw) : null;
}

beforeEach(() => {
  localStorage.clear();
  forgetCommuneIndexes();
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("AnswerForm: validation", () => {
  it("shows no error when a field is left, so that nothing moves before the submit button is pressed", async () => {
    stubFetch(() => json({}));
    const { user } = renderForm();
    await user.type(pseudonym(), "C");
    await user.type(postalCode(), "2300");
    await user.tab();
    expect(pseudonym().getAttribute("aria-invalid")).toBeNull();
    expect(postalCode().getAttribute("aria-invalid")).toBeNull();
    expect(document.querySelector(".field-error")).toBeNull();
    expect(screen.queryByRole("region", { name: /erreur/i })).toBeNull();
  });

  it("shows a field's error on submit, wired with aria-invalid and aria-describedby, and drops it once fixed", async () => {
    stubFetch(() => json({}));
    const { user } = renderForm();
    await user.type(pseudonym(), "C");
    await user.click(submitButton());
    const input = pseudonym();
    expect(input.getAttribute("aria-invalid")).toBe("true");
    const describedBy = input.getAttribute("aria-describedby")!.split(" ");
    const error = document.getElementById(`${input.id}-error`)!;
    expect(describedBy).toContain(error.id);
    expect(describedBy).toContain(`${input.id}-hint`);
    expect(error.textContent).toBe(`⚠\uFE0E\u00a0${frForms.errorPrefix}${fr.pseudonym.tooShort}`);

    // Fixed while typing: the error goes at once; leaving the field adds none to the others.
    await user.type(pseudonym(), "amille");
    expect(pseudonym().getAttribute("aria-invalid")).toBeNull();
    expect(document.getElementById(`${input.id}-error`)).toBeNull();
    await user.clear(screen.getByLabelText(/Adresse électronique/));
    await user.type(screen.getByLabelText(/Adresse électronique/), "pas-une-adresse");
    await user.tab();
    expect(document.getElementById(`${screen.getByLabelText(/Adresse électronique/).id}-error`)).toBeNull();
  });

  it("lists every error on submit in a focused summary whose links lead to the fields", async () => {
    const fetchMock = stubFetch(() => json({}));
    const { user } = renderForm();
    await user.click(submitButton());

    const summary = screen.getByRole("region", { name: frForms.summaryTitle(4) });
    expect(document.activeElement).toBe(summary);
    const links = within(summary).getAllByRole("link");
    expect(links.map((link) => link.textContent)).toEqual([
      fr.body.tooShort(20),
      fr.pseudonym.tooShort,
      fr.profile,
      fr.postalCode,
    ]);
    // The missing commune is not listed apart: with no list on screen, it is the postal code's business.
    expect(links.map((link) => link.getAttribute("href"))).toEqual([
      `#${body().id}`,
      `#${pseudonym().id}`,
      `#${profile().id}`,
      `#${postalCode().id}`,
    ]);
    for (const field of [body(), pseudonym(), profile(), postalCode()]) {
      expect(field.getAttribute("aria-invalid")).toBe("true");
    }
    await user.click(links[2]!);
    expect(document.activeElement).toBe(profile());
    expect(apiCalls(fetchMock)).toHaveLength(0);
  });

  it("asks for consent when an email is given, even while other fields are wrong", async () => {
    stubFetch(() => json({}));
    const { user } = renderForm();
    await user.type(screen.getByLabelText(/Adresse électronique/), "camille@exemple.fr");
    await user.click(submitButton());
    const consent = screen.getByRole("checkbox");
    expect(consent.getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(`${consent.id}-error`)?.textContent).toContain(fr.consentRequired);
    await user.click(consent);
    expect(consent.getAttribute("aria-invalid")).toBeNull();
  });

  it("links the character counter to the text and announces thresholds, not keystrokes", async () => {
    stubFetch(() => json({}));
    const { user } = renderForm();
    const counterId = body()
      .getAttribute("aria-describedby")!
      .split(" ")
      .find((id) => id.endsWith("-counter"))!;
    await user.type(body(), "Court");
    expect(document.getElementById(counterId)?.textContent).toContain(frForms.counter.status(5, 4000));
    const live = document.getElementById(counterId)!.nextElementSibling!;
    expect(live.getAttribute("aria-live")).toBe("polite");
    expect(live.textContent).toBe("");
    await user.type(body(), " mais assez long maintenant");
    expect(live.textContent).toBe(frForms.counter.minReached);
  });

  it("counts characters as the schema and the database do: an emoji is one, an accent typed apart is none", async () => {
    stubFetch(() => json({}));
    const { user } = renderForm();
    const counter = () => document.getElementById(`${body().id}-counter`)!;
    const live = () => counter().nextElementSibling!;
    // No maxlength attribute: browsers count it in UTF-16 units, and would stop a valid text at 2,000 emoji.
    expect(body().hasAttribute("maxlength")).toBe(false);
    await user.click(body());
    await user.paste("cafe\u0301");
    expect(counter().textContent).toContain(frForms.counter.status(4, 4000));
    await user.clear(body());
    await user.paste("😀".repeat(4000));
    expect(counter().textContent).toBe(frForms.counter.status(4000, 4000));
    expect(live().textContent).toBe(frForms.counter.full);
    await user.click(submitButton());
    expect(body().getAttribute("aria-invalid")).toBeNull();
    await user.click(body());
    await user.paste("😀");
    expect(counter().textContent).toBe(frForms.counter.status(4001, 4000));
    expect(live().textContent).toBe(frForms.counter.over(1));
    await user.click(submitButton());
    expect(body().getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(`${body().id}-error`)?.textContent).toContain(fr.body.tooLong(4000));
  });

  it("says so when the text has no visible character", async () => {
    stubFetch(() => json({}));
    const { user } = renderForm();
    await user.click(body());
    await user.paste("\u200B\u200D\u2060".repeat(10));
    await user.click(submitButton());
    expect(document.getElementById(`${body().id}-error`)?.textContent).toContain(fr.body.invisible);
  });

  it("has a honeypot that people neither see nor reach, sent empty", async () => {
    stubFetch(() => json({}));
    renderForm();
    const honeypot = document.querySelector<HTMLInputElement>('input[name="website"]')!;
    expect(honeypot.tabIndex).toBe(-1);
    expect(honeypot.getAttribute("autocomplete")).toBe("off");
    expect(honeypot.closest('[aria-hidden="true"]')).not.toBeNull();
  });
});

describe("AnswerForm: postal code and commune", () => {
  it("chooses and announces the only commune of a postal code", async () => {
    const fetchMock = stubFetch(() => json({ id: "x", status: "pending" }, 201));
    const { user } = renderForm();
    await fillValidAnswer(user);
    expect(screen.getByText(frForms.commune.found("Guéret")).getAttribute("role")).toBe("status");
    await user.click(submitButton());
    await screen.findByText(frForms.success.answer);
    expect(apiCalls(fetchMock)[0]?.body).toMatchObject({ postalCode: "23000", communeCode: "23096" });
  });

  it("offers a list when several communes share the postal code", async () => {
    const fetchMock = stubFetch(() => json({ id: "x", status: "pending" }, 201));
    const { user } = renderForm();
    await user.type(postalCode(), "23200");
    const list = await screen.findByLabelText(frForms.fields.commune);
    expect(
      within(list)
        .getAllByRole("option")
        .map((option) => option.textContent),
    ).toEqual([frForms.fields.communePlaceholder, "Aubusson", "Blessac", "Saint-Pardoux-le-Neuf"]);
    expect(screen.getByText(frForms.commune.several(3))).toBeTruthy();
    await user.selectOptions(list, "23016");
    await user.type(body(), BODY);
    await user.type(pseudonym(), "Camille");
    await user.selectOptions(profile(), "habitant");
    await user.click(submitButton());
    await screen.findByText(frForms.success.answer);
    expect(apiCalls(fetchMock)[0]?.body).toMatchObject({ postalCode: "23200", communeCode: "23016" });
    // One file per prefix, fetched once.
    expect(fetchMock.mock.calls.filter(([url]) => String(url) === "/communes/23.json")).toHaveLength(1);
  });

  it("keeps the commune of a restored draft when the list still has it", async () => {
    stubFetch(() => json({}));
    localStorage.setItem(
      draftKey,
      JSON.stringify({
        version: 1,
        values: { postalCode: "23200", communeCode: "23016" },
        savedAt: "2018-05-15T08:00:00.000Z",
      }),
    );
    renderForm();
    const list = (await screen.findByLabelText(frForms.fields.commune)) as HTMLSelectElement;
    await waitFor(() => expect(list.value).toBe("23016"));
  });

  it("says at once, under the field, when no commune has the postal code, and makes it the field's error on submit", async () => {
    stubFetch(() => json({}));
    const { user } = renderForm();
    const statusLine = () => document.getElementById(`reponse-${question.id}-commune-status`)!;
    await user.type(postalCode(), "23999");
    await waitFor(() => expect(statusLine().textContent).toBe(fr.unknownPostalCode));
    expect(statusLine().getAttribute("role")).toBe("status");
    expect(postalCode().getAttribute("aria-describedby")?.split(" ")).toContain(statusLine().id);
    // Under the field, not above it: the field itself does not move while the citizen looks at it.
    expect(document.getElementById(`${postalCode().id}-error`)).toBeNull();
    await user.click(submitButton());
    expect(postalCode().getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(`${postalCode().id}-error`)?.textContent).toContain(fr.unknownPostalCode);
    // Said once: the status line gives way to the field's error.
    expect(statusLine().textContent).toBe("");
    // An unknown prefix (no index file) is the same answer.
    await user.clear(postalCode());
    await user.type(postalCode(), "00100");
    await waitFor(() =>
      expect(document.getElementById(`${postalCode().id}-error`)?.textContent).toContain(fr.unknownPostalCode),
    );
  });

  it("says when the list cannot be loaded, keeps the typing free, and retries", async () => {
    const communes: Record<string, unknown> = { "/communes/23.json": new TypeError("Failed to fetch") };
    stubFetch(() => json({}), communes);
    const { user } = renderForm();
    await user.type(postalCode(), "23000");
    // Testing Library collapses the text's no-break spaces («\u00a0…\u00a0»): compare the same way.
    await screen.findByText(frForms.commune.unavailable.replace(/\s+/g, " "));
    expect((postalCode() as HTMLInputElement).disabled).toBe(false);
    communes["/communes/23.json"] = { "23000": [{ code: "23096", nom: "Guéret" }] };
    await user.click(screen.getByRole("button", { name: frForms.commune.retry }));
    await screen.findByText(frForms.commune.found("Guéret"));
  });
});

describe("AnswerForm: sending, nothing lost", () => {
  it("sends once with an idempotency key, then confirms with focus and clears the draft", async () => {
    const fetchMock = stubFetch(() => json({ id: "6f1c1d3e-6a8b-4a52-9b0e-0d5a6c1e2f3a", status: "pending" }, 201));
    const { user } = renderForm();
    await fillValidAnswer(user);
    expect(storedDraft()?.values).toMatchObject({ body: BODY, pseudonym: "Camille" });
    await user.click(submitButton());

    const message = await screen.findByText(frForms.success.answer);
    expect(document.activeElement).toBe(message.parentElement);
    expect(localStorage.getItem(draftKey)).toBeNull();
    const [call, ...others] = apiCalls(fetchMock);
    expect(others).toHaveLength(0);
    expect(call?.url).toBe("/api/contributions");
    expect(call?.idempotencyKey).toMatch(UUID);
    expect(call?.body).toEqual({
      themeId: theme.id,
      questionId: question.id,
      body: BODY,
      pseudonym: "Camille",
      profile: "habitant",
      postalCode: "23000",
      communeCode: "23096",
      contactConsent: false,
      website: "",
    });
  });

  it("never sends twice on a double click, and says it is sending with the button still focusable", async () => {
    const pending = deferred();
    const fetchMock = stubFetch(() => pending.promise);
    const { user } = renderForm();
    await fillValidAnswer(user);
    await user.dblClick(submitButton());
    await user.click(submitButton());
    expect(apiCalls(fetchMock)).toHaveLength(1);
    expect(submitButton().getAttribute("aria-disabled")).toBe("true");
    expect((submitButton() as HTMLButtonElement).disabled).toBe(false);
    await waitFor(() => expect(status().textContent).toBe(frForms.sending));
    pending.resolve(json({ id: "x", status: "pending" }, 201));
    await screen.findByText(frForms.success.answer);
    expect(apiCalls(fetchMock)).toHaveLength(1);
  });

  it("keeps the text after a network failure and retries with the same key", async () => {
    const answers: (() => Response)[] = [
      () => {
        throw new TypeError("Failed to fetch");
      },
      () => json({ id: "x", status: "pending" }, 201),
    ];
    const fetchMock = stubFetch(() => answers.shift()!());
    const { user } = renderForm();
    await fillValidAnswer(user);
    await user.click(submitButton());

    await waitFor(() => expect(status().textContent).toContain(frForms.failure.network));
    expect(status().textContent).toContain(frForms.failure.textKept);
    const draft = storedDraft();
    expect(draft?.values).toMatchObject({ body: BODY });
    expect(draft?.idempotencyKey).toBe(apiCalls(fetchMock)[0]?.idempotencyKey);
    expect((body() as HTMLTextAreaElement).value).toBe(BODY);

    await user.click(screen.getByRole("button", { name: frForms.retry }));
    await screen.findByText(frForms.success.answer);
    const [first, second] = apiCalls(fetchMock);
    expect(second?.idempotencyKey).toBe(first?.idempotencyKey);
    expect(second?.body).toEqual(first?.body);
    expect(localStorage.getItem(draftKey)).toBeNull();
  });

  it("keeps the text after a 503 and retries with the same key", async () => {
    const answers = [
      () => apiError(503, "store_unavailable", "Le service est momentanément indisponible."),
      () => json({ id: "x", status: "pending" }, 201),
    ];
    const fetchMock = stubFetch(() => answers.shift()!());
    const { user } = renderForm();
    await fillValidAnswer(user);
    await user.click(submitButton());
    await waitFor(() => expect(status().textContent).toContain(frForms.failure.unavailable));
    expect(storedDraft()?.values).toMatchObject({ body: BODY });
    await user.click(screen.getByRole("button", { name: frForms.retry }));
    await screen.findByText(frForms.success.answer);
    const [first, second] = apiCalls(fetchMock);
    expect(second?.idempotencyKey).toBe(first?.idempotencyKey);
  });

  it("treats an HTML error page from a proxy like a 5xx", async () => {
    stubFetch(() => new Response("<html>Bad gateway</html>", { status: 502 }));
    const { user } = renderForm();
    await fillValidAnswer(user);
    await user.click(submitButton());
    await waitFor(() => expect(status().textContent).toContain(frForms.failure.unavailable));
    expect(screen.getByRole("button", { name: frForms.retry })).toBeTruthy();
  });

  it("mentions the wait after a 429", async () => {
    stubFetch(() => apiError(429, "rate_limited", "Trop de requêtes.", [], { "Retry-After": "120" }));
    const { user } = renderForm();
    await fillValidAnswer(user);
    await user.click(submitButton());
    await waitFor(() => expect(status().textContent).toContain(frForms.failure.rateLimited("2 minutes")));
    expect(storedDraft()?.values).toMatchObject({ body: BODY });
  });

  it("shows a 400's issues on the fields like its own, and uses a new key once the text changes", async () => {
    const answers = [
      () =>
        apiError(400, "invalid_input", "Le formulaire contient des erreurs.", [
          { path: "communeCode", message: fr.communeNotInPostalCode },
          { path: "body", message: "Ce texte a déjà été refusé par la modération." },
        ]),
      () => json({ id: "x", status: "pending" }, 201),
    ];
    const fetchMock = stubFetch(() => answers.shift()!());
    const { user } = renderForm();
    await fillValidAnswer(user);
    await user.click(submitButton());

    const summary = await screen.findByRole("region", { name: frForms.summaryTitle(2) });
    expect(document.activeElement).toBe(summary);
    expect(body().getAttribute("aria-invalid")).toBe("true");
    expect(document.getElementById(`${body().id}-error`)?.textContent).toContain("déjà été refusé");
    expect(document.getElementById(`${postalCode().id}-error`)?.textContent).toContain(fr.communeNotInPostalCode);
    // Leaving a field the server flagged keeps its error: the browser cannot check it again.
    await user.click(body());
    await user.tab();
    expect(body().getAttribute("aria-invalid")).toBe("true");

    await user.type(body(), " Et un ajout.");
    await user.click(submitButton());
    await screen.findByText(frForms.success.answer);
    const [first, second] = apiCalls(fetchMock);
    expect(second?.idempotencyKey).toMatch(UUID);
    expect(second?.idempotencyKey).not.toBe(first?.idempotencyKey);
  });

  it("keeps an edit made after a lost answer, when the server already had the first version (422), and sends it under a new key", async () => {
    const answers: (() => Response)[] = [
      () => {
        throw new TypeError("Failed to fetch");
      },
      () => apiError(422, "idempotency_key_reused", fr.api.changedReplay),
      () => json({ id: "y", status: "pending" }, 201),
    ];
    const fetchMock = stubFetch(() => answers.shift()!());
    const { user } = renderForm();
    await fillValidAnswer(user);
    await user.click(submitButton());
    await waitFor(() => expect(status().textContent).toContain(frForms.failure.network));

    await user.type(body(), " Et un ajout.");
    await user.click(screen.getByRole("button", { name: frForms.retry }));
    await waitFor(() => expect(status().textContent).toBe(fr.api.changedReplay));
    expect((body() as HTMLTextAreaElement).value).toBe(`${BODY} Et un ajout.`);
    expect(storedDraft()?.values).toMatchObject({ body: `${BODY} Et un ajout.` });

    await user.click(submitButton());
    await screen.findByText(frForms.success.answer);
    const [first, second, third] = apiCalls(fetchMock);
    expect(second?.idempotencyKey).toBe(first?.idempotencyKey);
    expect(third?.idempotencyKey).toMatch(UUID);
    expect(third?.idempotencyKey).not.toBe(first?.idempotencyKey);
    expect(third?.body).toMatchObject({ body: `${BODY} Et un ajout.` });
  });

  it("says why when the consultation is closed, and keeps the text", async () => {
    stubFetch(() => apiError(409, "consultation_closed", ""));
    const { user } = renderForm();
    await fillValidAnswer(user);
    await user.click(submitButton());
    await waitFor(() => expect(status().textContent).toBe(frForms.failure.consultationClosed));
    expect(screen.queryByRole("button", { name: frForms.retry })).toBeNull();
    expect(storedDraft()?.values).toMatchObject({ body: BODY });
  });

  it("says when the consultation is not open yet, and keeps the text", async () => {
    stubFetch(() => apiError(409, "consultation_not_open", ""));
    const { user } = renderForm();
    await fillValidAnswer(user);
    await user.click(submitButton());
    await waitFor(() => expect(status().textContent).toBe(frForms.failure.consultationNotOpen));
    expect(screen.queryByRole("button", { name: frForms.retry })).toBeNull();
    expect(storedDraft()?.values).toMatchObject({ body: BODY });
  });

  it("restores the draft after a reload, key included, and says so", async () => {
    const fetchMock = stubFetch(() => {
      throw new TypeError("Failed to fetch");
    });
    const first = renderForm();
    await fillValidAnswer(first.user);
    await first.user.click(submitButton());
    await waitFor(() => expect(status().textContent).toContain(frForms.failure.network));
    const key = apiCalls(fetchMock)[0]?.idempotencyKey;
    first.unmount();

    fetchMock.mockImplementation(async (input) =>
      String(input).startsWith("/communes/")
        ? json({ "23000": [{ code: "23096", nom: "Guéret" }] })
        : json({ id: "x", status: "pending" }, 201),
    );
    const { user } = renderForm();
    expect(await screen.findByText(/Nous avons retrouvé le brouillon/)).toBeTruthy();
    expect((body() as HTMLTextAreaElement).value).toBe(BODY);
    expect((pseudonym() as HTMLInputElement).value).toBe("Camille");
    expect((profile() as HTMLSelectElement).value).toBe("habitant");
    expect((postalCode() as HTMLInputElement).value).toBe("23000");
    await screen.findByText(frForms.commune.found("Guéret"));
    await user.click(submitButton());
    await screen.findByText(frForms.success.answer);
    expect(apiCalls(fetchMock).at(-1)?.idempotencyKey).toBe(key);
  });

  it("lets the citizen discard a restored draft", async () => {
    stubFetch(() => json({}));
    localStorage.setItem(
      draftKey,
      JSON.stringify({ version: 1, values: { body: BODY }, savedAt: "2018-05-15T08:00:00.000Z" }),
    );
    const { user } = renderForm();
    await user.click(await screen.findByRole("button", { name: frForms.draft.discard }));
    expect((body() as HTMLTextAreaElement).value).toBe("");
    expect(localStorage.getItem(draftKey)).toBeNull();
    expect(screen.getByText(frForms.draft.discarded)).toBeTruthy();
  });
});
