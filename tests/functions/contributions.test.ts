/**
 * POST /api/contributions through real Request objects, on an in-memory
 * PGlite database migrated like production: every status the API promises.
 */
import type { PGlite } from "@electric-sql/pglite";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import handler from "../../netlify/functions/contributions";
import { fr } from "../../src/domain/messages.fr";
import { provideStore } from "../../src/server/store/open-store";
import { answer, fakeContext, jsonRequest, memoryStore } from "../support/pglite-store";

let db: PGlite;
const post = (body: unknown, headers: Record<string, string> = {}, ip?: string) =>
  handler(jsonRequest("/api/contributions", body, headers), fakeContext({}, ip));
const count = async (table: string) =>
  Number((await db.query<{ n: number }>(`select count(*)::int as n from public.${table}`)).rows[0]?.n);

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

describe("POST /api/contributions: an answer", () => {
  it("201: records it as pending with its territory resolved, and says so", async () => {
    const key = crypto.randomUUID();
    const response = await post(answer({ email: "Camille@Exemple.fr", contactConsent: true }), {
      "Idempotency-Key": key,
    });
    expect(response.status).toBe(201);
    const body = await response.json();
    expect(body).toEqual({ id: expect.any(String), status: "pending", trackingSecret: expect.any(String) });
    const row = (await db.query<Record<string, unknown>>("select * from public.contributions where id = $1", [body.id]))
      .rows[0];
    expect(row).toMatchObject({
      status: "pending",
      theme_id: "ancrage-territorial",
      question_id: "freins-rencontres",
      commune_name: "Guéret",
      departement_name: "Creuse",
      region_name: "Nouvelle-Aquitaine",
      territory_type: "small-town",
      idempotency_key: key,
    });
    // The IP is stored only as a salted hash, and the email only in private_contacts.
    expect(JSON.stringify(row)).not.toContain("203.0.113.7");
    expect(row?.author_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain("exemple.fr");
    const contacts = await db.query(
      "select email, contact_consent from public.private_contacts where contribution_id = $1",
      [body.id],
    );
    expect(contacts.rows).toEqual([{ email: "camille@exemple.fr", contact_consent: true }]);
  });

  it("201 again for a retry with the same Idempotency-Key, with the same id and nothing new written", async () => {
    const key = crypto.randomUUID();
    const payload = answer();
    const first = await (await post(payload, { "Idempotency-Key": key })).json();
    const before = await count("contributions");
    const retry = await post(payload, { "Idempotency-Key": key });
    expect(retry.status).toBe(201);
    expect(retry.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await retry.json()).toEqual(first);
    expect(await count("contributions")).toBe(before);
  });

  it("422 for a used Idempotency-Key that comes with an edited text: the first version stays, nothing is written", async () => {
    const key = crypto.randomUUID();
    const payload = answer();
    expect((await post(payload, { "Idempotency-Key": key })).status).toBe(201);
    const before = await count("contributions");
    const edited = await post({ ...payload, body: `${payload.body} Précision ajoutée.` }, { "Idempotency-Key": key });
    expect(edited.status).toBe(422);
    expect(await edited.json()).toEqual({
      error: "idempotency_key_reused",
      message: expect.stringContaining("première version"),
      issues: [],
    });
    expect(await count("contributions")).toBe(before);
  });

  it("409 duplicate for the same text sent again by the same person under a new key", async () => {
    const payload = answer();
    expect((await post(payload, { "Idempotency-Key": crypto.randomUUID() })).status).toBe(201);
    const before = await count("contributions");
    const again = await post(
      { ...payload, body: `  ${String(payload.body).toUpperCase()}  ` },
      { "Idempotency-Key": crypto.randomUUID() },
    );
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: "duplicate", message: expect.stringContaining("déjà envoyé") });
    expect(await count("contributions")).toBe(before);
    // Someone else may write the same words.
    expect((await post(payload, { "Idempotency-Key": crypto.randomUUID() }, "198.51.100.1")).status).toBe(201);
  });
});

