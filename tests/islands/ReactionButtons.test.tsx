// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { reactionKinds } from "../../src/domain/contribution.schema";
import { frForms } from "../../src/domain/messages.fr";
import { VOTER_TOKEN_KEY } from "../../src/islands/form-kit/identity";
import ReactionButtons, { reactionStorageKey } from "../../src/islands/ReactionButtons";
import { apiCalls, apiError, json, stubFetch } from "./fetch-stub";

const contributionId = "9a2f4a8e-1d7c-4c55-8f0e-2b1c3d4e5f60";

const button = (kind: keyof typeof reactionKinds) =>
  screen.getByRole("button", { name: new RegExp(`^${reactionKinds[kind]}`) });

beforeEach(() => localStorage.clear());

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("ReactionButtons", () => {
  it("records a reaction with the browser's voter token and shows the new counts", async () => {
    const fetchMock = stubFetch(() =>
      json({ contributionId, kind: "support", counts: { support: 4, disagree: 1 } }, 201),
    );
    const user = userEvent.setup();
    render(<ReactionButtons contributionId={contributionId} counts={{ support: 3, disagree: 1 }} />);
    expect(button("support").getAttribute("aria-pressed")).toBe("false");
    await user.click(button("support"));
    await waitFor(() => expect(button("support").getAttribute("aria-pressed")).toBe("true"));
    expect(button("support").textContent).toContain("(4)");
    expect(button("disagree").getAttribute("aria-pressed")).toBe("false");
    expect(screen.getByRole("status").textContent).toBe(frForms.reactions.recorded.support);
    const [call] = apiCalls(fetchMock);
    expect(call?.url).toBe(`/api/contributions/${contributionId}/reactions`);
    expect(call?.body).toEqual({ kind: "support", voterToken: localStorage.getItem(VOTER_TOKEN_KEY) });
    expect(String(call?.body.voterToken)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("refuses a second vote and says so, without sending it", async () => {
    const fetchMock = stubFetch(() =>
      json({ contributionId, kind: "support", counts: { support: 1, disagree: 0 } }, 201),
    );
    const user = userEvent.setup();
    render(<ReactionButtons contributionId={contributionId} counts={{ support: 0, disagree: 0 }} />);
    await user.click(button("support"));
    await waitFor(() => expect(button("support").getAttribute("aria-pressed")).toBe("true"));
    await user.click(button("disagree"));
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe(frForms.reactions.alreadyReacted));
    expect(apiCalls(fetchMock)).toHaveLength(1);
    expect(button("disagree").getAttribute("aria-pressed")).toBe("false");
  });

  it("says so when the server already has this browser's vote (409), and remembers it", async () => {
    stubFetch(() => apiError(409, "already_reacted", ""));
    const user = userEvent.setup();
    render(<ReactionButtons contributionId={contributionId} counts={{ support: 2, disagree: 0 }} />);
    await user.click(button("disagree"));
    await waitFor(() => expect(screen.getByRole("status").textContent).toBe(frForms.reactions.alreadyReacted));
    expect(JSON.parse(localStorage.getItem(reactionStorageKey(contributionId)) ?? "null")).toEqual({ vote: "unknown" });
  });

  it("shows the vote again after a reload", async () => {
    stubFetch(() => json({}));
    localStorage.setItem(reactionStorageKey(contributionId), "disagree");
    render(<ReactionButtons contributionId={contributionId} counts={{ support: 0, disagree: 1 }} />);
    await waitFor(() => expect(button("disagree").getAttribute("aria-pressed")).toBe("true"));
  });

  it("keeps the counts of its vote after a reload, until a build has fresher ones", async () => {
    const fetchMock = stubFetch(() =>
      json({ contributionId, kind: "support", counts: { support: 8, disagree: 2 } }, 201),
    );
    const user = userEvent.setup();
    const page = render(<ReactionButtons contributionId={contributionId} counts={{ support: 7, disagree: 2 }} />);
    await user.click(button("support"));
    await waitFor(() => expect(button("support").textContent).toContain("(8)"));
    page.unmount();

    // Reload before the rebuild: the page still says 7.
    const reloaded = render(<ReactionButtons contributionId={contributionId} counts={{ support: 7, disagree: 2 }} />);
    await waitFor(() => expect(button("support").getAttribute("aria-pressed")).toBe("true"));
    expect(button("support").textContent).toContain("(8)");
    reloaded.unmount();

    // After a rebuild that counted other people's votes too.
    render(<ReactionButtons contributionId={contributionId} counts={{ support: 11, disagree: 3 }} />);
    await waitFor(() => expect(button("support").getAttribute("aria-pressed")).toBe("true"));
    expect(button("support").textContent).toContain("(11)");
    expect(button("disagree").textContent).toContain("(3)");
    expect(apiCalls(fetchMock)).toHaveLength(1);
  });

  it("says what happened when the network fails, and lets the person try again", async () => {
    const answers = [
      () => {
        throw new TypeError("Failed to fetch");
      },
      () => json({ contributionId, kind: "support", counts: { support: 1, disagree: 0 } }, 201),
    ];
    stubFetch(() => answers.shift()!());
    const user = userEvent.setup();
    render(<ReactionButtons contributionId={contributionId} counts={{ support: 0, disagree: 0 }} />);
    await user.click(button("support"));
    await waitFor(() => expect(screen.getByRole("status").textContent).toContain(frForms.failure.network));
    expect(button("support").getAttribute("aria-pressed")).toBe("false");
    await user.click(button("support"));
    await waitFor(() => expect(button("support").getAttribute("aria-pressed")).toBe("true"));
  });
});
