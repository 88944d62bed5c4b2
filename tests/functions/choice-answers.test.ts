/**
 * POST /api/choice-answers through real Request objects, on an in-memory
 * PGlite database migrated like production: every status the API promises
 * for an answer to a closed question, and what each one writes (or not).
 */
import type { PGlite } from "@electric-sql/pglite";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import handler from "../../netlify/functions/choice-answers";
import { fr } from "../../src/domain/messages.fr";
import { provideStore } from "../../src/server/store/open-store";
import { fakeContext, jsonRequest, memoryStore } from "../support/pglite-store";

let db: PGlite;
const post = (body: unknown, headers: Record<string, string> = {}, ip?: string) =>
  handler(jsonRequest("/api/choice-answers", body, headers), fakeContext({}, ip));
const count = async () =>
  Number((await db.query<{ n: number }>("select count(*)::int as n from public.choice_answers")).rows[0]?.n);
const key = () => ({ "Idempotency-Key": crypto.randomUUID() });

/** A valid answer to the single-choice question of the default content; override any field. */
function single(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    themeId: "ancrage-territorial",
    questionId: "principal-frein",
    options: ["cout-du-debit"],
    pseudonym: `Camille ${crypto.randomUUID().slice(0, 8)}`,
    profile: "habitant",
    postalCode: "23000",
    communeCode: "23096",
    website: "",
    ...overrides,
  };
}

const scale = (overrides: Record<string, unknown> = {}) =>
  single({
    themeId: "travail-et-emploi",
    questionId: "utilite-pour-travailler",
    options: undefined,
    scale: 4,
    ...overrides,
  });
const multiple = (overrides: Record<string, unknown> = {}) =>
  single({
    themeId: "comprendre-les-tiers-lieux",
    questionId: "services-souhaites",
    options: ["formations", "bureaux-partages"],
    ...overrides,
  });

beforeAll(async () => {
  const fresh = await memoryStore({ submission_max: 5 });
  db = fresh.db;
  provideStore(fresh.opened);
});

