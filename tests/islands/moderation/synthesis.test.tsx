// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { themes } from "../../../src/domain/consultation";
import { moderationMessages } from "../../../src/domain/moderation";
import ModerationApp from "../../../src/islands/moderation/ModerationApp";
import { frModeration } from "../../../src/islands/moderation/messages.fr";
import { apiError, json } from "../fetch-stub";
import { contribution, ids, page, type Route, storeSession, stubAdmin, tokenSession } from "./admin-stub";

const text = frModeration.synthesis;
const [first, second] = [themes[0]!, themes[1]!];
const SAVED_BODY = "## Ce que disent les contributions\n\nLes **horaires** reviennent souvent.";

function routes(
  save: Route,
  syntheses: Route = () =>
    json({ syntheses: [{ themeId: first.id, body: SAVED_BODY, updatedAt: "2018-06-01T14:30:00.000Z" }] }),
): Record<string, Route> {
  return {
    "GET /api/admin/session": tokenSession(),
    "GET /api/admin/queue": () => page([contribution(ids.a)]),
    "GET /api/admin/syntheses": syntheses,
    [`PUT /api/admin/syntheses/${first.id}`]: save,
    [`PUT /api/admin/syntheses/${second.id}`]: save,
  };
}

const editor = (theme = first) => screen.getByLabelText(text.body(theme.title)) as HTMLTextAreaElement;
const saveButton = (theme = first) =>
  screen.getByRole("button", { name: `${text.save} ${text.saveSubject(theme.title)}` });
const status = () => document.getElementById("synthese-status")!;

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  storeSession();
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("ModerationApp: syntheses by theme", () => {
  it("shows the saved synthesis of a theme, when it was saved, and the Markdown allowed", async () => {
    stubAdmin(routes(() => json({})));
    render(<ModerationApp />);
    expect(await screen.findByRole("heading", { level: 2, name: text.title })).toBeTruthy();
    await waitFor(() => expect(editor().value).toBe(SAVED_BODY));
    expect(screen.getByText(text.savedAt("1er juin 2018 à 16:30"))).toBeTruthy();
    const describedBy = editor().getAttribute("aria-describedby")!.split(" ");
    expect(document.getElementById(describedBy[0]!)?.textContent).toBe(text.help);
    expect(screen.getByText(`${SAVED_BODY.trim().length} caractères sur 20000`)).toBeTruthy();
  });

  it("keeps the text after a failed save, says why, then saves it", async () => {
    let fail = true;
    const api = stubAdmin(
      routes(() =>
        fail
          ? apiError(503, "store_unavailable", "")
          : json({ themeId: second.id, updatedAt: "2018-06-02T08:05:00.000Z" }),
      ),
    );
    const user = userEvent.setup();
    render(<ModerationApp />);
    await screen.findByLabelText(text.body(first.title));
    await user.selectOptions(screen.getByLabelText(text.theme), second.id);
    expect(editor(second).value).toBe("");
    expect(screen.getByText(text.never)).toBeTruthy();
    await user.type(editor(second), "Les élus demandent un guichet unique.");
    expect(screen.getByText(text.unsaved)).toBeTruthy();

    await user.click(saveButton(second));
    await waitFor(() => expect(status().textContent).toContain(frModeration.failure.storeUnavailable));
    expect(status().textContent).toContain(text.textKept);
    expect(editor(second).value).toBe("Les élus demandent un guichet unique.");

    fail = false;
    await user.click(saveButton(second));
    await waitFor(() => expect(status().textContent).toBe(text.saved("2 juin 2018 à 10:05")));
    expect(screen.getByText(text.savedAt("2 juin 2018 à 10:05"))).toBeTruthy();
    expect(screen.queryByText(text.unsaved)).toBeNull();
    const puts = api.calls().filter((call) => call.method === "PUT");
    expect(puts.map((call) => call.path)).toEqual([
      `/api/admin/syntheses/${second.id}`,
      `/api/admin/syntheses/${second.id}`,
    ]);
    expect(puts[1]?.body).toEqual({ body: "Les élus demandent un guichet unique." });
  });

  it("keeps each theme's draft while moving between themes", async () => {
    stubAdmin(routes(() => json({})));
    const user = userEvent.setup();
    render(<ModerationApp />);
    await waitFor(() => expect(editor().value).toBe(SAVED_BODY));
    await user.type(editor(), "\n\nUn ajout.");
    await user.selectOptions(screen.getByLabelText(text.theme), second.id);
    await user.type(editor(second), "Brouillon du deuxième thème.");
    await user.selectOptions(screen.getByLabelText(text.theme), first.id);
    expect(editor().value).toBe(`${SAVED_BODY}\n\nUn ajout.`);
  });

  it("refuses a synthesis over 20,000 characters before sending it, and shows a server error on the field", async () => {
    const api = stubAdmin(
      routes(() =>
        apiError(400, "invalid_input", "", [{ path: "body", message: "Le texte contient un caractère interdit." }]),
      ),
    );
    const user = userEvent.setup();
    render(<ModerationApp />);
    await waitFor(() => expect(editor().value).toBe(SAVED_BODY));
    await user.clear(editor());
    await user.click(editor());
    await user.paste("a".repeat(20_001));
    await user.click(saveButton());
    expect(screen.getByRole("link", { name: moderationMessages.synthesisTooLong })).toBeTruthy();
    expect(editor().getAttribute("aria-invalid")).toBe("true");
    expect(api.calls().some((call) => call.method === "PUT")).toBe(false);

    await user.clear(editor());
    await user.type(editor(), "Court.");
    await user.click(saveButton());
    expect(await screen.findByRole("link", { name: "Le texte contient un caractère interdit." })).toBeTruthy();
    expect(editor().value).toBe("Court.");
  });

  it("does not offer the editor before the saved syntheses are known", async () => {
    let fail = true;
    stubAdmin(
      routes(
        () => json({}),
        () => (fail ? apiError(503, "store_unavailable", "") : json({ syntheses: [] })),
      ),
    );
    const user = userEvent.setup();
    render(<ModerationApp />);
    await screen.findByRole("heading", { level: 2, name: text.title });
    await waitFor(() =>
      expect(screen.getByRole("region", { name: text.title }).textContent).toContain(
        frModeration.failure.storeUnavailable,
      ),
    );
    expect(screen.queryByLabelText(text.body(first.title))).toBeNull();
    fail = false;
    const section = screen.getByRole("region", { name: text.title });
    await user.click(section.querySelector("button")!);
    expect(await screen.findByLabelText(text.body(first.title))).toBeTruthy();
  });
});