describe("POST /api/contributions: refusals, with nothing written", () => {
  it("400 with a French message per field", async () => {
    const before = await count("contributions");
    const response = await post({
      themeId: "ancrage-territorial",
      questionId: "freins-rencontres",
      body: "court",
      pseudonym: "x",
      profile: "?",
      postalCode: "2300",
      communeCode: "",
      email: "pas-un-email",
    });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error).toBe("invalid_input");
    expect(body.message).toBe("Certains champs sont à corriger.");
    const byPath = Object.fromEntries(
      body.issues.map((issue: { path: string; message: string }) => [issue.path, issue.message]),
    );
    expect(byPath).toMatchObject({
      body: "Votre texte doit compter au moins 20 caractères.",
      pseudonym: "Votre pseudonyme doit compter au moins 2 caractères.",
      profile: "Choisissez le profil qui vous correspond le mieux.",
      postalCode: "Indiquez un code postal à 5 chiffres, par exemple 23000.",
      communeCode: "Choisissez votre commune dans la liste.",
      email: expect.stringContaining("adresse électronique valide"),
    });
    expect(await count("contributions")).toBe(before);
  });

  it("400 for a theme or a question that does not exist, or a question of another theme", async () => {
    const unknownTheme = await (await post(answer({ themeId: "theme-inconnu" }))).json();
    expect(unknownTheme.issues).toContainEqual({
      path: "themeId",
      message: "Ce thème n'existe pas dans la consultation.",
    });
    const unknownQuestion = await (await post(answer({ questionId: "question-inconnue" }))).json();
    expect(unknownQuestion.issues).toContainEqual({
      path: "questionId",
      message: "Cette question n'existe pas dans ce thème.",
    });
    const otherTheme = await post(answer({ questionId: "mutualiser" }));
    expect(otherTheme.status).toBe(400);
    expect((await otherTheme.json()).issues).toContainEqual({
      path: "questionId",
      message: "Cette question n'existe pas dans ce thème.",
    });
  });

  it("400 when the commune does not carry that postal code, or the postal code does not exist", async () => {
    const wrongCommune = await post(answer({ communeCode: "75056" }));
    expect(wrongCommune.status).toBe(400);
    expect((await wrongCommune.json()).issues).toEqual([
      { path: "communeCode", message: "Cette commune ne correspond pas au code postal indiqué." },
    ]);
    const unknownCode = await (await post(answer({ postalCode: "00000", communeCode: "00000" }))).json();
    expect(unknownCode.issues).toEqual([
      { path: "postalCode", message: "Ce code postal ne correspond à aucune commune. Vérifiez-le." },
    ]);
  });

  it("400 when an email comes without consent, or the honeypot is filled", async () => {
    const noConsent = await (await post(answer({ email: "a@exemple.fr", contactConsent: false }))).json();
    expect(noConsent.issues).toContainEqual({
      path: "contactConsent",
      message: expect.stringContaining("Cochez la case"),
    });
    const bot = await post(answer({ website: "http://spam.example" }));
    expect(bot.status).toBe(400);
    expect((await bot.json()).issues).toContainEqual({
      path: "website",
      message: expect.stringContaining("Envoi refusé"),
    });
  });

  it("400 for JSON that does not parse, for a body that is not an object, and for a bad Idempotency-Key", async () => {
    const broken = await post("{ pas du json");
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ error: "invalid_json", issues: [] });
    for (const notAnObject of ["null", "[]", "42", '"texte"']) {
      const response = await post(notAnObject);
      expect(response.status, notAnObject).toBe(400);
      expect((await response.json()).issues[0].message).toContain("n'est pas un formulaire valide");
    }
    const badKey = await post(answer(), { "Idempotency-Key": "pas-un-uuid" });
    expect(badKey.status).toBe(400);
    expect((await badKey.json()).issues[0].path).toBe("Idempotency-Key");
  });

  it("409 when the consultation is closed or not yet open", async () => {
    const before = await count("contributions");
    vi.stubEnv("CONSULTATION_CLOCK", "2018-06-16T00:00:00+02:00");
    const closed = await post(answer());
    expect(closed.status).toBe(409);
    expect(await closed.json()).toMatchObject({
      error: "consultation_closed",
      message: expect.stringContaining("close"),
    });
    vi.stubEnv("CONSULTATION_CLOCK", "2018-04-11T23:59:59+02:00");
    const upcoming = await post(answer());
    expect(upcoming.status).toBe(409);
    expect(await upcoming.json()).toMatchObject({
      error: "consultation_not_open",
      message: expect.stringContaining("pas encore ouverte"),
    });
    vi.stubEnv("CONSULTATION_CLOCK", "2018-06-15T23:59:59+02:00");
    expect((await post(answer())).status).toBe(201);
    expect(await count("contributions")).toBe(before + 1);
  });

  it("413 over 32 KB, whether Content-Length says so or not", async () => {
    const huge = answer({ body: "é".repeat(20_000) });
    const declared = await post(huge);
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({
      error: "payload_too_large",
      message: expect.stringContaining("32 Ko"),
    });
    const bytes = new TextEncoder().encode(JSON.stringify(huge));
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    });
    const undeclared = new Request("http://localhost/api/contributions", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect((await handler(undeclared, fakeContext())).status).toBe(413);
  });

  it("415 when the body is not sent as JSON", async () => {
    const response = await post(JSON.stringify(answer()), { "Content-Type": "text/plain" });
    expect(response.status).toBe(415);
    expect(await response.json()).toMatchObject({ error: "unsupported_media_type" });
    const form = await handler(
      new Request("http://localhost/api/contributions", { method: "POST", body: new URLSearchParams({ body: "x" }) }),
      fakeContext(),
    );
    expect(form.status).toBe(415);
  });

  describe("the body's encoding", () => {
    // « é » is one byte in Latin-1 (0xE9), which UTF-8 never allows before a plain letter.
    const latin1 = (text: string) => Buffer.from(JSON.stringify(answer({ body: text })), "latin1");
    const text = "Le café associatif du bourg ferme faute de bénévoles pour tenir la permanence.";
    const send = (bytes: Uint8Array<ArrayBuffer>, contentType: string) =>
      handler(
        new Request("http://localhost/api/contributions", {
          method: "POST",
          headers: { "Content-Type": contentType },
          body: bytes,
        }),
        fakeContext({}, "192.0.2.80"),
      );

    it.each([
      "application/json; charset=latin1",
      'application/json; charset="ISO-8859-1"',
      "application/json;charset=windows-1252",
    ])("415 for %s, and nothing written", async (contentType) => {
      const before = await count("contributions");
      const response = await send(latin1(text), contentType);
      expect(response.status).toBe(415);
      expect(await response.json()).toEqual({
        error: "unsupported_media_type",
        message: expect.stringContaining("encodé en UTF-8"),
        issues: [],
      });
      expect(await count("contributions")).toBe(before);
    });

    it("400 invalid_encoding for bytes that are not UTF-8, never stored with U+FFFD in their place", async () => {
      const before = await count("contributions");
      for (const bytes of [latin1(text), Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]) /* {"\xff\xfe"} */]) {
        const response = await send(bytes, "application/json");
        expect(response.status).toBe(400);
        expect(await response.json()).toEqual({
          error: "invalid_encoding",
          message: expect.stringContaining("UTF-8"),
          issues: [],
        });
      }
      expect(await count("contributions")).toBe(before);
    });

    it.each(["application/json; charset=utf-8", 'Application/JSON; Charset="UTF8"'])(
      "201 for UTF-8 declared as %s",
      async (contentType) => {
        const body = `${text} Déclaré ${contentType}.`;
        const response = await send(new TextEncoder().encode(JSON.stringify(answer({ body }))), contentType);
        expect(response.status).toBe(201);
        const { id } = await response.json();
        const row = await db.query<{ body: string }>("select body from public.contributions where id = $1", [id]);
        expect(row.rows[0]?.body).toBe(body);
      },
    );
  });

  it("405 for another method", async () => {
    const response = await handler(new Request("http://localhost/api/contributions"), fakeContext());
    expect(response.status).toBe(405);
    expect(response.headers.get("Allow")).toBe("POST");
  });

  it("429 with Retry-After past the limit for one IP, while another IP still gets through", async () => {
    const ip = "192.0.2.50";
    for (let i = 0; i < 5; i++) expect((await post(answer(), {}, ip)).status).toBe(201);
    const before = await count("contributions");
    const limited = await post(answer(), {}, ip);
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(await limited.json()).toMatchObject({
      error: "rate_limited",
      message: expect.stringContaining("Réessayez dans"),
    });
    expect(await count("contributions")).toBe(before);
    expect((await post(answer(), {}, "192.0.2.51")).status).toBe(201);
  });
});

