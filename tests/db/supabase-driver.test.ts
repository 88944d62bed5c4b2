/**
 * The supabase-js driver, checked on the exact HTTP requests it sends to
 * Supabase's REST API, with fetch stubbed: no network, no project needed.
 */
import { describe, expect, it, vi } from "vitest";
import { Store } from "../../src/server/store/store";
import { createServiceClient } from "../../src/server/store/supabase-client";
import { SupabaseSqlPort } from "../../src/server/store/supabase-port";

const url = "https://projet-test.supabase.co";
const key = "service-role-key-for-tests-0123456789";

function storeWith(fetchImpl: typeof fetch) {
  const client = createServiceClient(url, key, { fetchImpl });
  return new Store(new SupabaseSqlPort(client));
}

const reaction = {
  contributionId: "8a0f5b6e-3c1d-4e2f-9a7b-1c2d3e4f5a6b",
  kind: "support" as const,
  voterHash: "voter-hash-0000000001",
  networkHash: "ip-hash-000000000001",
};

describe("supabase-js driver", () => {
  it("gives up on a Supabase that does not answer: the store is unavailable (the API's 503), the request aborted", async () => {
    let aborted = false;
    // A fetch that never answers, but ends when its signal aborts, as a real one does.
    const hanging = ((_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => {
          aborted = true;
          reject(init.signal?.reason);
        });
      })) as typeof fetch;
    const client = createServiceClient(url, key, { fetchImpl: hanging, timeoutMs: 50 });
    const store = new Store(new SupabaseSqlPort(client));
    await expect(store.react(reaction)).rejects.toMatchObject({ name: "StoreUnavailableError" });
    expect(aborted).toBe(true);
  });

  it("calls POST /rest/v1/rpc/<function> with the service role key and the payload as { payload }", async () => {
    const fetchStub = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) =>
      Response.json({ outcome: "created", kind: "support", counts: { support: 3, disagree: 1 } }),
    );
    const outcome = await storeWith(fetchStub as typeof fetch).react(reaction);
    expect(outcome).toEqual({ outcome: "created", kind: "support", counts: { support: 3, disagree: 1 } });
    expect(fetchStub).toHaveBeenCalledTimes(1);
    const [input, init] = fetchStub.mock.calls[0] ?? [];
    expect(String(input)).toBe(`${url}/rest/v1/rpc/react_to_contribution`);
    expect(init?.method).toBe("POST");
    const headers = new Headers(init?.headers);
    expect(headers.get("apikey")).toBe(key);
    expect(headers.get("authorization")).toBe(`Bearer ${key}`);
    expect(headers.get("content-type")).toContain("application/json");
    expect(JSON.parse(String(init?.body))).toEqual({
      payload: {
        contribution_id: reaction.contributionId,
        kind: "support",
        voter_hash: reaction.voterHash,
        network_hash: reaction.networkHash,
      },
    });
  });

  it("reports an unreachable Supabase (network error, 5xx) as StoreUnavailableError, for a 503", async () => {
    const networkDown = vi.fn(async () => {
      throw new TypeError("fetch failed");
    });
    await expect(storeWith(networkDown as typeof fetch).react(reaction)).rejects.toMatchObject({
      name: "StoreUnavailableError",
    });
    const gatewayDown = vi.fn(async () =>
      Response.json({ message: "upstream connect error", code: "PGRST000" }, { status: 503 }),
    );
    await expect(storeWith(gatewayDown as typeof fetch).react(reaction)).rejects.toMatchObject({
      name: "StoreUnavailableError",
    });
  });

  it("reports a refused call (4xx from PostgREST) as a plain error, not as unavailability", async () => {
    const refused = vi.fn(async () =>
      Response.json(
        { message: "permission denied for function react_to_contribution", code: "42501" },
        { status: 401 },
      ),
    );
    const error = await storeWith(refused as typeof fetch)
      .react(reaction)
      .catch((caught: Error) => caught);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe("Error");
    expect((error as Error).message).toContain("permission denied");
  });

  it("refuses an answer that is not one of the function's outcomes", async () => {
    const odd = vi.fn(async () => Response.json({ outcome: "created" }));
    await expect(storeWith(odd as typeof fetch).react(reaction)).rejects.toThrow();
  });
});
