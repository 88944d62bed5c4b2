// @vitest-environment happy-dom
/**
 * The saved versions of a theme's synthesis, under its editor: newest first,
 * who saved each and when, a blank save said to have withdrawn the
 * synthesis; any version can be taken back into the editor; a save reloads
 * the list.
 */
import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { themes } from "../../../src/domain/consultation";
import {
  type SynthesisVersionsResponse,
  synthesisSavedSchema,
  synthesisVersionsResponseSchema,
} from "../../../src/domain/synthesis-versions";
import ModerationApp from "../../../src/islands/moderation/ModerationApp";
import { frModeration } from "../../../src/islands/moderation/messages.fr";
import { versionsText } from "../../../src/islands/moderation/SynthesisSection";
import { json } from "../fetch-stub";
import { contribution, ids, page, storeSession, stubAdmin, tokenSession } from "./admin-stub";

const text = frModeration.synthesis;
const theme = themes[0]!;
const CURRENT = "## Synthèse\n\nLe texte en ligne.";
const OLDER = "## Synthèse\n\nUn premier jet.";

const versions = (list: SynthesisVersionsResponse["versions"]) =>
  json(synthesisVersionsResponseSchema.parse({ themeId: theme.id, versions: list }));

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  storeSession();
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("SynthesisSection: versions", () => {
  it("lists the versions newest first, takes one back into the editor, and reloads after a save", async () => {
    let saved = false;
    const api = stubAdmin({
      "GET /api/admin/session": tokenSession(),
      "GET /api/admin/queue": () => page([contribution(ids.a)]),
      "GET /api/admin/syntheses": () =>
        json({ syntheses: [{ themeId: theme.id, body: CURRENT, updatedAt: "2018-06-03T08:00:00.000Z" }] }),
      [`GET /api/admin/syntheses/${theme.id}/versions`]: () =>
        versions([
          ...(saved
            ? [
                {
                  id: "v4",
                  body: OLDER,
                  authorName: "Camille Martin",
                  published: true,
                  createdAt: "2018-06-04T08:00:00.000Z",
                },
              ]
            : []),
          {
            id: "v3",
            body: CURRENT,
            authorName: "Dominique Petit",
            published: true,
            createdAt: "2018-06-03T08:00:00.000Z",
          },
          {
            id: "v2",
            body: "  ",
            authorName: "Camille Martin",
            published: false,
            createdAt: "2018-06-02T08:00:00.000Z",
          },
          {
            id: "v1",
            body: OLDER,
            authorName: "Camille Martin",
            published: true,
            createdAt: "2018-06-01T08:00:00.000Z",
          },
        ]),
      [`PUT /api/admin/syntheses/${theme.id}`]: () => {
        saved = true;
        return json(
          synthesisSavedSchema.parse({ themeId: theme.id, updatedAt: "2018-06-04T08:00:00.000Z", versionId: "v4" }),
        );
      },
    });
    const user = userEvent.setup();
    render(<ModerationApp />);
    const region = await screen.findByRole("region", { name: versionsText.title });
    const items = await within(region).findAllByRole("listitem");
    expect(items.map((item) => item.querySelector("time")?.textContent)).toEqual([
      versionsText.by("3 juin 2018 à 10:00", "Dominique Petit"),
      versionsText.by("2 juin 2018 à 10:00", "Camille Martin"),
      versionsText.by("1er juin 2018 à 10:00", "Camille Martin"),
    ]);
    expect(items[0]?.textContent).toContain(versionsText.current);
    expect(items[1]?.textContent).toContain(versionsText.withdrawn);

    await user.click(
      within(items[2]!).getByRole("button", {
        name: `${versionsText.restore} : ${versionsText.restoreSubject("1er juin 2018 à 10:00")}`,
      }),
    );
    const editor = screen.getByLabelText(text.body(theme.title)) as HTMLTextAreaElement;
    expect(editor.value).toBe(OLDER);
    expect(document.activeElement).toBe(editor);
    expect(document.getElementById("synthese-status")?.textContent).toBe(
      versionsText.restored("1er juin 2018 à 10:00"),
    );
    expect(screen.getByText(text.unsaved)).toBeTruthy();

    await user.click(screen.getByRole("button", { name: `${text.save} ${text.saveSubject(theme.title)}` }));
    await waitFor(() => expect(within(region).getAllByRole("listitem")).toHaveLength(4));
    const put = api.calls().find((call) => call.method === "PUT");
    expect(put?.body).toEqual({ body: OLDER });
  });
});