describe("POST /api/contributions: text as people read it", () => {
  const bodyOf = async (id: string) =>
    (
      await db.query<{ body: string; pseudonym: string; length: number }>(
        "select body, pseudonym, char_length(body) as length from public.contributions where id = $1",
        [id],
      )
    ).rows[0];

  it("400 with a French message per field for invisible text and a disguised pseudonym, and nothing written", async () => {
    const before = await count("contributions");
    const response = await post(answer({ body: "\u200B\u200D\u2060".repeat(10), pseudonym: "\u202eAdmin\u202c" }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: "invalid_input",
      message: "Certains champs sont à corriger.",
      issues: [
        { path: "body", message: fr.body.invisible },
        { path: "pseudonym", message: fr.pseudonym.bidi },
      ],
    });
    const invisibleName = await post(answer({ pseudonym: "\u3164\u3164\u3164" }));
    expect(invisibleName.status).toBe(400);
    expect((await invisibleName.json()).issues).toEqual([{ path: "pseudonym", message: fr.pseudonym.invisible }]);
    expect(await count("contributions")).toBe(before);
  });

  it("400 for a reply made only of invisible characters, and nothing written", async () => {
    const parent = await (await post(answer(), {}, "192.0.2.60")).json();
    await db.query("update public.contributions set status = 'published', published_at = now() where id = $1", [
      parent.id,
    ]);
    const before = await count("contributions");
    const response = await post({
      parentId: parent.id,
      stance: "for",
      body: "\u200D\uFEFF\u2060",
      pseudonym: "Noé",
      profile: "usager",
      postalCode: "23000",
      communeCode: "23096",
    });
    expect(response.status).toBe(400);
    expect((await response.json()).issues).toEqual([{ path: "body", message: fr.body.invisible }]);
    expect(await count("contributions")).toBe(before);
  });

  it("201 for 4,000 emoji, stored as 4,000 characters; 400 for 4,001, with the message 4,001 letters get", async () => {
    const accepted = await post(answer({ body: "😀".repeat(4000) }), {}, "192.0.2.61");
    expect(accepted.status).toBe(201);
    const row = await bodyOf((await accepted.json()).id);
    expect(row?.length).toBe(4000);
    expect(row?.body).toBe("😀".repeat(4000));
    const before = await count("contributions");
    for (const body of ["😀".repeat(4001), "a".repeat(4001)]) {
      const refused = await post(answer({ body }), {}, "192.0.2.61");
      expect(refused.status).toBe(400);
      expect((await refused.json()).issues).toEqual([
        { path: "body", message: "Votre texte ne doit pas dépasser 4000 caractères." },
      ]);
    }
    expect(await count("contributions")).toBe(before);
  });

  it('201 for "cafe\\u0301", stored in NFC as "café"', async () => {
    const body = "Le cafe\u0301 associatif du bourg ferme faute de bénévoles.";
    const response = await post(answer({ body, pseudonym: "Zoe\u0308" }), {}, "192.0.2.62");
    expect(response.status).toBe(201);
    const row = await bodyOf((await response.json()).id);
    expect(row?.body).toBe("Le café associatif du bourg ferme faute de bénévoles.");
    expect(row?.pseudonym).toBe("Zoë");
  });
});

