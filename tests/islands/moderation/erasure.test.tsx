// @vitest-environment happy-dom
/**
 * « Effacer les données d'une personne »: search, then a confirmation that
 * says how many sends go; the French message of a bad address on its field;
 * a failed erasure keeps the list for a retry.
 */
import { cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { LinkedContact } from "../../../src/domain/erasure";
import type { AdminCall } from "../../../src/islands/moderation/admin-api";
import { ErasureSection, erasureText } from "../../../src/islands/moderation/ErasureSection";

afterEach(cleanup);

const contacts: LinkedContact[] = [
  {
    id: "0b6c3c8e-5d1a-4f7e-9a2b-1c3d4e5f6a70",
    subjectType: "contribution",
    subjectId: "1c7d4d9f-6e2b-4a8f-8b3c-2d4e5f6a7b81",
    status: "published",
    pseudonym: "Camille",
    createdAt: "2018-05-15T08:00:00.000Z",
  },
];

describe("ErasureSection", () => {
  it("searches, shows what the address is linked to, erases after the confirmation button", async () => {
    const call = vi.fn(async (_method: string, _path: string, _schema: unknown, body: unknown) => {
      const { action } = body as { action: string };
      return action === "preview"
        ? { kind: "ok" as const, data: { contacts } }
        : { kind: "ok" as const, data: { erased: 1 } };
    });
    render(<ErasureSection call={call as unknown as AdminCall} />);
    await userEvent.type(screen.getByLabelText(erasureText.email), "camille@exemple.fr");
    await userEvent.click(screen.getByRole("button", { name: erasureText.search }));
    expect(await screen.findByText(/Contribution de Camille, publiée/)).toBeTruthy();
    expect(call).toHaveBeenCalledTimes(1);
    await userEvent.click(screen.getByRole("button", { name: erasureText.confirm(1) }));
    expect(await screen.findByText(erasureText.erased(1))).toBeTruthy();
    expect(call.mock.calls[1]?.[3]).toEqual({ email: "camille@exemple.fr", action: "erase" });
    expect((screen.getByLabelText(erasureText.email) as HTMLInputElement).value).toBe("");
  });

  it("puts the server's French message on the field, and keeps the list when the erasure fails", async () => {
    let erasing = false;
    const call = vi.fn(async (_method: string, _path: string, _schema: unknown, body: unknown) => {
      const { email, action } = body as { email: string; action: string };
      if (email === "x") {
        return {
          kind: "invalid" as const,
          message: "À corriger",
          issues: [{ path: "email", message: "Adresse invalide." }],
        };
      }
      if (action === "erase") {
        erasing = true;
        return { kind: "network" as const, offline: false };
      }
      return { kind: "ok" as const, data: { contacts } };
    });
    render(<ErasureSection call={call as unknown as AdminCall} />);
    const field = screen.getByLabelText(erasureText.email);
    await userEvent.type(field, "x");
    await userEvent.click(screen.getByRole("button", { name: erasureText.search }));
    expect(await screen.findByText("Adresse invalide.")).toBeTruthy();
    expect(field.getAttribute("aria-invalid")).toBe("true");
    await userEvent.clear(field);
    await userEvent.type(field, "camille@exemple.fr");
    await userEvent.click(screen.getByRole("button", { name: erasureText.search }));
    await userEvent.click(await screen.findByRole("button", { name: erasureText.confirm(1) }));
    expect(erasing).toBe(true);
    expect(await screen.findByRole("button", { name: erasureText.confirm(1) })).toBeTruthy();
    expect(screen.getByText(/Contribution de Camille/)).toBeTruthy();
  });
});
