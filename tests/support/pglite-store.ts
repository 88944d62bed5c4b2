/**
 * An in-memory PGlite database, migrated like the real ones, with a Store
 * over it: for function and use-case tests. Each call gives a fresh one.
 */
import { PGlite } from "@electric-sql/pglite";
import type { Context } from "@netlify/functions";
import { migrate } from "../../src/server/store/migrate";
import { pgliteTarget } from "../../src/server/store/migration-targets";
import { supabaseDir } from "../../src/server/store/open-store";
import { PgliteSqlPort } from "../../src/server/store/pglite-port";
import { Store } from "../../src/server/store/store";
import { type IntegritySettings, setIntegritySettings } from "./integrity";

export const TEST_SALT = "test-salt-0123456789abcdef0123456789abcdef";

/** A fresh in-memory store; `settings` replace integrity settings (limits high enough for a suite from one address by default). */
export async function memoryStore(
  settings: IntegritySettings = { submission_max: 1000, reaction_max: 1000, flag_max: 1000 },
) {
  const db = await PGlite.create("memory://");
  await migrate(pgliteTarget(db), { supabaseDir });
  await setIntegritySettings((sql, params) => db.query(sql, params as unknown[]), settings);
  const store = new Store(new PgliteSqlPort(db));
  return { db, store, opened: { store, hashSalt: TEST_SALT } };
}

/** The bits of Netlify's Context the functions read. */
export function fakeContext(params: Record<string, string> = {}, ip = "203.0.113.7"): Context {
  return { params, ip, requestId: crypto.randomUUID() } as unknown as Context;
}

/** A valid answer payload; override any field. */
export function answer(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    themeId: "ancrage-territorial",
    questionId: "freins-rencontres",
    body: `Dans notre bourg, le principal frein reste la connexion internet. ${crypto.randomUUID()}`,
    pseudonym: "Camille",
    profile: "habitant",
    postalCode: "23000",
    communeCode: "23096",
    email: "",
    contactConsent: false,
    website: "",
    ...overrides,
  };
}

/** A valid initiative payload; override any field. */
export function initiative(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: `Atelier partagé ${crypto.randomUUID().slice(0, 8)}`,
    kind: "fablab",
    description: "Un atelier de fabrication numérique ouvert aux habitants deux soirs par semaine.",
    url: "https://atelier.example.org",
    openingYear: 2016,
    pseudonym: "Sam",
    profile: "fondateur",
    postalCode: "23000",
    communeCode: "23096",
    website: "",
    ...overrides,
  };
}

export function jsonRequest(path: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`http://localhost${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}