describe("POST /api/contributions: a reply", () => {
  const publish = (id: string) =>
    db.query("update public.contributions set status = 'published', published_at = now() where id = $1", [id]);

  it("201 under a published contribution, in its theme and question", async () => {
    const parent = await (await post(answer())).json();
    await publish(parent.id);
    const reply = {
      parentId: parent.id,
      stance: "against",
      body: "Pas d'accord : chez nous la fibre est arrivée.",
      pseudonym: "Noé",
      profile: "usager",
      postalCode: "23000",
      communeCode: "23096",
    };
    const response = await post(reply);
    expect(response.status).toBe(201);
    const { id } = await response.json();
    const row = (
      await db.query("select parent_id, stance, theme_id, question_id from public.contributions where id = $1", [id])
    ).rows[0];
    expect(row).toEqual({
      parent_id: parent.id,
      stance: "against",
      theme_id: "ancrage-territorial",
      question_id: "freins-rencontres",
    });
  });

  it("404 under a contribution that is not published, 400 without a stance", async () => {
    const pending = await (await post(answer())).json();
    const reply = {
      parentId: pending.id,
      stance: "for",
      body: "Je suis d'accord.",
      pseudonym: "Noé",
      profile: "usager",
      postalCode: "23000",
      communeCode: "23096",
    };
    const notPublished = await post(reply);
    expect(notPublished.status).toBe(404);
    expect((await notPublished.json()).issues[0].path).toBe("parentId");
    const noStance = await post({ ...reply, stance: undefined });
    expect(noStance.status).toBe(400);
    expect((await noStance.json()).issues).toContainEqual({
      path: "stance",
      message: expect.stringContaining("d'accord"),
    });
  });
});
