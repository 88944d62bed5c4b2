// @vitest-environment happy-dom
/**
 * The flag form under a contribution a synthesis cites: its toggle says it
 * also takes a contested summary, and the reason « Ma contribution est mal
 * résumée dans la synthèse » is offered (and sent) there, never elsewhere.
 */
import { cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flagReasons } from "../../src/domain/contribution.schema";
import { frForms } from "../../src/domain/messages.fr";
import FlagForm from "../../src/islands/FlagForm";
import { apiCalls, json, stubFetch } from "./fetch-stub";

const contributionId = "9a2f4a8e-1d7c-4c55-8f0e-2b1c3d4e5f60";

beforeEach(() => localStorage.clear());

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("FlagForm under a cited contribution", () => {
  it("offers the contested-summary reason before « Autre raison », and sends it", async () => {
    const fetchMock = stubFetch(() => json({ flagged: true }, 201));
    const user = userEvent.setup();
    render(<FlagForm contributionId={contributionId} cited />);
    await user.click(screen.getByRole("button", { name: frForms.flags.openCited }));
    const values = screen.getAllByRole("radio").map((radio) => (radio as HTMLInputElement).value);
    expect(values.slice(-2)).toEqual(["misrepresented", "other"]);
    await user.click(screen.getByLabelText(flagReasons.misrepresented));
    await user.type(screen.getByLabelText(/Précisions/), "La synthèse me fait dire l'inverse.");
    await user.click(screen.getByRole("button", { name: frForms.submit.flag }));
    await screen.findByText(frForms.flags.sent);
    expect(apiCalls(fetchMock)[0]?.body).toMatchObject({ reason: "misrepresented" });
  });

  it("does not offer it under a contribution no synthesis cites", async () => {
    stubFetch(() => json({}));
    const user = userEvent.setup();
    render(<FlagForm contributionId={contributionId} />);
    await user.click(screen.getByRole("button", { name: frForms.flags.open }));
    expect(screen.queryByLabelText(flagReasons.misrepresented)).toBeNull();
    expect(screen.getAllByRole("radio")).toHaveLength(Object.keys(flagReasons).length - 1);
  });
});
