// @vitest-environment happy-dom
/**
 * « Précisions « Autre » » in the moderation space: the pending texts listed
 * with their question, pseudonym and date; « Publier » and « Rejeter » (a
 * reason required, said in French) from the keyboard; a decided text leaves
 * the list and the focus moves on.
 */
import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AdminResponse, OtherText, otherTextDecisionResponseSchema } from "../../../src/domain/admin-responses";
import ModerationApp from "../../../src/islands/moderation/ModerationApp";
import { otherTextsText } from "../../../src/islands/moderation/OtherTextsSection";
import { apiError, json } from "../fetch-stub";
import { contribution, ids, page, REBUILT, storeSession, stubAdmin, TOKEN, tokenSession } from "./admin-stub";

const first = {
  id: "11111111-1111-4111-8111-111111111111",
  themeId: "ancrage-territorial",
  questionId: "principal-frein",
  questionTitle: "Quel est le principal frein ?",
  text: "Le manque de transports en commun",
  pseudonym: "Camille",
  status: "pending",
  moderationReason: null,
  createdAt: "2026-03-02T09:15:00.000Z",
  moderatedAt: null,
} satisfies OtherText;
const second = {
  ...first,
  id: "22222222-2222-4222-8222-222222222222",
  text: "Texte <b>hors</b> sujet",
  pseudonym: "Noé",
} satisfies OtherText;
const decided = (id: string) =>
  json({ id, changed: true, rebuild: REBUILT } satisfies AdminResponse<typeof otherTextDecisionResponseSchema>);

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  storeSession();
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function routes(decide: (body: Record<string, unknown> | undefined) => Response) {
  return stubAdmin({
    "GET /api/admin/session": tokenSession(),
    "GET /api/admin/queue": () => page([contribution(ids.a)]),
    "GET /api/admin/syntheses": () => json({ syntheses: [] }),
    "GET /api/admin/other-texts": () =>
      json({ items: [first, second], counts: { pending: 2, published: 0, rejected: 0 } }),
    "POST /api/admin/other-texts": ({ body }) => decide(body),
  });
}

const section = async () =>
  (await screen.findByRole("heading", { level: 2, name: otherTextsText.title })).closest("section") as HTMLElement;

describe("ModerationApp: « Précisions « Autre » »", () => {
  it("lists each pending text with its question, its pseudonym and its date, as text", async () => {
    routes(() => decided(first.id));
    render(<ModerationApp />);
    const list = await section();
    await waitFor(() => expect(within(list).getAllByRole("article")).toHaveLength(2));
    const [card] = within(list).getAllByRole("article");
    expect(within(card!).getByRole("heading", { level: 3 }).textContent).toBe(first.questionTitle);
    expect(card!.textContent).toContain(first.text);
    expect(card!.textContent).toContain("Camille");
    expect(card!.querySelector("time")?.getAttribute("datetime")).toBe(first.createdAt);
    // The citizen's text is text, never markup.
    expect(list.querySelector("b")).toBeNull();
    expect(list.textContent).toContain("Texte <b>hors</b> sujet");
  });

  it("publishes from the keyboard with the moderator's token; the text leaves the list, the focus moves on", async () => {
    const api = routes(() => decided(first.id));
    const user = userEvent.setup();
    render(<ModerationApp />);
    const list = await section();
    const publish = await within(list).findByRole("button", { name: `Publier ${otherTextsText.subject("Camille")}` });
    publish.focus();
    await user.keyboard("{Enter}");
    await waitFor(() => expect(within(list).getAllByRole("article")).toHaveLength(1));
    const post = api.calls().find((call) => call.method === "POST" && call.path === "/api/admin/other-texts");
    expect(post).toMatchObject({ authorization: `Bearer ${TOKEN}`, body: { id: first.id, decision: "publish" } });
    expect(list.textContent).toContain(otherTextsText.published("Camille"));
    await waitFor(() => expect(document.activeElement?.textContent).toBe(second.questionTitle));
  });

  it("rejects only with a reason: the server's French message shows, then the rejection goes through", async () => {
    const api = routes((body) =>
      body?.reasonCode
        ? decided(second.id)
        : apiError(400, "invalid_input", "Certains champs sont à corriger.", [
            { path: "reasonCode", message: "Choisissez la raison du rejet." },
          ]),
    );
    const user = userEvent.setup();
    render(<ModerationApp />);
    const list = await section();
    await user.click(await within(list).findByRole("button", { name: `Rejeter ${otherTextsText.subject("Noé")}` }));
    const form = await within(list).findByRole("form");
    await user.click(within(form).getByRole("button", { name: /^Confirmer le rejet/ }));
    expect((await within(form).findAllByText("Choisissez la raison du rejet.")).length).toBeGreaterThan(0);
    expect(within(list).getAllByRole("article")).toHaveLength(2);
    await user.click(within(form).getByLabelText("Hors sujet"));
    await user.click(within(form).getByRole("button", { name: /^Confirmer le rejet/ }));
    await waitFor(() => expect(within(list).getAllByRole("article")).toHaveLength(1));
    const posts = api.calls().filter((call) => call.method === "POST" && call.path === "/api/admin/other-texts");
    expect(posts.at(-1)?.body).toMatchObject({ id: second.id, decision: "reject", reasonCode: "off-topic" });
    expect(list.textContent).toContain(otherTextsText.rejected("Noé"));
  });
});
