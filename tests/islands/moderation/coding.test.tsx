// @vitest-environment happy-dom
/**
 * « Catégories et extraits » under a contribution of the queue: closed until
 * opened (a queue asks nothing more), the categories as checkboxes from the
 * keyboard, only what changed sent; a passage selected in the text (or typed)
 * extracted with a category, its position in code points; the extracts
 * listed with their category and who made them; every failure said in
 * French, the choice kept and the button saying to retry.
 */
import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AdminResponse } from "../../../src/domain/admin-responses";
import { type CodingUpdate, type codingUpdateSchema, contributionCodingSchema } from "../../../src/domain/coding";
import { codingText } from "../../../src/islands/moderation/CodingPanel";
import ModerationApp from "../../../src/islands/moderation/ModerationApp";
import { apiError, json } from "../fetch-stub";
import {
  type AdminCall,
  contribution,
  ids,
  page,
  type Route,
  storeSession,
  stubAdmin,
  tokenSession,
} from "./admin-stub";

const BODY = "Ici 😀 il manque un lieu pour se retrouver le soir, et le bus ne passe plus.";
const AT = "2018-05-15T08:00:00.000Z";

/** A coding as the API answers it, checked against the shared shape so that the stub cannot drift. */
function codingOf(overrides: Partial<CodingUpdate["coding"]> = {}) {
  return contributionCodingSchema.parse({ contributionId: ids.a, categories: [], extracts: [], ...overrides });
}
const updated = (coding: CodingUpdate["coding"], changed = true) =>
  json({ changed, coding } satisfies AdminResponse<typeof codingUpdateSchema>);

function routes(post: Route, get: Route = () => json(codingOf())) {
  return stubAdmin({
    "GET /api/admin/session": tokenSession(),
    "GET /api/admin/queue": () => page([contribution(ids.a, { body: BODY })]),
    "GET /api/admin/syntheses": () => json({ syntheses: [] }),
    "GET /api/admin/coding": get,
    "POST /api/admin/coding": post,
  });
}
const codingCalls = (calls: AdminCall[]) => calls.filter((call) => call.path === "/api/admin/coding");

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  storeSession();
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function openPanel() {
  const user = userEvent.setup();
  render(<ModerationApp />);
  const card = (await screen.findByText(BODY)).closest("article") as HTMLElement;
  const toggle = within(card).getByRole("button", { name: new RegExp(codingText.open) });
  expect(toggle.getAttribute("aria-expanded")).toBe("false");
  toggle.focus();
  await user.keyboard("{Enter}");
  expect(toggle.getAttribute("aria-expanded")).toBe("true");
  await within(card).findByRole("group", { name: codingText.categories });
  return { user, card };
}

