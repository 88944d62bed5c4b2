// @vitest-environment happy-dom
/**
 * The queue's filters in the island: applied on submit (never while
 * choosing), sent to the server with every page (the next page's cursor
 * too), kept when another queue opens but without theme and question for
 * initiatives, said on the page, and cleared in one step.
 */
import { cleanup, configure, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import ModerationApp from "../../../src/islands/moderation/ModerationApp";
import { frModeration } from "../../../src/islands/moderation/messages.fr";
import { json } from "../fetch-stub";
import {
  announcer,
  contribution,
  ids,
  initiative,
  page,
  question,
  storeSession,
  stubAdmin,
  theme,
  tokenSession,
} from "./admin-stub";

const text = frModeration.filters;

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

function start() {
  const api = stubAdmin({
    "GET /api/admin/session": tokenSession(),
    "GET /api/admin/queue": ({ query }) => {
      if (query.get("type") === "initiative") return page([initiative(ids.d)]);
      if (query.get("after") === "page-2") return page([contribution(ids.c, { pseudonym: "Noé" })]);
      return query.get("text")
        ? page([contribution(ids.b, { pseudonym: "Sacha" })], "page-2")
        : page([contribution(ids.a)]);
    },
    "GET /api/admin/syntheses": () => json({ syntheses: [] }),
  });
  const pages = () =>
    api
      .calls()
      .filter((call) => call.path === "/api/admin/queue" && call.query.get("limit") !== "1")
      .map((call) => Object.fromEntries(call.query));
  return { api, pages, user: userEvent.setup() };
}

describe("ModerationApp: the queue's filters", () => {
  it("sends the filters on submit, with every page after, and says the queue is filtered", async () => {
    const { pages, user } = start();
    render(<ModerationApp />);
    await screen.findByRole("article", { name: "Contribution de Camille" });
    expect(pages()).toEqual([{ type: "contribution", status: "pending", limit: "50" }]);

    await user.selectOptions(screen.getByLabelText(text.question), question.id);
    // Choosing a question chooses its theme; nothing is sent before the form is.
    expect((screen.getByLabelText(text.theme) as HTMLSelectElement).value).toBe(theme.id);
    await user.selectOptions(screen.getByLabelText(text.profile), "habitant");
    await user.selectOptions(screen.getByLabelText(text.territoryType), "rural");
    await user.type(screen.getByLabelText(text.text), "  école  ");
    expect(pages()).toHaveLength(1);
    await user.click(screen.getByRole("button", { name: text.apply }));

    await screen.findByRole("article", { name: "Contribution de Sacha" });
    const filters = {
      themeId: theme.id,
      questionId: question.id,
      profile: "habitant",
      territoryType: "rural",
      text: "école",
    };
    expect(pages()[1]).toEqual({ type: "contribution", status: "pending", limit: "50", ...filters });
    expect(screen.getByText(/^File filtrée : thème « /).textContent).toContain("mots « école »");
    expect(announcer()).toMatch(/^Filtres appliqués : /);

    await user.click(screen.getByRole("button", { name: /^Charger les suivants/ }));
    await screen.findByRole("article", { name: "Contribution de Noé" });
    expect(pages()[2]).toEqual({ type: "contribution", status: "pending", limit: "50", after: "page-2", ...filters });

    // An initiative's queue keeps what applies to it.
    await user.click(screen.getByRole("button", { name: /^Initiatives : En attente/ }));
    await screen.findByRole("article", { name: /La Ruche/ });
    expect(pages()[3]).toEqual({
      type: "initiative",
      status: "pending",
      limit: "50",
      profile: "habitant",
      territoryType: "rural",
      text: "école",
    });
    expect(screen.queryByLabelText(text.theme)).toBeNull();

    await user.click(screen.getByRole("button", { name: text.clear }));
    await waitFor(() => expect(pages()[4]).toEqual({ type: "initiative", status: "pending", limit: "50" }));
    expect(announcer()).toBe(text.cleared);
    expect(screen.queryByText(/^File filtrée/)).toBeNull();
  });

  it("says when nothing matches the filters", async () => {
    stubAdmin({
      "GET /api/admin/session": tokenSession(),
      "GET /api/admin/queue": ({ query }) => page(query.get("text") ? [] : [contribution(ids.a)]),
      "GET /api/admin/syntheses": () => json({ syntheses: [] }),
    });
    const user = userEvent.setup();
    render(<ModerationApp />);
    await screen.findByRole("article", { name: "Contribution de Camille" });
    await user.type(screen.getByLabelText(text.text), "introuvable{Enter}");
    expect(await screen.findByText(text.emptyFiltered)).toBeTruthy();
  });
});
