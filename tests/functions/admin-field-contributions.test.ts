/**
 * POST /api/admin/field-contributions through real Request objects on
 * PGlite: 401 without a moderator, 400 with the citizen form's French
 * messages per field (and the origin's), 201 then 200 for a replay of the
 * same key, 409 for the same text of the same person, 422 for a key reused
 * with another text, the moderation log line under the moderator, no rate
 * limit, and the published entry in the snapshot and the summary.
 */
import type { PGlite } from "@electric-sql/pglite";
import { beforeAll, describe, expect, it } from "vitest";
import fieldContributions from "../../netlify/functions/admin-field-contributions";
import { fieldContributionResponseSchema, fieldMessages } from "../../src/domain/field-contributions";
import { fr } from "../../src/domain/messages.fr";
import { provideModeratorAuth, TokenModeratorAuth } from "../../src/server/moderator-auth";
import { provideStore } from "../../src/server/store/open-store";
import type { Store } from "../../src/server/store/store";
import { answer, fakeContext, memoryStore } from "../support/pglite-store";

const TOKEN = "jeton-de-moderation-pour-les-tests-terrain-0123";
let db: PGlite;
let store: Store;

const send = (body: unknown, headers: Record<string, string> = { Authorization: `Bearer ${TOKEN}` }) =>
  fieldContributions(
    new Request("http://localhost/api/admin/field-contributions", {
      method: "POST",
      headers: { "Content-Type": "application/json", ...headers },
      body: JSON.stringify(body),
    }),
    fakeContext(),
  );

/** A valid entry: the citizen's answer, with an origin and a key of its own. */
const entry = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...answer({
    pseudonym: "Jeanne",
    body: `Reçu par la poste : il manque un lieu partagé au bourg. ${crypto.randomUUID()}`,
  }),
  originKind: "letter",
  publishNow: true,
  idempotencyKey: crypto.randomUUID(),
  ...overrides,
});

const logOf = async (id: string) =>
  (
    await db.query<{ action: string; actor: string; reason: string | null }>(
      "select action, actor, reason from public.moderation_events where subject_id = $1 order by id",
      [id],
    )
  ).rows;

beforeAll(async () => {
  // A submission limit of 2: the citizen path would refuse the third send from one network.
  const fresh = await memoryStore({ submission_max: 2, reaction_max: 1000, flag_max: 1000 });
  db = fresh.db;
  store = fresh.store;
  provideStore(fresh.opened);
  provideModeratorAuth(new TokenModeratorAuth(TOKEN));
});

