/**
 * GET and POST /api/admin/coding through real Request objects on PGlite:
 * only a moderator reads and codes a contribution; tags and extracts are
 * kept with who made them and logged; every bad field is named in French
 * (400) and writes nothing; a contribution that is gone answers 404.
 */
import type { PGlite } from "@electric-sql/pglite";
import { beforeAll, describe, expect, it } from "vitest";
import coding from "../../netlify/functions/admin-coding";
import {
  type CodingUpdate,
  codingMessages,
  codingUpdateSchema,
  contributionCodingSchema,
} from "../../src/domain/coding";
import { bootstrapModerator, provideModeratorAuth, TokenModeratorAuth } from "../../src/server/moderator-auth";
import { provideStore } from "../../src/server/store/open-store";
import type { Store } from "../../src/server/store/store";
import { fakeContext, memoryStore } from "../support/pglite-store";

const TOKEN = "jeton-de-moderation-pour-les-tests-codage";
let db: PGlite;
let store: Store;

const auth = (token = TOKEN) => ({ Authorization: `Bearer ${token}` });
const read = (contributionId: string | undefined, headers: Record<string, string> = auth()) =>
  coding(
    new Request(
      `http://localhost/api/admin/coding${contributionId === undefined ? "" : `?contributionId=${contributionId}`}`,
      {
        headers,
      },
    ),
    fakeContext(),
  );
const post = (body: unknown, headers: Record<string, string> = auth()) =>
  coding(
    new Request("http://localhost/api/admin/coding", {
      method: "POST",
      headers: { "Content-Type": "application/json", ...headers },
      body: JSON.stringify(body),
    }),
    fakeContext(),
  );
const codingEvents = async () =>
  Number(
    (
      await db.query<{ n: number }>(
        "select count(*)::int as n from public.moderation_events where action in ('tagged', 'untagged')",
      )
    ).rows[0]?.n,
  );

let sequence = 0;
async function contribution(body: string): Promise<string> {
  sequence += 1;
  const outcome = await store.submitContribution({
    kind: "answer",
    themeId: "ancrage-territorial",
    questionId: "freins-rencontres",
    idempotencyKey: crypto.randomUUID(),
    body,
    pseudonym: "Camille",
    profile: "habitant",
    territory: {
      postalCode: "23000",
      communeCode: "23096",
      communeName: "Guéret",
      departementCode: "23",
      departementName: "Creuse",
      regionCode: "75",
      regionName: "Nouvelle-Aquitaine",
      territoryType: "small-town",
    },
    authorHash: `fn-coding-${String(sequence).padStart(4, "0")}-${"f".repeat(16)}`,
    contactConsent: false,
  });
  if (outcome.outcome !== "created") throw new Error(outcome.outcome);
  return outcome.id;
}

beforeAll(async () => {
  const fresh = await memoryStore();
  db = fresh.db;
  store = fresh.store;
  provideStore(fresh.opened);
  provideModeratorAuth(new TokenModeratorAuth(TOKEN));
});