describe("ModerationApp: coding a contribution", () => {
  it("asks for nothing until opened, then tags from the keyboard and sends only what changed", async () => {
    const api = routes(
      () =>
        updated(
          codingOf({
            categories: [
              { categoryId: "exemple", by: "Alice", at: AT },
              { categoryId: "obstacle", by: "Équipe de la mission", at: AT },
            ],
          }),
        ),
      () => json(codingOf({ categories: [{ categoryId: "exemple", by: "Alice", at: AT }] })),
    );
    render(<ModerationApp />);
    await screen.findByText(BODY);
    expect(codingCalls(api.calls())).toEqual([]);
    cleanup();

    const { user, card } = await openPanel();
    const exemple = within(card).getByRole("checkbox", { name: "Exemple" }) as HTMLInputElement;
    expect(exemple.checked).toBe(true);
    // Who added it, beside the category's description.
    expect(card.textContent).toContain("ajoutée par Alice");
    const obstacle = within(card).getByRole("checkbox", { name: "Obstacle" }) as HTMLInputElement;
    expect(obstacle.getAttribute("aria-describedby")).toBeTruthy();
    obstacle.focus();
    await user.keyboard(" ");
    expect(obstacle.checked).toBe(true);
    await user.click(within(card).getByRole("button", { name: codingText.save }));

    await waitFor(() => expect(within(card).getByRole("status").textContent).toBe(codingText.saved));
    const [get, post] = codingCalls(api.calls());
    expect(get?.query.get("contributionId")).toBe(ids.a);
    expect(post?.authorization).toMatch(/^Bearer /);
    expect(post?.body).toEqual({ action: "tag", contributionId: ids.a, add: ["obstacle"], remove: [] });
  });

  it("keeps the choice when the server cannot be reached, says so in French, and the button says to retry", async () => {
    let down = true;
    const api = routes(() => {
      if (down) throw new TypeError("Failed to fetch");
      return updated(codingOf({ categories: [{ categoryId: "question", by: "Équipe de la mission", at: AT }] }));
    });
    const { user, card } = await openPanel();
    const question = within(card).getByRole("checkbox", { name: "Question" }) as HTMLInputElement;
    await user.click(question);
    await user.click(within(card).getByRole("button", { name: codingText.save }));

    const retry = await within(card).findByRole("button", { name: codingText.retrySave });
    expect(question.checked).toBe(true);
    const status = within(card).getByRole("status");
    expect(status.textContent).toMatch(/serveur n'a pas pu être joint/);
    expect(status.className).toContain("form-status-failure");

    down = false;
    await user.click(retry);
    await waitFor(() => expect(status.textContent).toBe(codingText.saved));
    expect(within(card).getByRole("button", { name: codingText.save })).toBeTruthy();
    const posts = codingCalls(api.calls()).filter((call) => call.method === "POST");
    expect(posts.map((call) => call.body)).toEqual([
      { action: "tag", contributionId: ids.a, add: ["question"], remove: [] },
      { action: "tag", contributionId: ids.a, add: ["question"], remove: [] },
    ]);
  });

  it("extracts a passage selected in the text, with its position in code points, and lists it with who made it", async () => {
    const passage = "il manque un lieu";
    const start = Array.from(BODY.slice(0, BODY.indexOf(passage))).length;
    const api = routes(() =>
      updated(
        codingOf({
          extracts: [
            {
              id: ids.b,
              categoryId: "obstacle",
              start,
              end: start + passage.length,
              text: passage,
              by: "Équipe de la mission",
              at: AT,
            },
          ],
        }),
      ),
    );
    const { user, card } = await openPanel();

    // Select the passage in the contribution's text, with the spaces around it.
    const textNode = within(card).getByText(BODY).firstChild as Text;
    const range = document.createRange();
    range.setStart(textNode, BODY.indexOf(passage) - 1);
    range.setEnd(textNode, BODY.indexOf(passage) + passage.length + 1);
    const selection = document.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    document.dispatchEvent(new Event("selectionchange"));

    const field = within(card).getByRole("textbox", { name: codingText.passage }) as HTMLTextAreaElement;
    await waitFor(() => expect(field.value).toBe(passage));
    await user.selectOptions(within(card).getByRole("combobox", { name: codingText.category }), "obstacle");
    await user.click(within(card).getByRole("button", { name: codingText.extract }));

    await waitFor(() => expect(within(card).getByRole("status").textContent).toBe(codingText.extracted("Obstacle")));
    const post = codingCalls(api.calls()).find((call) => call.method === "POST");
    expect(post?.body).toEqual({
      action: "extract",
      contributionId: ids.a,
      categoryId: "obstacle",
      start,
      end: start + passage.length,
      text: passage,
    });
    expect(field.value).toBe("");
    const item = within(card).getByText(passage).closest("li") as HTMLElement;
    expect(item.textContent).toContain("Obstacle");
    expect(item.textContent).toContain("par Équipe de la mission");
    expect(within(item).getByRole("button", { name: `Retirer l'extrait « ${passage} »` })).toBeTruthy();
  });

  it("finds a typed passage in the text; refuses in French one that is not there, or without a category", async () => {
    const api = routes(({ body }) => (body ? updated(codingOf(), true) : apiError(500, "internal")));
    const { user, card } = await openPanel();
    const field = within(card).getByRole("textbox", { name: codingText.passage });
    const extract = within(card).getByRole("button", { name: codingText.extract });
    const status = within(card).getByRole("status");

    await user.click(extract);
    expect(status.textContent).toBe(codingText.noPassage);
    await user.type(field, "le bus ne passe plus");
    await user.click(extract);
    expect(status.textContent).toBe(codingText.noCategory);
    await user.selectOptions(within(card).getByRole("combobox", { name: codingText.category }), "question");
    await user.clear(field);
    await user.type(field, "le train ne passe plus");
    await user.click(extract);
    expect(status.textContent).toBe(codingText.notInText);
    expect(codingCalls(api.calls()).filter((call) => call.method === "POST")).toEqual([]);

    await user.clear(field);
    await user.type(field, "le bus ne passe plus");
    await user.click(extract);
    await waitFor(() => expect(codingCalls(api.calls()).filter((call) => call.method === "POST")).toHaveLength(1));
    const sent = codingCalls(api.calls()).find((call) => call.method === "POST")?.body;
    const index = Array.from(BODY).join("").indexOf("le bus ne passe plus");
    expect(sent).toMatchObject({ text: "le bus ne passe plus", start: index - 1, end: index - 1 + 20 });
  });

  it("shows the server's French refusal of a passage, and a removal that failed says to retry", async () => {
    const extract = {
      id: ids.b,
      categoryId: "solution",
      start: 0,
      end: 3,
      text: "Ici",
      by: "Alice",
      at: AT,
    };
    let removals = 0;
    routes(
      ({ body }) => {
        if (body?.action === "extract") {
          return apiError(400, "invalid_input", "La demande contient des erreurs.", [
            { path: "text", message: "Ce passage ne correspond pas au texte de la contribution à cette position." },
          ]);
        }
        removals += 1;
        return removals === 1 ? apiError(503, "store_unavailable", "") : updated(codingOf());
      },
      () => json(codingOf({ extracts: [extract] })),
    );
    const { user, card } = await openPanel();
    await user.type(within(card).getByRole("textbox", { name: codingText.passage }), "Ici");
    await user.selectOptions(within(card).getByRole("combobox", { name: codingText.category }), "solution");
    await user.click(within(card).getByRole("button", { name: codingText.extract }));
    const status = within(card).getByRole("status");
    await waitFor(() =>
      expect(status.textContent).toBe("Ce passage ne correspond pas au texte de la contribution à cette position."),
    );

    const remove = within(card).getByRole("button", { name: "Retirer l'extrait « Ici »" });
    await user.click(remove);
    await within(card).findByRole("button", { name: "Réessayer de retirer l'extrait « Ici »" });
    expect(status.textContent).toMatch(/base de données est momentanément indisponible/);
    await user.click(within(card).getByRole("button", { name: "Réessayer de retirer l'extrait « Ici »" }));
    await waitFor(() => expect(status.textContent).toBe(codingText.removed));
    expect(within(card).getByText(codingText.none)).toBeTruthy();
  });

  it("says in French when the coding cannot be loaded, and loads it again on request", async () => {
    let loads = 0;
    routes(
      () => updated(codingOf()),
      () => {
        loads += 1;
        return loads === 1 ? apiError(503, "store_unavailable", "") : json(codingOf());
      },
    );
    const user = userEvent.setup();
    render(<ModerationApp />);
    const card = (await screen.findByText(BODY)).closest("article") as HTMLElement;
    await user.click(within(card).getByRole("button", { name: new RegExp(codingText.open) }));
    await within(card).findByText(/base de données est momentanément indisponible/);
    await user.click(within(card).getByRole("button", { name: codingText.retryLoad }));
    expect(await within(card).findByRole("group", { name: codingText.categories })).toBeTruthy();
  });
});
