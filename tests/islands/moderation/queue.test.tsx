// @vitest-environment happy-dom
import { cleanup, configure, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { themes } from "../../../src/domain/consultation";
import ModerationApp from "../../../src/islands/moderation/ModerationApp";
import { frModeration } from "../../../src/islands/moderation/messages.fr";
import { apiError, json } from "../fetch-stub";
import {
  announcer,
  COUNTS,
  contribution,
  ids,
  initiative,
  page,
  question,
  type Route,
  storeSession,
  stubAdmin,
  theme,
  tokenSession,
} from "./admin-stub";

function routes(queue: Route): Record<string, Route> {
  return {
    "GET /api/admin/session": tokenSession(),
    "GET /api/admin/queue": queue,
    "GET /api/admin/syntheses": () => json({ syntheses: [] }),
  };
}

// The island renders several sections before the queue: on a busy machine that takes more than a second.
configure({ asyncUtilTimeout: 5000 });

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  storeSession();
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("ModerationApp: the queue", () => {
  it("shows a text with markup as text, never as HTML", async () => {
    const payload = "<img src=x onerror=alert(1)>";
    stubAdmin(routes(() => page([contribution(ids.a, { body: payload, pseudonym: "<b>Camille</b>" })])));
    render(<ModerationApp />);
    expect(await screen.findByText(payload)).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Contribution de <b>Camille</b>" })).toBeTruthy();
    expect(document.querySelector("img")).toBeNull();
    expect(document.querySelector(".mod-item b")).toBeNull();
  });

  it("shows everything a moderator needs to decide, with French labels and Paris time", async () => {
    const otherTheme = themes[1]!;
    const otherQuestion = otherTheme.questions[0]!;
    stubAdmin(
      routes(() =>
        page([
          contribution(ids.a, {
            status: "pending",
            moderationReason: "3 signalements",
            openFlags: 3,
            flagNetworks: 1,
            flagReasons: ["advertising", "off-topic"],
            reactions: 12,
            reactionNetworks: 4,
          }),
          contribution(ids.b, {
            themeId: otherTheme.id,
            questionId: otherQuestion.id,
            parentId: ids.c,
            parentBody: "Il faudrait des horaires d'ouverture plus larges le samedi.",
            stance: "against",
            pseudonym: "Sacha",
            profile: "collectivite",
            territoryType: "rural",
            createdAt: "2018-01-10T17:05:00.000Z",
          }),
        ]),
      ),
    );
    render(<ModerationApp />);
    const answer = within(await screen.findByRole("article", { name: "Contribution de Camille" }));
    expect(answer.getByText(question.title)).toBeTruthy();
    expect(answer.getByText(theme.title)).toBeTruthy();
    expect(answer.getByText("Camille — Habitant, citoyen")).toBeTruthy();
    expect(answer.getByText("Guéret, Creuse, Nouvelle-Aquitaine (Petite ville)")).toBeTruthy();
    // 08:00 UTC in May is 10:00 in Paris (summer time).
    expect(answer.getByText("15 mai 2018 à 10:00")).toBeTruthy();
    expect(answer.getByText("En attente de modération")).toBeTruthy();
    expect(answer.getByText("3 signalements")).toBeTruthy();
    expect(
      answer.getByText("3 signalements ouverts venus de 1 réseau distinct : Publicité ou spam ; Hors sujet"),
    ).toBeTruthy();
    expect(answer.getByText("12 réactions venant de 4 réseaux distincts")).toBeTruthy();

    const reply = within(screen.getByRole("article", { name: "Réponse de Sacha" }));
    expect(reply.getByText(otherQuestion.title)).toBeTruthy();
    expect(reply.getByText("Pas d'accord")).toBeTruthy();
    expect(reply.getByText("« Il faudrait des horaires d'ouverture plus larges le samedi. »")).toBeTruthy();
    expect(reply.getByText("Sacha — Élu ou agent d'une collectivité")).toBeTruthy();
    expect(reply.getByText(/\(Commune rurale\)$/)).toBeTruthy();
    // 17:05 UTC in January is 18:05 in Paris (winter time).
    expect(reply.getByText("10 janvier 2018 à 18:05")).toBeTruthy();
    expect(reply.getByRole("button", { name: "Publier la réponse de Sacha" })).toBeTruthy();
    expect(reply.getByRole("button", { name: "Rejeter la réponse de Sacha" })).toBeTruthy();
    expect(reply.getByRole("checkbox", { name: "Sélectionner la réponse de Sacha" })).toBeTruthy();
  });

  it("shows the counts of every queue, and opens the one chosen", async () => {
    const api = stubAdmin(
      routes(({ query }) =>
        query.get("type") === "initiative"
          ? page([initiative(ids.d, { status: "published", moderatedAt: "2018-05-17T09:00:00.000Z" })])
          : page([contribution(ids.a)]),
      ),
    );
    const user = userEvent.setup();
    render(<ModerationApp />);
    const pending = await screen.findByRole("button", { name: "Contributions : En attente (3)" });
    expect(pending.getAttribute("aria-current")).toBe("true");
    expect(screen.getByRole("button", { name: "Contributions : Signalées (1)" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Initiatives : Rejetées (0)" })).toBeTruthy();
    expect(screen.getByRole("heading", { level: 2, name: "Contributions en attente (3)" })).toBeTruthy();

    await user.click(screen.getByRole("button", { name: "Initiatives : Publiées (4)" }));
    const card = within(await screen.findByRole("article", { name: "La Ruche de Guéret" }));
    expect(screen.getByRole("heading", { level: 2, name: "Initiatives publiées (4)" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Initiatives : Publiées (4)" }).getAttribute("aria-current")).toBe(
      "true",
    );
    expect(pending.getAttribute("aria-current")).toBeNull();
    expect(card.getByText("Tiers-lieu")).toBeTruthy();
    expect(card.getByRole("link", { name: "https://ruche.example.fr" }).getAttribute("rel")).toContain("nofollow");
    expect(card.getByText("Publiée")).toBeTruthy();
    expect(card.getByText("le 17 mai 2018 à 11:00")).toBeTruthy();
    // A published initiative can be rejected, not published again, and is never "retained".
    expect(card.queryByRole("button", { name: /^Publier/ })).toBeNull();
    expect(card.getByRole("button", { name: "Rejeter l'initiative « La Ruche de Guéret »" })).toBeTruthy();
    expect(card.queryByRole("button", { name: /Retenir/ })).toBeNull();

    const last = api.calls().at(-1)!;
    expect(last.path).toBe("/api/admin/queue");
    expect(Object.fromEntries(last.query)).toEqual({ type: "initiative", status: "published", limit: "50" });
  });

  it("appends the next page with nextCursor and says how many were added", async () => {
    const api = stubAdmin(
      routes(({ query }) =>
        query.get("after") === "curseur-1"
          ? page([contribution(ids.c, { pseudonym: "Noé" }), contribution(ids.d, { pseudonym: "Inès" })], null)
          : page([contribution(ids.a), contribution(ids.b, { pseudonym: "Sacha" })], "curseur-1"),
      ),
    );
    const user = userEvent.setup();
    render(<ModerationApp />);
    await screen.findByRole("article", { name: "Contribution de Camille" });
    expect(screen.getAllByRole("article")).toHaveLength(2);

    await user.click(screen.getByRole("button", { name: /^Charger les suivants/ }));
    await waitFor(() => expect(screen.getAllByRole("article")).toHaveLength(4));
    expect(screen.getAllByRole("article").map((article) => article.getAttribute("aria-labelledby"))).toEqual(
      [ids.a, ids.b, ids.c, ids.d].map((id) => `moderation-item-${id}-title`),
    );
    const next = api.calls().at(-1)!;
    expect(next.query.get("after")).toBe("curseur-1");
    expect(next.query.get("type")).toBe("contribution");
    expect(next.query.get("status")).toBe("pending");
    await waitFor(() => expect(announcer()).toBe(frModeration.queues.added("contribution", 2, 4)));
    // Reading goes on with the first new item; the end of the queue is said.
    expect(document.activeElement).toBe(screen.getByRole("heading", { name: "Contribution de Noé" }));
    expect(screen.queryByRole("button", { name: /^Charger les suivants/ })).toBeNull();
    expect(screen.getByText(frModeration.queues.end)).toBeTruthy();
  });

  it("says why the next page did not come, and keeps the items shown", async () => {
    let calls = 0;
    stubAdmin(
      routes(() => {
        calls += 1;
        return calls === 1
          ? page([contribution(ids.a)], "curseur-1")
          : apiError(503, "store_unavailable", "Base indisponible.");
      }),
    );
    const user = userEvent.setup();
    render(<ModerationApp />);
    await screen.findByRole("article", { name: "Contribution de Camille" });
    await user.click(screen.getByRole("button", { name: /^Charger les suivants/ }));
    await waitFor(() => expect(announcer()).toContain(frModeration.failure.storeUnavailable));
    expect(screen.getAllByRole("article")).toHaveLength(1);
    expect(screen.getByRole("button", { name: /^Charger les suivants/ })).toBeTruthy();
  });

  it("says so when the queue cannot be loaded, and loads it again on request", async () => {
    let fail = true;
    stubAdmin(routes(() => (fail ? apiError(503, "store_unavailable", "") : page([contribution(ids.a)]))));
    const user = userEvent.setup();
    render(<ModerationApp />);
    expect(await screen.findByText(new RegExp(frModeration.failure.storeUnavailable))).toBeTruthy();
    fail = false;
    const queue = within(screen.getByRole("region", { name: /^Contributions en attente/ }));
    await user.click(queue.getByRole("button", { name: frModeration.retryLoad }));
    expect(await screen.findByRole("article", { name: "Contribution de Camille" })).toBeTruthy();
  });

  it("refuses an answer of the wrong shape rather than showing a misread queue", async () => {
    stubAdmin(routes(() => json({ items: [{ id: ids.a }], nextCursor: null, counts: COUNTS })));
    render(<ModerationApp />);
    expect(await screen.findByText(frModeration.failure.malformed)).toBeTruthy();
    expect(screen.queryAllByRole("article")).toHaveLength(0);
  });
});