describe("/api/admin/coding", () => {
  it("demands a moderator: 401 without a token or with a wrong one, on GET and POST, and writes nothing", async () => {
    const id = await contribution(`Le bourg n'a plus de café. ${crypto.randomUUID()}`);
    const before = await codingEvents();
    for (const response of [
      await read(id, {}),
      await read(id, auth(`${TOKEN}x`)),
      await post({ action: "tag", contributionId: id, add: ["obstacle"] }, {}),
      await post({ action: "tag", contributionId: id, add: ["obstacle"] }, auth("faux")),
    ]) {
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({
        error: "unauthorized",
        message: expect.stringContaining("Connectez-vous"),
      });
    }
    expect(await codingEvents()).toBe(before);
  });

  it("tags and untags categories, extracts a passage and removes it: 200 with the coding and who made each", async () => {
    const body = `Ici 😀 il manque un lieu pour se retrouver le soir. ${crypto.randomUUID()}`;
    const id = await contribution(body);
    const empty = await read(id);
    expect(empty.status).toBe(200);
    expect(contributionCodingSchema.parse(await empty.json())).toEqual({
      contributionId: id,
      categories: [],
      extracts: [],
    });

    const tagged = await post({ action: "tag", contributionId: id, add: ["obstacle", "proposition"] });
    expect(tagged.status).toBe(200);
    const taggedBody: CodingUpdate = codingUpdateSchema.parse(await tagged.json());
    expect(taggedBody.changed).toBe(true);
    expect(taggedBody.coding.categories).toEqual([
      { categoryId: "obstacle", by: bootstrapModerator.name, at: expect.any(String) },
      { categoryId: "proposition", by: bootstrapModerator.name, at: expect.any(String) },
    ]);
    const untagged = codingUpdateSchema.parse(
      await (await post({ action: "tag", contributionId: id, add: [], remove: ["proposition"] })).json(),
    );
    expect(untagged.coding.categories.map((row) => row.categoryId)).toEqual(["obstacle"]);

    // Positions in code points: the emoji before the passage is one character.
    const passage = "il manque un lieu";
    const start = Array.from(body.slice(0, body.indexOf(passage))).length;
    const extracted = await post({
      action: "extract",
      contributionId: id,
      categoryId: "obstacle",
      start,
      end: start + passage.length,
      text: passage,
    });
    expect(extracted.status).toBe(200);
    const extractedBody = codingUpdateSchema.parse(await extracted.json());
    expect(extractedBody.coding.extracts).toEqual([
      {
        id: expect.any(String),
        categoryId: "obstacle",
        start,
        end: start + passage.length,
        text: passage,
        by: bootstrapModerator.name,
        at: expect.any(String),
      },
    ]);
    const extractId = extractedBody.coding.extracts[0]?.id;
    const removed = await post({ action: "remove-extract", contributionId: id, extractId });
    expect(removed.status).toBe(200);
    expect(codingUpdateSchema.parse(await removed.json())).toMatchObject({ changed: true, coding: { extracts: [] } });

    const log = await db.query<{ action: string; actor: string; actor_name: string | null; reason: string }>(
      "select action, actor, actor_name, reason from public.moderation_events where subject_id = $1 and action in ('tagged', 'untagged') order by id",
      [id],
    );
    expect(log.rows).toEqual([
      { action: "tagged", actor: bootstrapModerator.id, actor_name: null, reason: "obstacle" },
      { action: "tagged", actor: bootstrapModerator.id, actor_name: null, reason: "proposition" },
      { action: "untagged", actor: bootstrapModerator.id, actor_name: null, reason: "proposition" },
      { action: "tagged", actor: bootstrapModerator.id, actor_name: null, reason: `obstacle : « ${passage} »` },
      { action: "untagged", actor: bootstrapModerator.id, actor_name: null, reason: `obstacle : « ${passage} »` },
    ]);
  });

  it("answers 400 with a French message on each wrong field, and writes nothing", async () => {
    const body = `Un tiers-lieu a fermé faute de bénévoles. ${crypto.randomUUID()}`;
    const id = await contribution(body);
    const before = await codingEvents();
    const issuesOf = async (response: Response) => {
      expect(response.status).toBe(400);
      const json = await response.json();
      expect(json.error).toBe("invalid_input");
      return json.issues;
    };

    expect(await issuesOf(await post({ contributionId: id, add: ["obstacle"] }))).toEqual([
      { path: "action", message: codingMessages.action },
    ]);
    expect(await issuesOf(await post({ action: "tag", contributionId: "pas-un-uuid", add: ["inconnue"] }))).toEqual([
      { path: "contributionId", message: codingMessages.contributionId },
      { path: "add.0", message: codingMessages.categories },
    ]);
    expect(await issuesOf(await post({ action: "tag", contributionId: id, add: [], remove: [] }))).toEqual([
      { path: "add", message: codingMessages.nothingToSave },
    ]);
    expect(
      await issuesOf(await post({ action: "tag", contributionId: id, add: ["obstacle"], remove: ["obstacle"] })),
    ).toEqual([{ path: "remove", message: codingMessages.addedAndRemoved }]);
    const extract = {
      action: "extract",
      contributionId: id,
      categoryId: "exemple",
      start: 3,
      end: 12,
      text: "tiers-lie",
    };
    expect(await issuesOf(await post({ ...extract, categoryId: "inconnue" }))).toEqual([
      { path: "categoryId", message: codingMessages.categoryId },
    ]);
    expect(await issuesOf(await post({ ...extract, start: -1 }))).toEqual([
      { path: "start", message: codingMessages.position },
    ]);
    expect(await issuesOf(await post({ ...extract, end: 20 }))).toEqual([
      { path: "end", message: codingMessages.position },
    ]);
    expect(await issuesOf(await post({ ...extract, text: "   " }))).toEqual(
      expect.arrayContaining([{ path: "text", message: codingMessages.text }]),
    );
    // Well formed, but not the body's text at that position: the database says so.
    expect(await issuesOf(await post({ ...extract, start: 4, end: 13 }))).toEqual([
      { path: "text", message: codingMessages.positionMismatch },
    ]);
    expect(await issuesOf(await post({ action: "remove-extract", contributionId: id, extractId: "x" }))).toEqual([
      { path: "extractId", message: codingMessages.extractId },
    ]);
    expect(await issuesOf(await read(undefined))).toEqual([
      { path: "contributionId", message: codingMessages.contributionId },
    ]);
    expect(await codingEvents()).toBe(before);
    // The well-formed extract is accepted.
    expect((await post(extract)).status).toBe(200);
  });

  it("answers 404 for a contribution that does not exist, 405 for another method", async () => {
    const unknown = crypto.randomUUID();
    for (const response of [
      await read(unknown),
      await post({ action: "tag", contributionId: unknown, add: ["exemple"] }),
    ]) {
      expect(response.status).toBe(404);
      expect((await response.json()).message).toBe(codingMessages.notFound);
    }
    const deleted = await coding(
      new Request("http://localhost/api/admin/coding", { method: "DELETE", headers: auth() }),
      fakeContext(),
    );
    expect(deleted.status).toBe(405);
  });
});