describe("POST /api/admin/field-contributions", () => {
  it("answers 401 without a token, or with a wrong one, and writes nothing", async () => {
    const before = await db.query("select count(*)::int as n from public.contributions");
    for (const headers of [{}, { Authorization: "Bearer pas-le-bon-jeton-0000000000000000" }]) {
      const response = await send(entry(), headers);
      expect(response.status).toBe(401);
      expect((await response.json()).error).toBe("unauthorized");
    }
    expect((await db.query("select count(*)::int as n from public.contributions")).rows).toEqual(before.rows);
  });

  it("answers 400 with the citizen form's French messages per field, and the origin's", async () => {
    const response = await send(
      entry({ body: "Trop court", postalCode: "9", originKind: "pigeon", questionId: "inconnue", pseudonym: "x" }),
    );
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error).toBe("invalid_input");
    expect(body.message).toBe(fr.api.invalidInput);
    expect(body.issues).toEqual(
      expect.arrayContaining([
        { path: "originKind", message: fieldMessages.originKind },
        { path: "questionId", message: fr.question },
        { path: "body", message: fr.body.tooShort(20) },
        { path: "pseudonym", message: fr.pseudonym.tooShort },
        { path: "postalCode", message: fr.postalCode },
      ]),
    );
    // In the form's order: the origin first.
    expect(body.issues[0].path).toBe("originKind");
  });

  it("answers 400 for a visit the agenda does not have, a letter naming a visit, a closed question, an unknown commune, no key", async () => {
    const cases: [Record<string, unknown>, { path: string; message: string }][] = [
      [
        { originKind: "event", eventId: "atelier-inconnu" },
        { path: "eventId", message: fieldMessages.eventId },
      ],
      [{ originKind: "event" }, { path: "eventId", message: fieldMessages.eventId }],
      [
        { originKind: "letter", eventId: "la-recyclerie-paris" },
        { path: "eventId", message: fieldMessages.noEvent },
      ],
      [{ questionId: "principal-frein" }, { path: "questionId", message: fieldMessages.closedQuestion }],
      [
        { postalCode: "23000", communeCode: "75056" },
        { path: "communeCode", message: fr.communeNotInPostalCode },
      ],
      [{ idempotencyKey: "pas-une-cle" }, { path: "idempotencyKey", message: fieldMessages.idempotencyKey }],
    ];
    for (const [overrides, issue] of cases) {
      const response = await send(entry(overrides));
      expect(response.status, JSON.stringify(overrides)).toBe(400);
      expect((await response.json()).issues, JSON.stringify(overrides)).toEqual([issue]);
    }
  });

  it("enters and publishes a letter in one step (201), logged as field_entered then published under the moderator", async () => {
    const sent = entry();
    const response = await send(sent);
    expect(response.status).toBe(201);
    const body = fieldContributionResponseSchema.parse(await response.json());
    expect(body).toMatchObject({ status: "published", replayed: false });
    expect(body.rebuild?.status).toBeTruthy();
    expect(await logOf(body.id)).toEqual([
      { action: "field_entered", actor: "moderateur-local", reason: "courrier" },
      { action: "published", actor: "moderateur-local", reason: null },
    ]);
    const row = (
      await db.query<Record<string, unknown>>(
        "select status, origin, origin_event_id, commune_name, departement_name, published_at from public.contributions where id = $1",
        [body.id],
      )
    ).rows[0];
    // The territory comes from the postal code and commune, as for citizens.
    expect(row).toMatchObject({
      status: "published",
      origin: "letter",
      origin_event_id: null,
      commune_name: "Guéret",
      departement_name: "Creuse",
    });
    expect(row?.published_at).not.toBeNull();
    const snapshot = await store.publicSnapshot();
    expect(snapshot.contributions.find((c) => c.id === body.id)).toMatchObject({ origin: "letter" });
  });

  it("answers a double click with the same entry: 200, replayed, one row, one log line", async () => {
    const sent = entry({ originKind: "event", eventId: "la-recyclerie-paris" });
    const [first, second] = await Promise.all([send(sent), send(sent)]);
    const statuses = [first.status, second.status].sort();
    expect(statuses).toEqual([200, 201]);
    const [a, b] = [await first.json(), await second.json()];
    expect(a.id).toBe(b.id);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect((await logOf(a.id)).filter((line) => line.action === "field_entered")).toEqual([
      { action: "field_entered", actor: "moderateur-local", reason: "visite la-recyclerie-paris" },
    ]);
    const rows = await db.query("select id from public.contributions where idempotency_key = $1", [
      sent.idempotencyKey,
    ]);
    expect(rows.rows).toHaveLength(1);
  });

  it("answers 422 when the key comes back with another text, 409 for the same text of the same person", async () => {
    const sent = entry();
    expect((await send(sent)).status).toBe(201);
    const changed = await send({ ...sent, body: `${String(sent.body)} Avec une correction.` });
    expect(changed.status).toBe(422);
    expect(await changed.json()).toMatchObject({
      error: "idempotency_key_reused",
      message: fieldMessages.changedReplay,
    });
    const again = await send({ ...sent, idempotencyKey: crypto.randomUUID() });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: "duplicate", message: fieldMessages.duplicate });
  });

  it("leaves an entry pending when « publier maintenant » is unticked: in the queue, logged, not public", async () => {
    const response = await send(entry({ originKind: "email", publishNow: false }));
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body).toMatchObject({ status: "pending", replayed: false, rebuild: null });
    expect(await logOf(body.id)).toEqual([{ action: "field_entered", actor: "moderateur-local", reason: "courriel" }]);
    const queue = await store.moderationQueue({ subjectType: "contribution", status: "pending", limit: 200 });
    expect(queue.map((item) => item.id)).toContain(body.id);
    expect((await store.publicSnapshot()).contributions.map((c) => c.id)).not.toContain(body.id);
  });

  it("knows no rate limit: more entries than a citizen network may send all pass", async () => {
    for (let index = 0; index < 4; index += 1) {
      expect((await send(entry({ pseudonym: `Atelier ${index}` }))).status).toBe(201);
    }
  });

  it("counts a published entry in the summary like a citizen's", async () => {
    const input = { opensOn: "2018-04-12", closesOn: "2018-06-30", timeZone: "Europe/Paris", stopwords: [] };
    const before = (await store.refreshSummary(input)).data.totals;
    expect((await send(entry({ pseudonym: "Compté" }))).status).toBe(201);
    const after = (await store.refreshSummary(input)).data.totals;
    expect(after.contributions).toBe(before.contributions + 1);
    expect(after.participants).toBe(before.participants + 1);
  });
});