beforeEach(async () => {
  await db.exec("delete from public.rate_limit_hits");
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("POST /api/choice-answers", () => {
  it("201: records a single choice, counted at once, its territory resolved and the IP only hashed", async () => {
    const headers = key();
    const response = await post(single(), headers);
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body).toEqual({ id: expect.any(String), counted: true });
    expect(response.headers.get("Idempotent-Replayed")).toBe("false");
    const row = (
      await db.query<Record<string, unknown>>("select * from public.choice_answers where id = $1", [body.id])
    ).rows[0];
    expect(row).toMatchObject({
      question_id: "principal-frein",
      option_ids: ["cout-du-debit"],
      scale_value: null,
      other_text: null,
      other_status: null,
      commune_name: "Guéret",
      region_name: "Nouvelle-Aquitaine",
      territory_type: "small-town",
      idempotency_key: headers["Idempotency-Key"],
    });
    expect(JSON.stringify(row)).not.toContain("203.0.113.7");
    expect(row?.author_hash).toMatch(/^[0-9a-f]{64}$/);
    // Counted without moderation: the next scheduled run rebuilds the site with it.
    const state = await db.query<{ changed: boolean }>(
      "select public_changed_at > coalesce(rebuild_requested_at, '-infinity') as changed from public.site_state",
    );
    expect(state.rows[0]?.changed).toBe(true);
  });

  it("201: a scale value, and a multiple choice stored in the content's order with « autre » text pending", async () => {
    const scaled = await post(scale({ scale: 5 }), key());
    expect(scaled.status).toBe(201);
    const ticked = await post(
      multiple({ options: ["autre", "formations", "bureaux-partages"], otherText: " Une crèche " }),
      key(),
    );
    expect(ticked.status).toBe(201);
    const rows = await db.query<Record<string, unknown>>(
      "select option_ids, scale_value, other_text, other_status from public.choice_answers where id in ($1, $2) order by scale_value nulls last",
      [(await scaled.json()).id, (await ticked.json()).id],
    );
    expect(rows.rows).toEqual([
      { option_ids: [], scale_value: 5, other_text: null, other_status: null },
      {
        option_ids: ["bureaux-partages", "formations", "autre"],
        scale_value: null,
        other_text: "Une crèche",
        other_status: "pending",
      },
    ]);
  });

  it("201 again for a retry with the same key and the same answer, boxes in another order: nothing new written", async () => {
    const headers = key();
    const payload = multiple();
    const first = await (await post(payload, headers)).json();
    const before = await count();
    const retry = await post({ ...payload, options: ["bureaux-partages", "formations"] }, headers);
    expect(retry.status).toBe(201);
    expect(retry.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await retry.json()).toEqual(first);
    expect(await count()).toBe(before);
  });

  it("422 for a used key with any changed field (option, value, profile, postal code): the first answer stays", async () => {
    for (const [payload, changed] of [
      [single(), { options: ["financement"] }],
      [scale(), { scale: 2 }],
      [single(), { profile: "salarie" }],
      [single(), { postalCode: "75001", communeCode: "75056" }],
    ] as const) {
      const headers = key();
      expect((await post(payload, headers)).status).toBe(201);
      const before = await count();
      const response = await post({ ...payload, ...changed }, headers);
      expect(response.status, JSON.stringify(changed)).toBe(422);
      expect((await response.json()).error).toBe("idempotency_key_reused");
      expect(await count()).toBe(before);
    }
  });

  it("409 duplicate when the same pseudonym answers the same question again from the same network", async () => {
    const payload = single();
    expect((await post(payload, key())).status).toBe(201);
    const before = await count();
    const again = await post({ ...payload, options: ["animation"] }, key());
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: "duplicate", message: fr.api.duplicateChoice });
    expect(await count()).toBe(before);
  });

  it("409 when the consultation is closed or not yet open, and nothing is written", async () => {
    const before = await count();
    vi.stubEnv("CONSULTATION_CLOCK", "2018-06-16T00:00:00+02:00");
    const closed = await post(single(), key());
    expect(closed.status).toBe(409);
    expect((await closed.json()).error).toBe("consultation_closed");
    vi.stubEnv("CONSULTATION_CLOCK", "2018-04-11T23:59:59+02:00");
    const upcoming = await post(single(), key());
    expect(upcoming.status).toBe(409);
    expect((await upcoming.json()).error).toBe("consultation_not_open");
    expect(await count()).toBe(before);
  });

  it("400 with a French message per field for a bad answer, and nothing written", async () => {
    const before = await count();
    const cases: [Record<string, unknown>, string, string][] = [
      [single({ options: ["pas-une-option"] }), "options", fr.choice.unknownOption],
      [single({ options: ["cout-du-debit", "financement"] }), "options", fr.choice.single],
      [single({ options: [] }), "options", fr.choice.single],
      [multiple({ options: [] }), "options", fr.choice.multiple],
      [scale({ scale: 6 }), "scale", fr.choice.scale(1, 5)],
      [scale({ scale: undefined }), "scale", fr.choice.scale(1, 5)],
      [single({ options: ["autre"] }), "otherText", fr.choice.otherText(2, 500)],
      [single({ otherText: "sans autre" }), "otherText", fr.choice.otherTextUnexpected],
      [single({ questionId: "freins-rencontres" }), "questionId", fr.choice.notClosed],
      [single({ profile: "astronaute" }), "profile", fr.profile],
    ];
    for (const [payload, path, message] of cases) {
      const response = await post(payload, key());
      expect(response.status, `${path}: ${JSON.stringify(payload)}`).toBe(400);
      const body = await response.json();
      expect(body.error).toBe("invalid_input");
      expect(body.issues, JSON.stringify(payload)).toContainEqual({ path, message });
    }
    expect(await count()).toBe(before);
  });

  it("429 with Retry-After past the limit for one network, another network still gets through", async () => {
    for (let sent = 0; sent < 5; sent++) expect((await post(single(), key(), "198.51.100.20")).status).toBe(201);
    const before = await count();
    const limited = await post(single(), key(), "198.51.100.20");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await count()).toBe(before);
    expect((await post(single(), key(), "198.51.100.21")).status).toBe(201);
  });

  it("400 for an Idempotency-Key that is not a UUID, 405 for another method", async () => {
    const before = await count();
    expect((await post(single(), { "Idempotency-Key": "not-a-uuid" })).status).toBe(400);
    expect(await count()).toBe(before);
    const get = await handler(new Request("http://localhost/api/choice-answers"), fakeContext());
    expect(get.status).toBe(405);
  });
});
