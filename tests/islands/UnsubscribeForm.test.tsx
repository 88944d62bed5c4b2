// @vitest-environment happy-dom
/**
 * /desinscription/'s island: nothing is sent until the button is pressed
 * (a mail filter opening the link unsubscribes no one); the contact and
 * token go from the fragment to the API's query; every outcome is said in
 * French in a live region; a failed send can be retried.
 */
import { cleanup, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import UnsubscribeForm, { unsubscribeText } from "../../src/islands/UnsubscribeForm";
import { apiError, json, stubFetch } from "./fetch-stub";

const contact = "0b6c3c8e-5d1a-4f7e-9a2b-1c3d4e5f6a70";
const token = "ab".repeat(32);

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.location.hash = "";
});

describe("UnsubscribeForm", () => {
  it("sends the fragment's contact and token only when the button is pressed, then says it is done", async () => {
    window.location.hash = `#c=${contact}&t=${token}`;
    const fetchMock = stubFetch(() => json({ stopped: true }));
    render(<UnsubscribeForm />);
    const button = await screen.findByRole("button", { name: unsubscribeText.button });
    expect(fetchMock).not.toHaveBeenCalled();
    await userEvent.click(button);
    expect(await screen.findByText(unsubscribeText.done)).toBeTruthy();
    const [url, init] = fetchMock.mock.calls[0] ?? [];
    expect(String(url)).toBe(`/api/desinscription?c=${contact}&t=${token}`);
    expect(init?.method).toBe("POST");
    expect(screen.queryByRole("button")).toBeNull();
  });

  it("says the link is incomplete when the fragment is cut, and offers no button", async () => {
    window.location.hash = `#c=${contact}&t=${token.slice(0, 20)}`;
    const fetchMock = stubFetch(() => json({ stopped: true }));
    render(<UnsubscribeForm />);
    expect(await screen.findByText(unsubscribeText.incomplete)).toBeTruthy();
    expect(screen.queryByRole("button")).toBeNull();
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("keeps the button after a network failure so the person can retry; shows the server's words on a 404", async () => {
    window.location.hash = `#c=${contact}&t=${token}`;
    let calls = 0;
    stubFetch(() => {
      calls += 1;
      if (calls === 1) throw new TypeError("Failed to fetch");
      return apiError(404, "not_found", "Ce lien de désinscription n'est plus valable.");
    });
    render(<UnsubscribeForm />);
    await userEvent.click(await screen.findByRole("button", { name: unsubscribeText.button }));
    expect(await screen.findByText(unsubscribeText.network)).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: unsubscribeText.button }));
    expect(await screen.findByText("Ce lien de désinscription n'est plus valable.")).toBeTruthy();
    expect(screen.queryByRole("button")).toBeNull();
  });
});
