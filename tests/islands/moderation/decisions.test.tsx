// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { moderationMessages } from "../../../src/domain/moderation";
import ModerationApp from "../../../src/islands/moderation/ModerationApp";
import { frModeration } from "../../../src/islands/moderation/messages.fr";
import { apiError, deferred, json } from "../fetch-stub";
import {
  announcer,
  COUNTS,
  contribution,
  ids,
  page,
  type Route,
  storeSession,
  stubAdmin,
  tokenSession,
} from "./admin-stub";

const REBUILD = "Le site public sera mis à jour dans environ deux minutes.";
const AFTER = {
  contribution: { pending: 2, published: 13, rejected: 2, flagged: 1 },
  initiative: COUNTS.initiative,
};

/** Three pending contributions: Camille (a), Sacha (b), Noé (c). */
const pending = () => [
  contribution(ids.a),
  contribution(ids.b, { pseudonym: "Sacha" }),
  contribution(ids.c, { pseudonym: "Noé" }),
];

/**
 * A workspace whose queue answers `items` for full pages and the counts
 * `after` for the one-item page read after a decision.
 */
function routes(decisions: Route, items: () => unknown[] = pending, extra: Record<string, Route> = {}) {
  return {
    "GET /api/admin/session": tokenSession(),
    "GET /api/admin/queue": ({ query }: { query: URLSearchParams }) =>
      query.get("limit") === "1" ? page([], null, AFTER) : page(items()),
    "GET /api/admin/syntheses": () => json({ syntheses: [] }),
    "POST /api/admin/decisions": decisions,
    ...extra,
  } satisfies Record<string, Route>;
}

const decided = (decidedIds: string[], unchanged: string[] = []) =>
  json({ decided: decidedIds, unchanged, rebuild: { status: "scheduled", message: REBUILD } });

const heading = (name: string) => screen.getByRole("heading", { name });
const decisionCalls = (api: ReturnType<typeof stubAdmin>) =>
  api.calls().filter((call) => call.path === "/api/admin/decisions");

