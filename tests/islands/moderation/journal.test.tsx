// @vitest-environment happy-dom
/**
 * « Journal de modération » in the moderation island: the log newest first
 * with French names, the decisions per moderator, the filters (checked with
 * the server's own schema before anything is sent, the server's refusals
 * shown on their fields), more lines after the cursor, and the CSV export
 * fetched with the moderator's token (never in the URL) and handed to the
 * browser as a file.
 */
import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { themes } from "../../../src/domain/consultation";
import {
  type JournalEvent,
  type JournalPage,
  journalMessages,
  journalPageSchema,
} from "../../../src/domain/moderation-journal";
import { adminRequest } from "../../../src/islands/moderation/admin-api";
import { JournalSection, journalText } from "../../../src/islands/moderation/JournalSection";
import ModerationApp from "../../../src/islands/moderation/ModerationApp";
import { apiError, json } from "../fetch-stub";
import { contribution, ids, page, storeSession, stubAdmin, TOKEN, tokenSession } from "./admin-stub";

const text = journalText;
const theme = themes[0]!;

function event(id: string, overrides: Partial<JournalEvent> = {}): JournalEvent {
  return {
    id,
    createdAt: "2018-06-01T14:30:00.000Z",
    action: "published",
    actionLabel: "Publication",
    subjectType: "contribution",
    subjectId: "7f1c2a3e-0000-4000-8000-000000000001",
    subjectExists: true,
    themeId: theme.id,
    questionId: theme.questions[0]!.id,
    excerpt: "Un espace de coworking a ouvert dans notre bourg",
    actor: "id-camille",
    actorName: "Camille Martin",
    reason: null,
    ...overrides,
  };
}

/** A journal page as GET /api/admin/journal answers it, checked against the API's shape. */
function journalPage(answer: JournalPage): Response {
  return json(journalPageSchema.parse(answer));
}

const firstPage: JournalPage = {
  events: [
    event("12", { action: "rejected", actionLabel: "Rejet", reason: "Hors sujet" }),
    event("11", { subjectExists: false, excerpt: null, actor: "id-dominique", actorName: "Dominique Petit" }),
  ],
  nextCursor: "curseur-suivant",
  totals: {
    byModerator: [
      { actor: "id-camille", name: "Camille Martin", published: 4, rejected: 1, other: 2 },
      { actor: "id-dominique", name: "Dominique Petit", published: 1, rejected: 0, other: 0 },
    ],
    moderators: [
      { actor: "id-camille", name: "Camille Martin" },
      { actor: "id-dominique", name: "Dominique Petit" },
    ],
  },
};

const call = ((method, path, schema, body) => adminRequest(method, path, schema, { token: TOKEN, body })) as Parameters<
  typeof JournalSection
