/**
 * The one-click unsubscribe link of every message: the contact's id and an
 * HMAC of it under the server's salt, so the link needs no table and cannot
 * be forged for another contact. It stops e-mail for that contact only.
 */
import { timingSafeEqual } from "node:crypto";
import * as z from "zod";
import { saltedHash } from "../hash";

export function unsubscribeToken(hashSalt: string, contactId: string): string {
  return saltedHash(hashSalt, "unsubscribe", contactId);
}

export function isUnsubscribeToken(hashSalt: string, contactId: string, token: string): boolean {
  const expected = Buffer.from(unsubscribeToken(hashSalt, contactId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** What the link carries, in the query (mail clients' one-click POST) or the JSON body (the page). */
export const unsubscribeInputSchema = z.object({
  c: z.uuid({ error: "Ce lien de désinscription est incomplet : copiez-le en entier depuis le message." }),
  t: z
    .string({ error: "Ce lien de désinscription est incomplet : copiez-le en entier depuis le message." })
    .regex(/^[0-9a-f]{64}$/, "Ce lien de désinscription est incomplet : copiez-le en entier depuis le message."),
});

/** The page a person reads (the fragment never reaches a server or a link scanner that prefetches). */
export function unsubscribePageUrl(siteUrl: string, hashSalt: string, contactId: string): string {
  return new URL(`/desinscription/#c=${contactId}&t=${unsubscribeToken(hashSalt, contactId)}`, siteUrl).href;
}

/** The List-Unsubscribe address mail clients POST to (RFC 8058). */
export function unsubscribeApiUrl(siteUrl: string, hashSalt: string, contactId: string): string {
  const url = new URL("/api/desinscription", siteUrl);
  url.search = new URLSearchParams({ c: contactId, t: unsubscribeToken(hashSalt, contactId) }).toString();
  return url.href;
}