async function start(decisions: Route, items?: () => unknown[], extra?: Record<string, Route>) {
  const api = stubAdmin(routes(decisions, items, extra));
  const user = userEvent.setup();
  render(<ModerationApp />);
  await screen.findByRole("article", { name: "Contribution de Camille" });
  return { api, user };
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  storeSession();
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("ModerationApp: deciding on one item", () => {
  it("publishes: the request, the item leaving, the focus on the next one, the counts and the rebuild message", async () => {
    const { api, user } = await start(() => decided([ids.a]));
    expect(screen.getByRole("button", { name: "Contributions : En attente (3)" })).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Publier la contribution de Camille" }));
    await waitFor(() => expect(screen.queryByRole("article", { name: "Contribution de Camille" })).toBeNull());
    const [call] = decisionCalls(api);
    expect(call?.method).toBe("POST");
    expect(call?.body).toEqual({ type: "contribution", ids: [ids.a], decision: "publish" });
    expect(document.activeElement).toBe(heading("Contribution de Sacha"));
    expect(announcer()).toBe(`${frModeration.decision.published("contribution", 1)} ${REBUILD}`);
    expect(announcer()).toBe(`1 contribution publiée. ${REBUILD}`);
    // The counts are read again: 2 pending, 13 published.
    expect(await screen.findByRole("button", { name: "Contributions : En attente (2)" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Contributions : Publiées (13)" })).toBeTruthy();
    expect(screen.getByRole("heading", { level: 2, name: "Contributions en attente (2)" })).toBeTruthy();
  });

  it("moves the focus to the queue heading when the last item is decided", async () => {
    const { user } = await start(
      () => decided([ids.a]),
      () => [contribution(ids.a)],
    );
    await user.click(screen.getByRole("button", { name: "Publier la contribution de Camille" }));
    await waitFor(() => expect(screen.queryAllByRole("article")).toHaveLength(0));
    expect(document.activeElement).toBe(screen.getByRole("heading", { level: 2, name: /^Contributions en attente/ }));
    expect(screen.getByText(frModeration.queues.empty)).toBeTruthy();
  });

  it("rejects with a reason: none chosen is refused in the browser, « Autre raison » needs a text", async () => {
    const { api, user } = await start(() => decided([ids.b]));
    const toggle = screen.getByRole("button", { name: "Rejeter la contribution de Sacha" });
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    await user.click(toggle);
    expect(toggle.getAttribute("aria-expanded")).toBe("true");
    const form = within(screen.getByRole("form", { name: "Rejeter la contribution de Sacha" }));
    const confirm = form.getByRole("button", { name: "Confirmer le rejet de la contribution de Sacha" });

    await user.click(confirm);
    expect(form.getByRole("link", { name: moderationMessages.reasonRequired })).toBeTruthy();
    expect(document.activeElement).toBe(form.getByRole("region", { name: /Le formulaire contient une erreur/ }));
    expect(decisionCalls(api)).toHaveLength(0);

    await user.click(form.getByLabelText("Autre raison"));
    await user.click(confirm);
    expect(form.getByRole("link", { name: moderationMessages.reasonTextRequired })).toBeTruthy();
    expect(form.getByLabelText(/^Précision/).getAttribute("aria-invalid")).toBe("true");
    expect(decisionCalls(api)).toHaveLength(0);

    await user.type(form.getByLabelText(/^Précision/), "  Message sans rapport avec la question.  ");
    await user.click(confirm);
    await waitFor(() => expect(screen.queryByRole("article", { name: "Contribution de Sacha" })).toBeNull());
    expect(decisionCalls(api)[0]?.body).toEqual({
      type: "contribution",
      ids: [ids.b],
      decision: "reject",
      reasonCode: "other",
      reasonText: "Message sans rapport avec la question.",
    });
    expect(announcer()).toBe(`1 contribution rejetée. ${REBUILD}`);
    expect(document.activeElement).toBe(heading("Contribution de Noé"));
  });

  it("sends a listed reason without a text, and closes with « Annuler » back on its button", async () => {
    const { api, user } = await start(() => decided([ids.a]));
    const toggle = screen.getByRole("button", { name: "Rejeter la contribution de Camille" });
    await user.click(toggle);
    await user.click(screen.getByRole("button", { name: "Annuler le rejet de la contribution de Camille" }));
    expect(toggle.getAttribute("aria-expanded")).toBe("false");
    expect(document.activeElement).toBe(toggle);
    await user.click(toggle);
    await user.click(screen.getByLabelText("Publicité ou promotion"));
    await user.click(screen.getByRole("button", { name: "Confirmer le rejet de la contribution de Camille" }));
    await waitFor(() => expect(decisionCalls(api)).toHaveLength(1));
    expect(decisionCalls(api)[0]?.body).toEqual({
      type: "contribution",
      ids: [ids.a],
      decision: "reject",
      reasonCode: "advertising",
    });
  });

  it("keeps the reason and its text when the server fails, and says what happened", async () => {
    let fail = true;
    const { api, user } = await start(() =>
      fail ? apiError(503, "store_unavailable", "Base indisponible.") : decided([ids.a]),
    );
    await user.click(screen.getByRole("button", { name: "Rejeter la contribution de Camille" }));
    await user.click(screen.getByLabelText("Autre raison"));
    await user.type(screen.getByLabelText(/^Précision/), "Coordonnées d'un tiers.");
    const confirm = screen.getByRole("button", { name: "Confirmer le rejet de la contribution de Camille" });
    await user.click(confirm);
    const status = document.getElementById(`moderation-item-${ids.a}-reject-form-status`)!;
    await waitFor(() => expect(status.textContent).toContain(frModeration.failure.storeUnavailable));
    expect(status.textContent).toContain(frModeration.failure.retryDecision);
    expect((screen.getByLabelText(/^Précision/) as HTMLTextAreaElement).value).toBe("Coordonnées d'un tiers.");
    expect((screen.getByLabelText("Autre raison") as HTMLInputElement).checked).toBe(true);
    expect(screen.getByRole("article", { name: "Contribution de Camille" })).toBeTruthy();

    fail = false;
    await user.click(confirm);
    await waitFor(() => expect(screen.queryByRole("article", { name: "Contribution de Camille" })).toBeNull());
    expect(decisionCalls(api)).toHaveLength(2);
    expect(decisionCalls(api)[1]?.body).toEqual(decisionCalls(api)[0]?.body);
  });

  it("shows the server's field errors on the reason form", async () => {
    const { user } = await start(() =>
      apiError(400, "invalid_input", "Certains champs sont à corriger.", [
        { path: "reasonText", message: moderationMessages.reasonTextTooLong },
      ]),
    );
    await user.click(screen.getByRole("button", { name: "Rejeter la contribution de Camille" }));
    await user.click(screen.getByLabelText("Doublon"));
    await user.type(screen.getByLabelText(/^Précision/), "Déjà envoyé.");
    await user.click(screen.getByRole("button", { name: "Confirmer le rejet de la contribution de Camille" }));
    expect(await screen.findByRole("link", { name: moderationMessages.reasonTextTooLong })).toBeTruthy();
    expect(screen.getByLabelText(/^Précision/).getAttribute("aria-invalid")).toBe("true");
  });

  it("says when the item had already been decided by someone else", async () => {
    const { user } = await start(() => decided([], [ids.a]));
    await user.click(screen.getByRole("button", { name: "Publier la contribution de Camille" }));
    await waitFor(() => expect(screen.queryByRole("article", { name: "Contribution de Camille" })).toBeNull());
    expect(announcer()).toBe(`${frModeration.decision.alreadyDone("contribution", 1)} ${REBUILD}`);
    expect(announcer()).toContain("déjà traitée");
  });

  it("does nothing more while a decision on the item is being sent", async () => {
    const answer = deferred();
    const { api, user } = await start(() => answer.promise);
    const publish = screen.getByRole("button", { name: "Publier la contribution de Camille" });
    await user.click(publish);
    await waitFor(() => expect(publish.getAttribute("aria-disabled")).toBe("true"));
    await user.click(publish);
    expect(decisionCalls(api)).toHaveLength(1);
    answer.resolve(decided([ids.a]));
    await waitFor(() => expect(screen.queryByRole("article", { name: "Contribution de Camille" })).toBeNull());
  });
});

describe("ModerationApp: deciding on a selection", () => {
  it("publishes the selected items in one request, and reports the ones already done", async () => {
    const { api, user } = await start(() => decided([ids.a], [ids.c]));
    await user.click(screen.getByRole("checkbox", { name: "Sélectionner la contribution de Camille" }));
    await user.click(screen.getByRole("checkbox", { name: "Sélectionner la contribution de Noé" }));
    expect(screen.getByText("2 contributions sélectionnées.")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Publier la sélection : les 2 contributions sélectionnées" }));

    await waitFor(() => expect(screen.getAllByRole("article")).toHaveLength(1));
    expect(decisionCalls(api)[0]?.body).toEqual({ type: "contribution", ids: [ids.a, ids.c], decision: "publish" });
    expect(screen.getByRole("article", { name: "Contribution de Sacha" })).toBeTruthy();
    expect(announcer()).toBe(
      `1 contribution publiée. ${frModeration.decision.alreadyDone("contribution", 1)} ${REBUILD}`,
    );
    expect(document.activeElement).toBe(heading("Contribution de Sacha"));
    expect(await screen.findByRole("button", { name: "Contributions : En attente (2)" })).toBeTruthy();
    expect(screen.getByText("Aucun élément sélectionné.")).toBeTruthy();
  });

  it("selects the whole page, and rejects it with one reason", async () => {
    const { api, user } = await start(() => decided([ids.a, ids.b, ids.c]));
    const all = screen.getByRole("checkbox", { name: "Tout sélectionner sur cette page" }) as HTMLInputElement;
    await user.click(screen.getByRole("checkbox", { name: "Sélectionner la contribution de Sacha" }));
    expect(all.indeterminate).toBe(true);
    await user.click(all);
    expect(all.checked).toBe(true);
    for (const box of screen.getAllByRole("checkbox", { name: /^Sélectionner la/ })) {
      expect((box as HTMLInputElement).checked).toBe(true);
    }
    await user.click(screen.getByRole("button", { name: "Rejeter la sélection : les 3 contributions sélectionnées" }));
    const form = within(screen.getByRole("form", { name: "Rejeter les 3 contributions sélectionnées" }));
    await user.click(form.getByLabelText("Hors sujet"));
    await user.click(form.getByRole("button", { name: "Confirmer le rejet des 3 contributions sélectionnées" }));

    await waitFor(() => expect(screen.queryAllByRole("article")).toHaveLength(0));
    expect(decisionCalls(api)[0]?.body).toEqual({
      type: "contribution",
      ids: [ids.a, ids.b, ids.c],
      decision: "reject",
      reasonCode: "off-topic",
    });
    expect(announcer()).toBe(`3 contributions rejetées. ${REBUILD}`);
    expect(document.activeElement).toBe(screen.getByRole("heading", { level: 2, name: /^Contributions en attente/ }));
  });

  it("says a selection is needed, without sending anything", async () => {
    const { api, user } = await start(() => decided([]));
    await user.click(screen.getByRole("button", { name: /^Publier la sélection/ }));
    expect(screen.getAllByText(moderationMessages.idsRequired).length).toBeGreaterThan(0);
    await user.click(screen.getByRole("button", { name: /^Rejeter la sélection/ }));
    expect(screen.queryByRole("form", { name: /^Rejeter les/ })).toBeNull();
    expect(decisionCalls(api)).toHaveLength(0);
  });
});

describe("ModerationApp: retained contributions and the site", () => {
  it("retains a published contribution for the synthesis, and lets it go", async () => {
    let retained = false;
    const api = stubAdmin({
      ...routes(
        () => decided([]),
        () => [contribution(ids.a, { status: "published", moderatedAt: "2018-05-15T09:00:00.000Z", retained })],
      ),
      "POST /api/admin/retained": ({ body }) => {
        retained = body?.retained === true;
        return json({ retained });
      },
    });
    const user = userEvent.setup();
    render(<ModerationApp />);
    await user.click(await screen.findByRole("button", { name: "Contributions : Publiées (12)" }));
    const toggle = await screen.findByRole("button", {
      name: "Retenir pour la synthèse : la contribution de Camille",
    });
    expect(toggle.getAttribute("aria-pressed")).toBe("false");
    expect(screen.queryByRole("button", { name: /^Publier la contribution/ })).toBeNull();

    await user.click(toggle);
    await waitFor(() => expect(toggle.getAttribute("aria-pressed")).toBe("true"));
    expect(api.calls().find((call) => call.path === "/api/admin/retained")?.body).toEqual({
      contributionId: ids.a,
      retained: true,
    });
    expect(announcer()).toBe("La contribution de Camille est retenue pour la synthèse.");
    expect(screen.getByText(/Retenue pour la synthèse/)).toBeTruthy();
    // Another queue does not keep the announcement about this one.
    await user.click(screen.getByRole("button", { name: "Contributions : En attente (3)" }));
    await waitFor(() => expect(announcer()).toBe(""));
    await user.click(screen.getByRole("button", { name: "Contributions : Publiées (12)" }));
    await waitFor(() => expect(toggle.isConnected).toBe(false));

    const again = await screen.findByRole("button", { name: "Retenir pour la synthèse : la contribution de Camille" });
    expect(again.getAttribute("aria-pressed")).toBe("true");
    await user.click(again);
    await waitFor(() => expect(again.getAttribute("aria-pressed")).toBe("false"));
    expect(api.calls().filter((call) => call.path === "/api/admin/retained")[1]?.body).toEqual({
      contributionId: ids.a,
      retained: false,
    });
    expect(announcer()).toBe("La contribution de Camille n'est plus retenue pour la synthèse.");
  });

  it("says when a contribution to retain is no longer published (404)", async () => {
    stubAdmin({
      ...routes(
        () => decided([]),
        () => [contribution(ids.a, { status: "published" })],
      ),
      "POST /api/admin/retained": () => apiError(404, "not_found", ""),
    });
    const user = userEvent.setup();
    render(<ModerationApp />);
    await user.click(await screen.findByRole("button", { name: "Contributions : Publiées (12)" }));
    await user.click(await screen.findByRole("button", { name: /^Retenir pour la synthèse/ }));
    await waitFor(() => expect(announcer()).toBe(frModeration.retained.notPublished));
  });

  it("asks for a rebuild of the site and shows the server's answer", async () => {
    const { api, user } = await start(() => decided([]), undefined, {
      "POST /api/admin/rebuild": () =>
        json({ rebuild: { status: "started", message: "La mise à jour du site a commencé." } }),
    });
    await user.click(screen.getByRole("button", { name: frModeration.rebuild.button }));
    expect(await screen.findByText("La mise à jour du site a commencé.")).toBeTruthy();
    expect(document.getElementById("moderation-rebuild-status")?.getAttribute("role")).toBe("status");
    expect(api.calls().find((call) => call.path === "/api/admin/rebuild")?.method).toBe("POST");
  });
});
