// @vitest-environment happy-dom
/**
 * The receipt after a send: the tracking link from the 201, shown once, with
 * « Imprimer ce reçu »; after a 2xx whose body could not be read, the same
 * send is replayed with the same Idempotency-Key to get the link back.
 */
import { cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { stances } from "../../src/domain/contribution.schema";
import { frForms } from "../../src/domain/messages.fr";
import { frTracking } from "../../src/domain/tracking";
import { forgetCommuneIndexes } from "../../src/islands/form-kit/api";
import ReplyForm from "../../src/islands/ReplyForm";
import { apiCalls, json, stubFetch } from "./fetch-stub";

const parentId = "3b241101-e2bb-4255-8caf-4136c566a962";
const secret = "S3cr3t_-".repeat(5).slice(0, 40) + "abc";

beforeEach(() => {
  localStorage.clear();
  forgetCommuneIndexes();
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function sendReply(user: ReturnType<typeof userEvent.setup>) {
  render(<ReplyForm parentId={parentId} />);
  await user.click(screen.getByLabelText(stances.for));
  await user.type(screen.getByLabelText(frForms.fields.replyBody), "Chez nous aussi, le local coûte cher.");
  await user.type(screen.getByLabelText(frForms.fields.pseudonym), "Dominique");
  await user.selectOptions(screen.getByLabelText(frForms.fields.profile), "collectivite");
  await user.type(screen.getByLabelText(frForms.fields.postalCode), "23000");
  await screen.findByText(frForms.commune.found("Guéret"));
  await user.click(screen.getByRole("button", { name: frForms.submit.reply }));
  await screen.findByText(frForms.success.reply);
}

describe("the receipt", () => {
  it("shows the tracking link with the secret in the fragment, and prints", async () => {
    stubFetch(() => json({ id: "x", status: "pending", trackingSecret: secret }, 201));
    const print = vi.fn();
    vi.stubGlobal("print", print);
    const user = userEvent.setup();
    await sendReply(user);
    const receipt = screen.getByRole("region", { name: frTracking.receipt.title });
    const link = screen.getByRole("link", { name: new RegExp(`/suivi/#${secret}$`) });
    expect(receipt.contains(link)).toBe(true);
    expect(link.getAttribute("href")).toBe(`${window.location.origin}/suivi/#${secret}`);
    expect(receipt.textContent).toContain(frTracking.receipt.once);
    expect(receipt.textContent).toContain(frTracking.receipt.private);
    // The secret is never kept on the device: the draft is gone, nothing else stored.
    expect(JSON.stringify({ ...localStorage })).not.toContain(secret);
    await user.click(screen.getByRole("button", { name: frTracking.receipt.print }));
    expect(print).toHaveBeenCalledOnce();
  });

  it("after a 2xx without a readable body, replays the same send with the same key to show the link", async () => {
    const answers = [
      () => new Response("<html>proxy</html>", { status: 201 }),
      () => json({ id: "x", status: "pending", trackingSecret: secret }, 201),
    ];
    const fetchMock = stubFetch(() => (answers.shift() ?? answers[0]!)());
    const user = userEvent.setup();
    await sendReply(user);
    expect(screen.getByText(frTracking.receipt.missing)).toBeTruthy();
    await user.click(screen.getByRole("button", { name: frTracking.receipt.recover }));
    await screen.findByRole("link", { name: new RegExp(`/suivi/#${secret}$`) });
    const [first, second] = apiCalls(fetchMock);
    expect(second?.idempotencyKey).toBe(first?.idempotencyKey);
    expect(second?.body).toEqual(first?.body);
  });

  it("says the link cannot be shown when the replay has none either", async () => {
    stubFetch(() => json({ id: "x", status: "pending" }, 201));
    const user = userEvent.setup();
    await sendReply(user);
    await user.click(screen.getByRole("button", { name: frTracking.receipt.recover }));
    await screen.findByText(frTracking.receipt.unavailable);
    expect(screen.queryByRole("button", { name: frTracking.receipt.recover })).toBeNull();
  });
});
