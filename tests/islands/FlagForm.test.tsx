// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flagReasons } from "../../src/domain/contribution.schema";
import { fr, frForms } from "../../src/domain/messages.fr";
import FlagForm from "../../src/islands/FlagForm";
import { apiCalls, apiError, json, stubFetch } from "./fetch-stub";

const contributionId = "9a2f4a8e-1d7c-4c55-8f0e-2b1c3d4e5f60";
const toggle = () => screen.getByRole("button", { name: frForms.flags.open });

beforeEach(() => localStorage.clear());

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("FlagForm", () => {
  it("opens and closes as a disclosure", async () => {
    stubFetch(() => json({}));
    const user = userEvent.setup();
    render(<FlagForm contributionId={contributionId} />);
    const panel = document.getElementById(toggle().getAttribute("aria-controls")!)!;
    expect(toggle().getAttribute("aria-expanded")).toBe("false");
    expect(panel.hidden).toBe(true);
    await user.click(toggle());
    expect(toggle().getAttribute("aria-expanded")).toBe("true");
    expect(panel.hidden).toBe(false);
    await user.click(screen.getByRole("button", { name: frForms.flags.cancel }));
    expect(panel.hidden).toBe(true);
    expect(document.activeElement).toBe(toggle());
  });

  it("asks for a reason, then sends it with the details and confirms", async () => {
    const fetchMock = stubFetch(() => json({ flagged: true }, 201));
    const user = userEvent.setup();
    render(<FlagForm contributionId={contributionId} />);
    await user.click(toggle());
    await user.click(screen.getByRole("button", { name: frForms.submit.flag }));
    expect(document.activeElement).toBe(screen.getByRole("region", { name: frForms.summaryTitle(1) }));
    expect(screen.getByRole("link", { name: fr.flagReason })).toBeTruthy();
    expect(apiCalls(fetchMock)).toHaveLength(0);

    await user.click(screen.getByLabelText(flagReasons.advertising));
    await user.type(screen.getByLabelText(/Précisions/), "Lien vers une boutique.");
    await user.click(screen.getByRole("button", { name: frForms.submit.flag }));
    const message = await screen.findByText(frForms.flags.sent);
    expect(document.activeElement).toBe(message.parentElement);
    const [call] = apiCalls(fetchMock);
    expect(call?.url).toBe(`/api/contributions/${contributionId}/flags`);
    expect(call?.body).toMatchObject({ reason: "advertising", details: "Lien vers une boutique." });
    expect(String(call?.body.voterToken)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(call?.idempotencyKey).toBeUndefined();
  });

  it("says so when this browser already flagged the contribution", async () => {
    stubFetch(() => apiError(409, "already_flagged", ""));
    const user = userEvent.setup();
    render(<FlagForm contributionId={contributionId} />);
    await user.click(toggle());
    await user.click(screen.getByLabelText(flagReasons["off-topic"]));
    await user.click(screen.getByRole("button", { name: frForms.submit.flag }));
    await waitFor(() => expect(screen.getByText(frForms.flags.alreadyFlagged)).toBeTruthy());
  });
});