>[0]["call"];

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("JournalSection", () => {
  it("shows the log newest first with French names, and the decisions per person", async () => {
    const api = stubAdmin({ "GET /api/admin/journal": () => journalPage(firstPage) });
    render(<JournalSection call={call} token={() => TOKEN} />);
    const list = await screen.findByRole("table", { name: text.listCaption });
    const rows = within(list).getAllByRole("row").slice(1);
    expect(
      rows.map((row) =>
        within(row)
          .getAllByRole("cell")
          .map((cell) => cell.textContent),
      ),
    ).toEqual([
      [
        "1er juin 2018 à 16:30",
        "Camille Martin",
        "Rejet",
        "Contribution « Un espace de coworking a ouvert dans notre bourg »",
        theme.title,
        "Hors sujet",
      ],
      ["1er juin 2018 à 16:30", "Dominique Petit", "Publication", `Contribution (${text.gone})`, theme.title, ""],
    ]);
    const counts = screen.getByRole("table", { name: text.counts });
    expect(
      within(counts)
        .getAllByRole("row")
        .map((row) => row.textContent),
    ).toEqual(["PersonnePublicationsRejetsAutres actions", "Camille Martin412", "Dominique Petit100"]);
    // Everyone the log names is offered in the « who » filter.
    const who = screen.getByLabelText(new RegExp(`^${text.actor}`)) as HTMLSelectElement;
    expect([...who.options].map((option) => option.textContent)).toEqual([
      text.anyActor,
      "Camille Martin",
      "Dominique Petit",
    ]);
    expect(api.calls()[0]).toMatchObject({ path: "/api/admin/journal", authorization: `Bearer ${TOKEN}` });
    expect(api.calls()[0]?.query.get("limit")).toBe("50");
  });

  it("checks the dates before sending, then sends the filter and pages on after the cursor", async () => {
    const api = stubAdmin({
      "GET /api/admin/journal": ({ query }) =>
        query.get("after") === "curseur-suivant"
          ? journalPage({ events: [event("10", { action: "flagged", actionLabel: "Signalement" })], nextCursor: null })
          : journalPage(firstPage),
    });
    const user = userEvent.setup();
    render(<JournalSection call={call} token={() => TOKEN} />);
    await screen.findByRole("table", { name: text.listCaption });

    const from = screen.getByLabelText(new RegExp(`^${text.from.replace(/[()]/g, "\\$&")}`));
    const to = screen.getByLabelText(new RegExp(`^${text.to.replace(/[()]/g, "\\$&")}`));
    await user.type(from, "2018-06-10");
    await user.type(to, "2018-06-01");
    await user.click(screen.getByRole("button", { name: text.apply }));
    expect(await screen.findAllByText(journalMessages.order)).toHaveLength(2);
    expect(api.calls()).toHaveLength(1);

    await user.clear(to);
    await user.type(to, "2018-06-30");
    await user.selectOptions(screen.getByLabelText(new RegExp(`^${text.actor}`)), "id-dominique");
    await user.selectOptions(screen.getByLabelText(new RegExp(`^${text.action}`)), "rejected");
    await user.selectOptions(screen.getByLabelText(new RegExp(`^${text.theme}`)), theme.id);
    await user.click(screen.getByRole("button", { name: text.apply }));
    await waitFor(() => expect(api.calls()).toHaveLength(2));
    expect(Object.fromEntries(api.calls()[1]!.query)).toEqual({
      actor: "id-dominique",
      action: "rejected",
      from: "2018-06-10",
      to: "2018-06-30",
      theme: theme.id,
      limit: "50",
    });
    expect(screen.queryByText(journalMessages.order)).toBeNull();

    await user.click(await screen.findByRole("button", { name: text.more }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe(text.shown(3)));
    expect(api.calls()[2]?.query.get("after")).toBe("curseur-suivant");
    expect(api.calls()[2]?.query.get("actor")).toBe("id-dominique");
    expect(screen.queryByRole("button", { name: text.more })).toBeNull();
    expect(within(screen.getByRole("table", { name: text.listCaption })).getByText("Signalement")).toBeTruthy();
  });

  it("shows the server's refusal of a filter on its field", async () => {
    stubAdmin({
      "GET /api/admin/journal": ({ query }) =>
        query.get("theme")
          ? apiError(400, "invalid_input", "Les données envoyées ne sont pas valides.", [
              { path: "theme", message: journalMessages.theme },
            ])
          : journalPage(firstPage),
    });
    const user = userEvent.setup();
    render(<JournalSection call={call} token={() => TOKEN} />);
    await screen.findByRole("table", { name: text.listCaption });
    await user.selectOptions(screen.getByLabelText(new RegExp(`^${text.theme}`)), theme.id);
    await user.click(screen.getByRole("button", { name: text.apply }));
    const summaryLink = await screen.findByRole("link", { name: journalMessages.theme });
    expect(summaryLink.getAttribute("href")).toBe("#journal-theme");
  });

  it("exports the filtered log as a file, the token in a header and never in the URL", async () => {
    const csv = "\uFEFFDate (heure de Paris),Personne\r\n2018-06-01 16:30:00,Camille Martin\r\n";
    const api = stubAdmin({
      "GET /api/admin/journal": ({ query }) =>
        query.get("format") === "csv"
          ? new Response(csv, {
              headers: {
                "Content-Type": "text/csv; charset=utf-8",
                "Content-Disposition": 'attachment; filename="journal-de-moderation.csv"',
              },
            })
          : journalPage(firstPage),
    });
    const created: Blob[] = [];
    vi.spyOn(URL, "createObjectURL").mockImplementation((blob) => {
      created.push(blob as Blob);
      return "blob:journal";
    });
    vi.spyOn(URL, "revokeObjectURL").mockImplementation(() => {});
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    const user = userEvent.setup();
    render(<JournalSection call={call} token={() => TOKEN} />);
    await screen.findByRole("table", { name: text.listCaption });
    await user.selectOptions(screen.getByLabelText(new RegExp(`^${text.action}`)), "rejected");
    await user.click(screen.getByRole("button", { name: text.apply }));
    await waitFor(() => expect(api.calls()).toHaveLength(2));

    await user.click(screen.getByRole("button", { name: text.export }));
    await waitFor(() =>
      expect(screen.getByRole("status").textContent).toBe(text.exported("journal-de-moderation.csv")),
    );
    const exportCall = api.calls()[2]!;
    expect(exportCall.authorization).toBe(`Bearer ${TOKEN}`);
    expect(Object.fromEntries(exportCall.query)).toEqual({ action: "rejected", format: "csv" });
    expect(api.fetchMock.mock.calls[2]?.[0]).not.toContain(TOKEN);
    expect(clicked.map((link) => link.download)).toEqual(["journal-de-moderation.csv"]);
    expect(await created[0]?.text()).toBe(csv);
    expect(new Uint8Array(await created[0]!.arrayBuffer()).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it("says why an export failed, in the server's words", async () => {
    stubAdmin({
      "GET /api/admin/journal": ({ query }) =>
        query.get("format") === "csv"
          ? apiError(400, "invalid_input", journalMessages.tooMany("20 000"), [
              { path: "", message: journalMessages.tooMany("20 000") },
            ])
          : journalPage(firstPage),
    });
    const user = userEvent.setup();
    render(<JournalSection call={call} token={() => TOKEN} />);
    await screen.findByRole("table", { name: text.listCaption });
    await user.click(screen.getByRole("button", { name: text.export }));
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe(journalMessages.tooMany("20 000")));
  });
});

describe("ModerationApp: the journal", () => {
  it("is part of the moderation space, and a 401 on the export brings back the sign-in", async () => {
    storeSession();
    let expired = false;
    stubAdmin({
      "GET /api/admin/session": tokenSession(),
      "GET /api/admin/queue": () => page([contribution(ids.a)]),
      "GET /api/admin/syntheses": () => json({ syntheses: [] }),
      "GET /api/admin/journal": () =>
        expired
          ? apiError(401, "unauthorized", "Connectez-vous pour accéder à la modération.")
          : journalPage(firstPage),
    });
    const user = userEvent.setup();
    render(<ModerationApp />);
    expect(await screen.findByRole("heading", { level: 2, name: text.title })).toBeTruthy();
    await screen.findByRole("table", { name: text.listCaption });
    expired = true;
    await user.click(screen.getByRole("button", { name: text.export }));
    expect(await screen.findByLabelText("Jeton de modération", { exact: false })).toBeTruthy();
  });
});
