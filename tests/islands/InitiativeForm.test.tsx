// @vitest-environment happy-dom
import { cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fr, frForms } from "../../src/domain/messages.fr";
import { forgetCommuneIndexes } from "../../src/islands/form-kit/api";
import InitiativeForm, { INITIATIVE_DRAFT_KEY } from "../../src/islands/InitiativeForm";
import { apiCalls, json, stubFetch } from "./fetch-stub";

const text = frForms.fields;

beforeEach(() => {
  localStorage.clear();
  forgetCommuneIndexes();
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("InitiativeForm", () => {
  it("validates the year and the website on submit with the schema's messages, not when they are left", async () => {
    stubFetch(() => json({}));
    const user = userEvent.setup();
    render(<InitiativeForm />);
    await user.type(screen.getByLabelText(/Année d'ouverture/), "1890");
    await user.type(screen.getByLabelText(/Site web/), "exemple.fr");
    await user.tab();
    expect(document.getElementById("initiative-openingYear-error")).toBeNull();
    await user.click(screen.getByRole("button", { name: frForms.submit.initiative }));
    expect(document.getElementById("initiative-openingYear-error")?.textContent).toContain(
      fr.initiative.openingYear(new Date().getFullYear()),
    );
    expect(document.getElementById("initiative-url-error")?.textContent).toContain(fr.initiative.website);
  });

  it("sends the place with its commune and opening year to /api/initiatives", async () => {
    const fetchMock = stubFetch(() => json({ id: "x", status: "pending" }, 201));
    const user = userEvent.setup();
    render(<InitiativeForm />);
    await user.type(screen.getByLabelText(text.initiativeName), "La Quincaillerie");
    await user.selectOptions(screen.getByLabelText(text.initiativeKind), "tiers-lieu");
    await user.type(
      screen.getByLabelText(text.initiativeDescription),
      "Tiers-lieu associatif : coworking, fablab et café dans une ancienne quincaillerie.",
    );
    await user.type(screen.getByLabelText(/Année d'ouverture/), "2016");
    await user.type(screen.getByLabelText(text.postalCode), "23000");
    await screen.findByText(frForms.commune.found("Guéret"));
    await user.type(screen.getByLabelText(text.pseudonym), "Alex");
    await user.selectOptions(screen.getByLabelText(text.profile), "fondateur");
    expect(localStorage.getItem(INITIATIVE_DRAFT_KEY)).toContain("La Quincaillerie");
    await user.click(screen.getByRole("button", { name: frForms.submit.initiative }));
    // Thanked for the initiative (the words themselves: the shared « votre contribution » was the defect).
    const thanks = await screen.findByText(frForms.success.initiative);
    expect(thanks.textContent).toContain("Votre initiative a bien été reçue");
    expect(thanks.textContent).not.toMatch(/contribution/i);
    expect(screen.getByRole("button", { name: "Proposer un autre lieu" })).toBeTruthy();
    const [call] = apiCalls(fetchMock);
    expect(call?.url).toBe("/api/initiatives");
    expect(call?.idempotencyKey).toBeTruthy();
    expect(call?.body).toEqual({
      name: "La Quincaillerie",
      kind: "tiers-lieu",
      description: "Tiers-lieu associatif : coworking, fablab et café dans une ancienne quincaillerie.",
      openingYear: 2016,
      pseudonym: "Alex",
      profile: "fondateur",
      postalCode: "23000",
      communeCode: "23096",
      contactConsent: false,
      website: "",
    });
    expect(localStorage.getItem(INITIATIVE_DRAFT_KEY)).toBeNull();
  });
});
