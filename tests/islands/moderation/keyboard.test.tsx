// @vitest-environment happy-dom
/**
 * The queue from the keyboard: j and k from item to item, p to publish, r
 * to reject with the reasons focused, Enter to confirm and Escape to
 * cancel, the next item after each decision (the next page's first when it
 * was the last shown), keys that never act while the moderator types or
 * once turned off, and a decision that fails keeps its item for a retry.
 */
import { cleanup, configure, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import ModerationApp from "../../../src/islands/moderation/ModerationApp";
import { frModeration } from "../../../src/islands/moderation/messages.fr";
import { json } from "../fetch-stub";
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

const REBUILT = { status: "scheduled", message: "Le site public sera mis à jour dans environ deux minutes." };
const text = frModeration;

/** Camille (a) and Sacha (b) on the first page, Noé (c) and Lou (d) on the second. */
const firstPage = [contribution(ids.a), contribution(ids.b, { pseudonym: "Sacha" })];
const secondPage = [contribution(ids.c, { pseudonym: "Noé" }), contribution(ids.d, { pseudonym: "Lou" })];

function routes(decisions: Route): Record<string, Route> {
  return {
    "GET /api/admin/session": tokenSession(),
    "GET /api/admin/queue": ({ query }) =>
      query.get("limit") === "1"
        ? page([], null, COUNTS)
        : query.get("after") === "page-2"
          ? page(secondPage)
          : page(firstPage, "page-2"),
    "GET /api/admin/syntheses": () => json({ syntheses: [] }),
    "POST /api/admin/decisions": decisions,
  };
}

const decidedAll: Route = ({ body }) => json({ decided: body?.ids, unchanged: [], rebuild: REBUILT });
const focusedId = () => document.activeElement?.id;
const headingId = (id: string) => `moderation-item-${id}-title`;

async function start(decisions: Route = decidedAll) {
  const api = stubAdmin(routes(decisions));
  const user = userEvent.setup();
  render(<ModerationApp />);
  await screen.findByRole("article", { name: "Contribution de Camille" });
  return { api, user, decisions: () => api.calls().filter((call) => call.path === "/api/admin/decisions") };
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

describe("ModerationApp: the queue from the keyboard", () => {
  it("documents its shortcuts on the page, with the switch that turns them off", async () => {
    await start();
    const help = screen.getByText(text.keyboard.title).closest("details");
    expect(help).not.toBeNull();
    const list = within(help as HTMLElement);
    for (const key of ["j", "k", "p", "r", "Entrée", "Échap"]) expect(list.getByText(key).tagName).toBe("KBD");
    expect(list.getByRole("checkbox", { name: text.keyboard.enable })).toHaveProperty("checked", true);
  });

  it("goes from item to item with j and k, only while the focus is in the queue", async () => {
    const { user } = await start();
    // Outside the queue (the page's body): nothing moves.
    await user.keyboard("j");
    expect(focusedId()).not.toBe(headingId(ids.a));

    document.getElementById("moderation-queue-title")?.focus();
    await user.keyboard("j");
    expect(focusedId()).toBe(headingId(ids.a));
    await user.keyboard("j");
    expect(focusedId()).toBe(headingId(ids.b));
    await user.keyboard("k");
    expect(focusedId()).toBe(headingId(ids.a));
    await user.keyboard("k");
    expect(focusedId()).toBe(headingId(ids.a));
    // From an item's button too.
    await user.tab();
    expect(document.activeElement?.textContent).toMatch(/^Publier/);
    await user.keyboard("j");
    expect(focusedId()).toBe(headingId(ids.b));
    // Past the last item shown: the next page, from its first item.
    await user.keyboard("j");
    await waitFor(() => expect(focusedId()).toBe(headingId(ids.c)));
  });

  it("publishes with p, then puts the focus on the next item; after the last one shown, on the next page's first", async () => {
    const { user, decisions } = await start();
    document.getElementById(headingId(ids.a))?.focus();
    await user.keyboard("p");
    await waitFor(() => expect(focusedId()).toBe(headingId(ids.b)));
    expect(decisions().map((call) => call.body)).toEqual([{ type: "contribution", ids: [ids.a], decision: "publish" }]);
    expect(screen.queryByRole("article", { name: "Contribution de Camille" })).toBeNull();
    expect(announcer()).toContain("1 contribution publiée.");

    await user.keyboard("p");
    await waitFor(() => expect(focusedId()).toBe(headingId(ids.c)));
    expect(decisions()).toHaveLength(2);
    expect(screen.getByRole("article", { name: "Contribution de Lou" })).toBeTruthy();
  });

  it("rejects with r: the reasons focused, Enter confirms with the chosen one; Escape cancels", async () => {
    const { user, decisions } = await start();
    document.getElementById(headingId(ids.a))?.focus();
    await user.keyboard("r");
    const form = screen.getByRole("form", { name: "Rejeter la contribution de Camille" });
    const reasons = within(form).getAllByRole("radio");
    expect(document.activeElement).toBe(reasons[0]);

    // Escape closes the form, back on its button, and nothing is sent.
    await user.keyboard("{Escape}");
    expect(document.getElementById(`moderation-item-${ids.a}-reject`)?.hidden).toBe(true);
    expect(document.activeElement?.textContent).toMatch(/^Rejeter la contribution de Camille/);
    expect(decisions()).toHaveLength(0);

    // Enter without a reason: the form says which one is missing, nothing is sent.
    await user.keyboard("r");
    expect(document.activeElement).toBe(reasons[0]);
    await user.keyboard("{Enter}");
    expect(await within(form).findAllByText(/Choisissez la raison du rejet/)).not.toHaveLength(0);
    expect(decisions()).toHaveLength(0);

    await user.click(within(form).getByRole("radio", { name: "Hors sujet" }));
    await user.keyboard("{Enter}");
    await waitFor(() => expect(focusedId()).toBe(headingId(ids.b)));
    expect(decisions().map((call) => call.body)).toEqual([
      { type: "contribution", ids: [ids.a], decision: "reject", reasonCode: "off-topic" },
    ]);
    expect(announcer()).toContain("1 contribution rejetée.");
  });

  it("never acts while the moderator types, and not at all once turned off", async () => {
    const { user, decisions } = await start();
    const words = screen.getByLabelText(text.filters.text);
    words.focus();
    await user.keyboard("jkpr");
    expect((words as HTMLInputElement).value).toBe("jkpr");
    expect(document.activeElement).toBe(words);
    expect(decisions()).toHaveLength(0);

    await user.click(screen.getByRole("checkbox", { name: text.keyboard.enable }));
    expect(announcer()).toBe(text.keyboard.off);
    expect(localStorage.getItem("moderation-shortcuts")).toBe("off");
    document.getElementById(headingId(ids.a))?.focus();
    await user.keyboard("jp");
    expect(focusedId()).toBe(headingId(ids.a));
    expect(decisions()).toHaveLength(0);
    // Tab and Enter still do everything.
    await user.tab();
    await user.keyboard("{Enter}");
    await waitFor(() => expect(focusedId()).toBe(headingId(ids.b)));
    expect(decisions()).toHaveLength(1);
  });

  it("keeps the item when the server cannot be reached, says so in French, and publishes on the next p", async () => {
    let down = true;
    const { user, decisions } = await start((call) => {
      if (down) throw new TypeError("Failed to fetch");
      return decidedAll(call);
    });
    document.getElementById(headingId(ids.a))?.focus();
    await user.keyboard("p");
    const card = within(screen.getByRole("article", { name: "Contribution de Camille" }));
    const notice = await card.findByText((content) => content.startsWith(text.failure.network));
    expect(notice.textContent).toContain(text.failure.retryDecision);
    expect(focusedId()).toBe(headingId(ids.a));

    down = false;
    await user.keyboard("p");
    await waitFor(() => expect(focusedId()).toBe(headingId(ids.b)));
    expect(decisions()).toHaveLength(2);
    expect(screen.queryByRole("article", { name: "Contribution de Camille" })).toBeNull();
  });
});
