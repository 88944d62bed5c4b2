// @vitest-environment happy-dom
/**
 * What the moderation island does for its work page: the moderator's tools
 * in the header element the page names (and at the top of the workspace
 * without one), and a link from each published item to its public page.
 */
import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { publicPathOf } from "../../../src/islands/moderation/ItemCard";
import ModerationApp from "../../../src/islands/moderation/ModerationApp";
import { frModeration } from "../../../src/islands/moderation/messages.fr";
import { json } from "../fetch-stub";
import {
  contribution,
  ids,
  initiative,
  MODERATOR,
  page,
  type Route,
  storeSession,
  stubAdmin,
  tokenSession,
} from "./admin-stub";

function routes(queue: Route): Record<string, Route> {
  return {
    "GET /api/admin/session": tokenSession(),
    "GET /api/admin/queue": queue,
    "GET /api/admin/syntheses": () => json({ syntheses: [] }),
  };
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  storeSession();
});

afterEach(() => {
  cleanup();
  document.body.replaceChildren();
  vi.unstubAllGlobals();
});

describe("ModerationApp: the tools in the page header", () => {
  it("puts the session, the sign-out and the rebuild in the element named by toolsTarget", async () => {
    const header = document.createElement("header");
    const tools = document.createElement("div");
    tools.id = "moderation-tools";
    header.append(tools);
    document.body.append(header);
    stubAdmin(routes(() => page([contribution(ids.a)])));
    const user = userEvent.setup();
    render(<ModerationApp toolsTarget="moderation-tools" />);

    const session = await screen.findByText(frModeration.session.signedInAs(MODERATOR));
    expect(tools.contains(session)).toBe(true);
    const inHeader = within(tools);
    expect(inHeader.getByRole("button", { name: frModeration.session.signOut })).toBeTruthy();
    expect(inHeader.getByRole("button", { name: frModeration.rebuild.button })).toBeTruthy();
    expect(document.querySelector(".moderation-workspace .mod-toolbar")).toBeNull();

    await user.click(inHeader.getByRole("button", { name: frModeration.session.signOut }));
    await screen.findByText(frModeration.signIn.signedOut);
    expect(tools.textContent).toBe("");
  });

  it("keeps them at the top of the workspace when the page has no such element", async () => {
    stubAdmin(routes(() => page([contribution(ids.a)])));
    render(<ModerationApp toolsTarget="absent" />);
    const session = await screen.findByText(frModeration.session.signedInAs(MODERATOR));
    expect(session.closest(".moderation-workspace")).not.toBeNull();
  });
});

describe("ModerationApp: the public page of a published item", () => {
  it("links a published answer to its permalink, in the same tab, and names the item for screen readers", async () => {
    stubAdmin(
      routes(({ query }) =>
        query.get("status") === "published"
          ? page([contribution(ids.a, { status: "published", moderatedAt: "2018-05-15T09:00:00.000Z" })])
          : page([contribution(ids.b)]),
      ),
    );
    const user = userEvent.setup();
    render(<ModerationApp />);
    const pending = within(await screen.findByRole("article", { name: "Contribution de Camille" }));
    expect(pending.queryByRole("link", { name: /^Page publique/ })).toBeNull();

    await user.click(screen.getByRole("button", { name: "Contributions : Publiées (12)" }));
    await waitFor(() => expect(screen.getByRole("link", { name: /^Page publique/ })).toBeTruthy());
    const link = screen.getByRole("link", { name: "Page publique de la contribution de Camille" });
    expect(link.getAttribute("href")).toBe(`/contributions/${ids.a}/`);
    expect(link.getAttribute("target")).toBeNull();
  });

  it("gives the address of each item that has a public page, and none to the others", () => {
    const published = { status: "published", moderatedAt: "2018-05-15T09:00:00.000Z" };
    const answer = contribution(ids.a, published);
    const publicPath = (item: unknown) => publicPathOf(item as Parameters<typeof publicPathOf>[0]);
    expect(publicPath(answer)).toBe(`/contributions/${ids.a}/`);
    expect(publicPath(initiative(ids.d, published))).toBe(`/initiatives/${ids.d}/`);
    // Not published (yet, or any more): no page.
    expect(publicPath(contribution(ids.a))).toBeUndefined();
    expect(publicPath({ ...answer, status: "rejected" })).toBeUndefined();
    expect(publicPath(initiative(ids.d))).toBeUndefined();
    // A reply shows on its thread's page, which the queue does not name.
    expect(publicPath(contribution(ids.b, { ...published, parentId: ids.a, stance: "for" }))).toBeUndefined();
    // An answer to a question the content no longer has gets no permalink in the build.
    expect(publicPath({ ...answer, questionId: "question-retiree" })).toBeUndefined();
  });
});
