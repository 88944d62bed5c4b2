import { createHmac } from "node:crypto";

/**
 * Salted, irreversible fingerprint of a personal value (an IP address, a
 * browser token): HMAC-SHA-256 with the server's secret salt, hex encoded.
 * The same value gives the same hash, so limits and "once per person" work,
 * but the value itself cannot be recovered without the salt.
 */
export function saltedHash(salt: string, kind: "ip" | "voter" | "unsubscribe", value: string): string {
  // The kind keeps an IP hash and a token hash of the same text apart.
  return createHmac("sha256", salt).update(`${kind}:${value}`).digest("hex");
}
