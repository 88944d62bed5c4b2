// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { moderationMessages } from "../../../src/domain/moderation";
import ModerationApp from "../../../src/islands/moderation/ModerationApp";
import { frModeration } from "../../../src/islands/moderation/messages.fr";
import { SESSION_STORAGE_KEY } from "../../../src/islands/moderation/session";
import { apiError, json } from "../fetch-stub";
import {
  contribution,
  ids,
  MODERATOR,
  page,
  type Route,
  storeSession,
  stubAdmin,
  TOKEN,
  tokenSession,
} from "./admin-stub";

const text = frModeration.signIn;
const signedIn = () => screen.findByText(frModeration.session.signedInAs(MODERATOR));
const tokenField = () => screen.getByLabelText(text.token);

/** Routes of a signed-in workspace with one pending contribution. */
function workspaceRoutes(overrides: Record<string, Route> = {}): Record<string, Route> {
  return {
    "GET /api/admin/session": tokenSession(),
    "GET /api/admin/queue": () => page([contribution(ids.a)]),
    "GET /api/admin/syntheses": () => json({ syntheses: [] }),
    ...overrides,
  };
}

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("ModerationApp: sign-in with the moderation token", () => {
  it("asks for the token in a password field that says where to find it", async () => {
    stubAdmin(workspaceRoutes());
    render(<ModerationApp />);
    const field = await screen.findByLabelText(text.token);
    expect(field.getAttribute("type")).toBe("password");
    const hint = document.getElementById(field.getAttribute("aria-describedby")!.split(" ")[0]!);
    expect(hint?.textContent).toContain(".data/moderator-token");
  });

  it("sends the token as a Bearer header and keeps it in sessionStorage only, never in the URL", async () => {
    const api = stubAdmin(workspaceRoutes());
    const user = userEvent.setup();
    render(<ModerationApp />);
    await user.type(await screen.findByLabelText(text.token), `  ${TOKEN} `);
    await user.click(screen.getByRole("button", { name: text.submit }));
    const session = await signedIn();
    // The keyboard lands on the session line, at the top of what just appeared.
    expect(document.activeElement).toBe(session);

    await screen.findByRole("heading", { name: /Contribution de Camille/ });
    const calls = api.calls();
    const authenticated = calls.filter((call) => call.authorization !== undefined);
    expect(authenticated.map((call) => call.path)).toEqual(
      expect.arrayContaining(["/api/admin/session", "/api/admin/queue", "/api/admin/syntheses"]),
    );
    for (const call of authenticated) expect(call.authorization).toBe(`Bearer ${TOKEN}`);
    for (const call of calls) expect(call.query.toString()).not.toContain(TOKEN);

    expect(JSON.parse(sessionStorage.getItem(SESSION_STORAGE_KEY)!)).toEqual({ token: TOKEN });
    expect(localStorage.length).toBe(0);
    expect(window.location.href).not.toContain(TOKEN);
  });

  it("says on the field when the token is wrong, and keeps nothing", async () => {
    stubAdmin(workspaceRoutes());
    const user = userEvent.setup();
    render(<ModerationApp />);
    await user.type(await screen.findByLabelText(text.token), "mauvais-jeton");
    await user.click(screen.getByRole("button", { name: text.submit }));
    await waitFor(() => expect(tokenField().getAttribute("aria-invalid")).toBe("true"));
    expect(screen.getByRole("link", { name: text.tokenRejected })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByRole("region", { name: /Le formulaire contient une erreur/ }));
    expect((tokenField() as HTMLInputElement).value).toBe("mauvais-jeton");
    expect(sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });

  it("asks for the token before sending anything when the field is empty", async () => {
    const api = stubAdmin(workspaceRoutes());
    const user = userEvent.setup();
    render(<ModerationApp />);
    await screen.findByLabelText(text.token);
    const before = api.calls().length;
    await user.click(screen.getByRole("button", { name: text.submit }));
    expect(screen.getByRole("link", { name: text.tokenRequired })).toBeTruthy();
    expect(api.calls()).toHaveLength(before);
  });

  it("goes straight to the queues when this tab already signed in", async () => {
    storeSession();
    stubAdmin(workspaceRoutes());
    render(<ModerationApp />);
    await signedIn();
    expect(screen.queryByLabelText(text.token)).toBeNull();
  });

  it("asks to sign in again when the token this tab kept is no longer valid", async () => {
    storeSession("ancien-jeton");
    stubAdmin(workspaceRoutes());
    render(<ModerationApp />);
    expect(await screen.findByText(text.expiredOnLoad)).toBeTruthy();
    expect(screen.getByLabelText(text.token)).toBeTruthy();
    expect(sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });

  it("says when the server cannot be reached, and tries again on request", async () => {
    let fail = true;
    stubAdmin(
      workspaceRoutes({
        "GET /api/admin/session": (call) => {
          if (fail) throw new TypeError("Failed to fetch");
          return tokenSession()(call);
        },
      }),
    );
    const user = userEvent.setup();
    render(<ModerationApp />);
    expect(await screen.findByText(new RegExp(frModeration.failure.network.replace(/[()]/g, "\\$&")))).toBeTruthy();
    fail = false;
    await user.click(screen.getByRole("button", { name: frModeration.retryLoad }));
    expect(await screen.findByLabelText(text.token)).toBeTruthy();
  });
});

describe("ModerationApp: end of session", () => {
  it("returns to the sign-in with a message on a 401, and keeps what was typed for after", async () => {
    storeSession();
    let expired = false;
    stubAdmin(
      workspaceRoutes({
        "POST /api/admin/decisions": () =>
          expired
            ? apiError(401, "unauthorized", moderationMessages.unauthorized)
            : json({ decided: [ids.a], unchanged: [], rebuild: { status: "live", message: "C'est en ligne." } }),
      }),
    );
    const user = userEvent.setup();
    render(<ModerationApp />);
    await user.click(await screen.findByRole("button", { name: "Rejeter la contribution de Camille" }));
    await user.click(screen.getByLabelText("Autre raison"));
    await user.type(screen.getByLabelText(/^Précision/), "Texte copié d'un site commercial.");
    expired = true;
    await user.click(screen.getByRole("button", { name: "Confirmer le rejet de la contribution de Camille" }));

    const notice = await screen.findByText(text.expired);
    expect(document.activeElement).toBe(notice.parentElement);
    expect(sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    expect(screen.queryByRole("heading", { name: /Contribution de Camille/ })).toBeNull();

    expired = false;
    await user.type(tokenField(), TOKEN);
    await user.click(screen.getByRole("button", { name: text.submit }));
    await signedIn();
    expect((screen.getByLabelText(/^Précision/) as HTMLTextAreaElement).value).toBe(
      "Texte copié d'un site commercial.",
    );
    expect((screen.getByLabelText("Autre raison") as HTMLInputElement).checked).toBe(true);
  });

  it("signs out: the session is forgotten and the sign-in shows again", async () => {
    storeSession();
    stubAdmin(workspaceRoutes());
    const user = userEvent.setup();
    render(<ModerationApp />);
    await signedIn();
    await user.click(screen.getByRole("button", { name: frModeration.session.signOut }));
    expect(await screen.findByText(text.signedOut)).toBeTruthy();
    expect(screen.getByLabelText(text.token)).toBeTruthy();
    expect(sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
    expect(screen.queryByText(frModeration.session.signedInAs(MODERATOR))).toBeNull();
  });

  it("says the account is not allowed when the API answers 403", async () => {
    storeSession();
    stubAdmin(
      workspaceRoutes({
        "GET /api/admin/queue": () => apiError(403, "forbidden", moderationMessages.forbidden),
      }),
    );
    render(<ModerationApp />);
    expect(await screen.findByText(moderationMessages.forbidden)).toBeTruthy();
    expect(screen.getByLabelText(text.token)).toBeTruthy();
    expect(sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });
});

describe("ModerationApp: sign-in through Supabase", () => {
  const supabaseSession: Route = ({ authorization }) =>
    authorization === "Bearer access-token-1"
      ? json({ mode: "supabase", moderator: { name: "Claire Martin" } })
      : json({ mode: "supabase" });

  it("sends the email and password, then uses the access token", async () => {
    const expiresAt = new Date(Date.now() + 3600_000).toISOString();
    const api = stubAdmin(
      workspaceRoutes({
        "GET /api/admin/session": supabaseSession,
        "POST /api/admin/session": () =>
          json({ accessToken: "access-token-1", expiresAt, moderator: { name: "Claire Martin" } }),
      }),
    );
    const user = userEvent.setup();
    render(<ModerationApp />);
    await user.type(await screen.findByLabelText(text.email), "claire.martin@exemple.fr");
    await user.type(screen.getByLabelText(text.password), "correct horse");
    await user.click(screen.getByRole("button", { name: text.submit }));
    await screen.findByText(frModeration.session.signedInAs("Claire Martin"));

    const signInCall = api.calls().find((call) => call.method === "POST" && call.path === "/api/admin/session");
    expect(signInCall?.body).toEqual({ email: "claire.martin@exemple.fr", password: "correct horse" });
    await waitFor(() =>
      expect(api.calls().find((call) => call.path === "/api/admin/queue")?.authorization).toBe("Bearer access-token-1"),
    );
    expect(JSON.parse(sessionStorage.getItem(SESSION_STORAGE_KEY)!)).toEqual({ token: "access-token-1", expiresAt });
    expect(localStorage.length).toBe(0);
  });

  it("says when the account is not a moderator (403), and keeps what was typed", async () => {
    stubAdmin(
      workspaceRoutes({
        "GET /api/admin/session": supabaseSession,
        "POST /api/admin/session": () => apiError(403, "forbidden", moderationMessages.forbidden),
      }),
    );
    const user = userEvent.setup();
    render(<ModerationApp />);
    await user.type(await screen.findByLabelText(text.email), "visiteur@exemple.fr");
    await user.type(screen.getByLabelText(text.password), "secret");
    await user.click(screen.getByRole("button", { name: text.submit }));
    expect(await screen.findByText(moderationMessages.forbidden)).toBeTruthy();
    expect((screen.getByLabelText(text.email) as HTMLInputElement).value).toBe("visiteur@exemple.fr");
    expect(sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });

  it("says when the email or password is wrong (401)", async () => {
    stubAdmin(
      workspaceRoutes({
        "GET /api/admin/session": supabaseSession,
        "POST /api/admin/session": () => apiError(401, "unauthorized", moderationMessages.badCredentials),
      }),
    );
    const user = userEvent.setup();
    render(<ModerationApp />);
    await user.type(await screen.findByLabelText(text.email), "claire.martin@exemple.fr");
    await user.type(screen.getByLabelText(text.password), "faux");
    await user.click(screen.getByRole("button", { name: text.submit }));
    expect(await screen.findByRole("link", { name: moderationMessages.badCredentials })).toBeTruthy();
  });

  it("checks the email in the browser first, in French", async () => {
    const api = stubAdmin(workspaceRoutes({ "GET /api/admin/session": supabaseSession }));
    const user = userEvent.setup();
    render(<ModerationApp />);
    await user.type(await screen.findByLabelText(text.email), "pas-une-adresse");
    await user.click(screen.getByRole("button", { name: text.submit }));
    expect(screen.getByRole("link", { name: text.emailInvalid })).toBeTruthy();
    expect(screen.getByRole("link", { name: text.passwordRequired })).toBeTruthy();
    expect(api.calls().some((call) => call.method === "POST")).toBe(false);
  });
});
