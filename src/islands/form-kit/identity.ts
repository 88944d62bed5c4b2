/**
 * Random identifiers the browser makes for the API: an idempotency key per
 * contribution, and one voter token per browser for reactions and flags.
 */
import { readStorage, writeStorage } from "./storage";

/** Where the voter token lives; the server only ever stores its salted hash. */
export const VOTER_TOKEN_KEY = "consultation:voter-token";

/** Same shape as voterTokenSchema in src/domain/contribution.schema.ts. */
const VOTER_TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

/** A UUID v4 string for the Idempotency-Key header. */
export function newIdempotencyKey(): string {
  // randomUUID exists only in secure contexts (https, localhost); a site
  // previewed over plain http on a LAN still needs a key.
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Base64url of 32 random bytes, without padding (43 characters). */
function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/** Kept for the page's lifetime when localStorage refuses to store it. */
let sessionToken: string | undefined;

/**
 * This browser's voter token, created on first use and kept in localStorage
 * so that one person reacts or flags once per contribution. Without storage
 * it lasts as long as the page: the server still refuses a second vote from
 * the same token, and nothing breaks.
 */
export function voterToken(): string {
  const stored = readStorage(VOTER_TOKEN_KEY);
  if (stored && VOTER_TOKEN.test(stored)) return stored;
  sessionToken ??= randomToken();
  writeStorage(VOTER_TOKEN_KEY, sessionToken);
  return sessionToken;
}
