// @vitest-environment happy-dom
/**
 * The tracking page's island against a stubbed API: the secret from the
 * fragment goes in the POST body, each state reads as it should, a
 * correction is checked with the form's own French messages before any
 * request, and a withdrawal asks for confirmation first.
 */
import { cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fr, frForms } from "../../src/domain/messages.fr";
import { frTracking, frTrackingApi, type TrackedSubmission } from "../../src/domain/tracking";
import TrackingPage from "../../src/islands/TrackingPage";
import { apiCalls, apiError, json, stubFetch } from "./fetch-stub";

const text = frTracking.page;
const secret = "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9T0u-_";

const pending: TrackedSubmission = {
  kind: "answer",
  status: "pending",
  editable: true,
  submittedAt: "2018-05-15T08:00:00.000Z",
  decidedAt: null,
  permalink: null,
  reason: null,
  hasContact: true,
  themeId: "ancrage-territorial",
  questionId: "freins-rencontres",
  stance: null,
  body: "Dans notre bourg, le principal frein reste la connexion internet.",
  name: null,
  initiativeKind: null,
  description: null,
  url: null,
  openingYear: null,
  response: null,
};

beforeEach(() => {
  window.history.replaceState(null, "", `/suivi/#${secret}`);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("TrackingPage", () => {
  it("reads the secret from the fragment and sends it in the body, then shows a pending answer", async () => {
    const fetchMock = stubFetch(() => json({ submission: pending }));
    render(<TrackingPage />);
    await screen.findByRole("heading", { name: text.status.pending });
    expect(apiCalls(fetchMock)).toEqual([{ url: "/api/suivi", idempotencyKey: undefined, body: { secret } }]);
    expect(screen.getByText(pending.body!)).toBeTruthy();
    expect(screen.getByRole("button", { name: text.correct })).toBeTruthy();
    expect(screen.getByRole("button", { name: text.withdraw })).toBeTruthy();
  });

  it("shows a published one with its permalink, a rejected one with its reason, and no action", async () => {
    stubFetch(() =>
      json({ submission: { ...pending, status: "published", editable: false, permalink: "/contributions/x/" } }),
    );
    render(<TrackingPage />);
    await screen.findByRole("heading", { name: text.status.published });
    expect(screen.getByRole("link", { name: text.publishedLink }).getAttribute("href")).toBe("/contributions/x/");
    expect(screen.queryByRole("button", { name: text.correct })).toBeNull();
    cleanup();

    stubFetch(() => json({ submission: { ...pending, status: "rejected", editable: false, reason: "Hors sujet." } }));
    render(<TrackingPage />);
    await screen.findByRole("heading", { name: text.status.rejected });
    expect(screen.getByText("Hors sujet.")).toBeTruthy();
    expect(screen.queryByRole("button", { name: text.withdraw })).toBeNull();
  });

  it("shows the mission's official response under a published one", async () => {
    const response = {
      statusLabel: "Intégrée à une recommandation",
      body: "Reprise dans la recommandation n° 5.",
      publishedAt: "2018-07-02T10:00:00.000Z",
    };
    stubFetch(() =>
      json({
        submission: { ...pending, status: "published", editable: false, permalink: "/contributions/x/", response },
      }),
    );
    render(<TrackingPage />);
    expect(
      await screen.findByRole("heading", { name: "Réponse de la mission : Intégrée à une recommandation" }),
    ).toBeTruthy();
    expect(screen.getByText("Reprise dans la recommandation n° 5.")).toBeTruthy();
  });

  it("says an unknown link is unknown, and takes a pasted one", async () => {
    const fetchMock = stubFetch((_url, init) =>
      JSON.parse(String(init.body)).secret === secret
        ? apiError(404, "not_found", frTrackingApi.notFound)
        : json({ submission: pending }),
    );
    const user = userEvent.setup();
    render(<TrackingPage />);
    await screen.findByText(frTrackingApi.notFound);
    await user.type(screen.getByLabelText(text.field), "https://exemple.fr/suivi/#trop-court");
    await user.click(screen.getByRole("button", { name: text.open }));
    expect(screen.getByText(text.fieldInvalid)).toBeTruthy();
    const other = "Z".repeat(43);
    await user.clear(screen.getByLabelText(text.field));
    await user.type(screen.getByLabelText(text.field), `https://exemple.fr/suivi/#${other}`);
    await user.click(screen.getByRole("button", { name: text.open }));
    await screen.findByRole("heading", { name: text.status.pending });
    expect(apiCalls(fetchMock).at(-1)?.body).toEqual({ secret: other });
    expect(window.location.hash).toBe(`#${other}`);
  });

  it("corrects the text: the form's own message before any request, then the saved text", async () => {
    const corrected = "Le frein principal est le prix du local, plus que la connexion.";
    const fetchMock = stubFetch((_url, init) => {
      const body = JSON.parse(String(init.body));
      return json({ submission: body.action === "correct" ? { ...pending, body: body.body } : pending });
    });
    const user = userEvent.setup();
    render(<TrackingPage />);
    await user.click(await screen.findByRole("button", { name: text.correct }));
    const field = screen.getByLabelText(frForms.fields.answerBody);
    expect((field as HTMLTextAreaElement).value).toBe(pending.body);
    await user.clear(field);
    await user.type(field, "Trop court");
    await user.click(screen.getByRole("button", { name: text.correctSubmit }));
    expect(screen.getAllByText(fr.body.tooShort(20)).length).toBeGreaterThan(0);
    expect(apiCalls(fetchMock)).toHaveLength(1);
    await user.clear(field);
    await user.type(field, corrected);
    await user.click(screen.getByRole("button", { name: text.correctSubmit }));
    await screen.findByText(text.corrected);
    expect(screen.getByText(corrected)).toBeTruthy();
    expect(apiCalls(fetchMock).at(-1)?.body).toEqual({ action: "correct", secret, body: corrected });
  });

  it("withdraws after a confirmation, saying the contact is erased too", async () => {
    const fetchMock = stubFetch((_url, init) =>
      JSON.parse(String(init.body)).action === "withdraw"
        ? json({ withdrawn: true, contactErased: true })
        : json({ submission: pending }),
    );
    const user = userEvent.setup();
    render(<TrackingPage />);
    await user.click(await screen.findByRole("button", { name: text.withdraw }));
    expect(screen.getByText(text.withdrawContact)).toBeTruthy();
    expect(apiCalls(fetchMock)).toHaveLength(1);
    await user.click(screen.getByRole("button", { name: text.withdrawConfirm }));
    await screen.findByRole("heading", { name: text.status.withdrawn });
    expect(screen.getByText(text.withdrawnContact)).toBeTruthy();
    expect(apiCalls(fetchMock).at(-1)?.body).toEqual({ action: "withdraw", secret });
  });
});
