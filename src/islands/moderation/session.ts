/**
 * Where the moderator's token lives: sessionStorage, never localStorage. It
 * dies with the tab, so a shared computer keeps no way into moderation once
 * the tab is closed, and another tab does not inherit it. Like
 * form-kit/storage.ts, nothing here throws: with storage blocked, the
 * session simply lasts as long as the page.
 */

/** sessionStorage key of the moderator's session. */
export const SESSION_STORAGE_KEY = "consultation:moderation-session";

/** What is kept between two loads of the page in the same tab. */
export interface StoredSession {
  /** The Bearer token: the moderation token, or a Supabase access token. */
  token: string;
  /** When a Supabase access token stops being valid (ISO); the moderation token has none. */
  expiresAt?: string | undefined;
}

function sessionStore(): Storage | undefined {
  try {
    return globalThis.sessionStorage ?? undefined;
  } catch {
    // Reading the property itself throws when storage is blocked by policy.
    return undefined;
  }
}

/** The stored session, or undefined when there is none, it is unreadable or it has expired. */
export function readSession(now: number = Date.now()): StoredSession | undefined {
  let raw: string | null = null;
  try {
    raw = sessionStore()?.getItem(SESSION_STORAGE_KEY) ?? null;
  } catch {
    return undefined;
  }
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as Partial<StoredSession>;
    if (typeof parsed.token !== "string" || parsed.token === "") return undefined;
    const expiresAt = typeof parsed.expiresAt === "string" ? parsed.expiresAt : undefined;
    if (expiresAt && Date.parse(expiresAt) <= now) {
      // An expired token would only earn a 401: forget it now.
      clearSession();
      return undefined;
    }
    return { token: parsed.token, expiresAt };
  } catch {
    return undefined;
  }
}

/** Stores the session for this tab; a refusal only means a reload asks to sign in again. */
export function writeSession(session: StoredSession): void {
  try {
    sessionStore()?.setItem(SESSION_STORAGE_KEY, JSON.stringify(session));
  } catch {
    // Blocked or full storage: the session lives in memory for this page only.
  }
}

/** Forgets the session (sign-out, 401, 403). */
export function clearSession(): void {
  try {
    sessionStore()?.removeItem(SESSION_STORAGE_KEY);
  } catch {
    // Nothing to do: the entry was never readable either.
  }
}
