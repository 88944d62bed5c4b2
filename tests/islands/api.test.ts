import { afterEach, describe, expect, it, vi } from "vitest";
import { postJson, retryAfter } from "../../src/islands/form-kit/api";
import { formatWait } from "../../src/islands/form-kit/outcome";
import { apiError, json } from "./fetch-stub";

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("postJson", () => {
  it("gives up after the timeout and says it was a timeout", async () => {
    vi.stubGlobal(
      "fetch",
      (_url: string, init: RequestInit) =>
        new Promise((_resolve, reject) => init.signal?.addEventListener("abort", () => reject(init.signal?.reason))),
    );
    await expect(postJson("/api/contributions", {}, { timeoutMs: 20 })).resolves.toEqual({ kind: "timeout" });
  });

  it("maps each kind of answer", async () => {
    const cases: [Response | Error, unknown][] = [
      [json({ id: "x", status: "pending" }, 201), { kind: "ok", status: 201, data: { id: "x", status: "pending" } }],
      [new Response(null, { status: 204 }), { kind: "ok", status: 204, data: undefined }],
      [
        apiError(400, "invalid_input", "Erreurs.", [{ path: "body", message: "Trop court." }, { bad: true }]),
        { kind: "invalid", message: "Erreurs.", issues: [{ path: "body", message: "Trop court." }] },
      ],
      [
        apiError(409, "duplicate", "Déjà envoyé."),
        { kind: "refused", status: 409, code: "duplicate", message: "Déjà envoyé." },
      ],
      [
        apiError(413, "payload_too_large"),
        { kind: "refused", status: 413, code: "payload_too_large", message: undefined },
      ],
      [apiError(429, "rate_limited", "", [], { "Retry-After": "30" }), { kind: "rate-limited", retryAfterSeconds: 30 }],
      [apiError(503, "store_unavailable"), { kind: "unavailable", status: 503 }],
      [new Response("<html>502</html>", { status: 502 }), { kind: "unavailable", status: 502 }],
      [new Response("<html>Not found</html>", { status: 404 }), { kind: "unavailable", status: 404 }],
      [new TypeError("Failed to fetch"), { kind: "network", offline: false }],
    ];
    for (const [answer, expected] of cases) {
      vi.stubGlobal("fetch", async () => {
        if (answer instanceof Error) throw answer;
        return answer;
      });
      expect(await postJson("/api/x", {})).toEqual(expected);
    }
  });
});

describe("Retry-After", () => {
  it("reads seconds and HTTP dates", () => {
    const now = Date.parse("2018-05-15T08:00:00Z");
    expect(retryAfter("90", now)).toBe(90);
    expect(retryAfter("Tue, 15 May 2018 08:02:00 GMT", now)).toBe(120);
    expect(retryAfter("soon", now)).toBeUndefined();
    expect(retryAfter(null, now)).toBeUndefined();
  });

  it("is said in French, rounded up", () => {
    expect(formatWait(1)).toBe("1 seconde");
    expect(formatWait(45)).toBe("45 secondes");
    expect(formatWait(61)).toBe("2 minutes");
    expect(formatWait(3600)).toBe("1 heure");
    expect(formatWait(undefined)).toBe("quelques minutes");
  });
});
