/**
 * localStorage that never throws. Storage can be missing (server rendering),
 * disabled (some private modes, strict privacy settings) or full: a form must
 * keep working in all three cases, it only loses the draft's persistence.
 */

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    // Reading the property itself throws when storage is blocked by policy.
    return undefined;
  }
}

/** The stored string, or null when absent or unreadable. */
export function readStorage(key: string): string | null {
  try {
    return storage()?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** Stores the string; false when the browser refused (blocked or full). */
export function writeStorage(key: string, value: string): boolean {
  try {
    const store = storage();
    if (!store) return false;
    store.setItem(key, value);
    return true;
  } catch {
    return false;
  }
}

/** Removes the key; a failure changes nothing a citizen can see. */
export function removeStorage(key: string): void {
  try {
    storage()?.removeItem(key);
  } catch {
    // Nothing to do: the entry was never readable either.
  }
}
