// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { stances } from "../../src/domain/contribution.schema";
import { fr, frForms } from "../../src/domain/messages.fr";
import { forgetCommuneIndexes } from "../../src/islands/form-kit/api";
import ReplyForm, { replyDraftKey } from "../../src/islands/ReplyForm";
import { apiCalls, apiError, json, stubFetch } from "./fetch-stub";

const parentId = "3b241101-e2bb-4255-8caf-4136c566a962";

beforeEach(() => {
  localStorage.clear();
  forgetCommuneIndexes();
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

async function fillReply(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByLabelText(stances.against));
  await user.type(screen.getByLabelText(frForms.fields.replyBody), "Pas chez nous : la fibre manque.");
  await user.type(screen.getByLabelText(frForms.fields.pseudonym), "Dominique");
  await user.selectOptions(screen.getByLabelText(frForms.fields.profile), "collectivite");
  await user.type(screen.getByLabelText(frForms.fields.postalCode), "23000");
  await screen.findByText(frForms.commune.found("Guéret"));
}

describe("ReplyForm", () => {
  it("asks for the stance in a fieldset whose legend names it, and reports it as an error", async () => {
    stubFetch(() => json({}));
    const user = userEvent.setup();
    render(<ReplyForm parentId={parentId} />);
    const group = screen.getByRole("group", { name: frForms.fields.stance });
    expect(group.tagName).toBe("FIELDSET");
    expect(screen.getAllByRole("radio").map((radio) => radio.nextElementSibling?.textContent)).toEqual(
      Object.values(stances),
    );
    await user.click(screen.getByRole("button", { name: frForms.submit.reply }));
    const error = document.getElementById(`${screen.getAllByRole("radio")[0]!.id}-error`);
    expect(error?.textContent).toContain(fr.stance);
    expect(group.getAttribute("aria-describedby")).toContain(error!.id);
    const link = screen.getByRole("link", { name: fr.stance });
    await user.click(link);
    expect(document.activeElement).toBe(screen.getAllByRole("radio")[0]);
  });

  it("sends the reply with its parent and stance, then confirms", async () => {
    const fetchMock = stubFetch(() => json({ id: "x", status: "pending" }, 201));
    const user = userEvent.setup();
    render(<ReplyForm parentId={parentId} />);
    await fillReply(user);
    await user.click(screen.getByRole("button", { name: frForms.submit.reply }));
    await screen.findByText(frForms.success.reply);
    expect(apiCalls(fetchMock)[0]).toMatchObject({
      url: "/api/contributions",
      body: {
        parentId,
        stance: "against",
        body: "Pas chez nous : la fibre manque.",
        communeCode: "23096",
        website: "",
      },
    });
    expect(localStorage.getItem(replyDraftKey(parentId))).toBeNull();
  });

  it("keeps the reply and its key after a timeout-like failure, and retries with the same key", async () => {
    const answers = [() => apiError(504, "gateway_timeout"), () => json({ id: "x", status: "pending" }, 201)];
    const fetchMock = stubFetch(() => answers.shift()!());
    const user = userEvent.setup();
    render(<ReplyForm parentId={parentId} />);
    await fillReply(user);
    await user.click(screen.getByRole("button", { name: frForms.submit.reply }));
    await screen.findByRole("button", { name: frForms.retry });
    expect(JSON.parse(localStorage.getItem(replyDraftKey(parentId)) ?? "{}").values.stance).toBe("against");
    await user.click(screen.getByRole("button", { name: frForms.retry }));
    await screen.findByText(frForms.success.reply);
    const [first, second] = apiCalls(fetchMock);
    expect(second?.idempotencyKey).toBe(first?.idempotencyKey);
  });

  it("says the parent is gone after a 404", async () => {
    stubFetch(() => apiError(404, "not_found", "La contribution à laquelle vous répondez est introuvable."));
    const user = userEvent.setup();
    render(<ReplyForm parentId={parentId} />);
    await fillReply(user);
    await user.click(screen.getByRole("button", { name: frForms.submit.reply }));
    await waitFor(() => expect(screen.getByText(fr.parent)).toBeTruthy());
  });
});
