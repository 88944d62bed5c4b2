/**
 * "Nothing lost": a form's values and its idempotency key live in
 * localStorage from the first keystroke until the server acknowledges the
 * send with a 2xx. A reload, a crash or a closed tab brings the text back,
 * and the key with it, so a send that did reach the server is never written
 * twice when it is sent again.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { newIdempotencyKey } from "./identity";
import { readStorage, removeStorage, writeStorage } from "./storage";

/** A form's values: text fields and checkboxes. */
export type DraftValues = Record<string, string | boolean>;

interface StoredDraft {
  version: 1;
  values: Record<string, unknown>;
  idempotencyKey?: string;
  savedAt: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A form's draft, as useDraft returns it. */
export interface Draft<V extends DraftValues> {
  values: V;
  /** Replaces some values; written to storage at once, not in an effect, so a crash right after loses nothing. */
  change(patch: Partial<V>): void;
  /** The latest values, also between a change and the next render. */
  current(): V;
  /** When the draft restored on mount had been saved; undefined when the form started empty. */
  restoredAt: Date | undefined;
  /** False once the browser refused to store the draft (blocked or full storage). */
  persistent: boolean;
  /** The key of this contribution, created and stored before the first send. */
  ensureKey(): string;
  /** Forgets the key, after an answer proving nothing was written: the next send is a new request. */
  dropKey(): void;
  /** Clears the values, the key and the stored draft (after a 2xx, or when the citizen discards it). */
  clear(): void;
}

/**
 * Keeps a form's values, persisted under `storageKey` (or in memory only
 * when it is undefined). The stored draft is read after mount, not during
 * render, so the server-rendered HTML and the first client render match.
 */
export function useDraft<V extends DraftValues>(storageKey: string | undefined, initial: V): Draft<V> {
  const initialRef = useRef(initial);
  const valuesRef = useRef(initial);
  const keyRef = useRef<string | undefined>(undefined);
  const [values, setValues] = useState(initial);
  const [restoredAt, setRestoredAt] = useState<Date | undefined>(undefined);
  const [persistent, setPersistent] = useState(true);

  const persist = useCallback(() => {
    if (!storageKey) return;
    const untouched = keyRef.current === undefined && sameValues(valuesRef.current, initialRef.current);
    if (untouched) {
      // An untouched form leaves nothing behind, and no "draft restored" notice later.
      removeStorage(storageKey);
      return;
    }
    const draft: StoredDraft = { version: 1, values: valuesRef.current, savedAt: new Date().toISOString() };
    if (keyRef.current) draft.idempotencyKey = keyRef.current;
    if (!writeStorage(storageKey, JSON.stringify(draft))) setPersistent(false);
  }, [storageKey]);

  useEffect(() => {
    if (!storageKey) return;
    const stored = readDraft(storageKey, initialRef.current);
    if (!stored) return;
    valuesRef.current = stored.values;
    keyRef.current = stored.idempotencyKey;
    setValues(stored.values);
    setRestoredAt(stored.savedAt);
  }, [storageKey]);

  const change = useCallback(
    (patch: Partial<V>) => {
      valuesRef.current = { ...valuesRef.current, ...patch };
      setValues(valuesRef.current);
      persist();
    },
    [persist],
  );

  const ensureKey = useCallback(() => {
    keyRef.current ??= newIdempotencyKey();
    persist();
    return keyRef.current;
  }, [persist]);

  const dropKey = useCallback(() => {
    keyRef.current = undefined;
    persist();
  }, [persist]);

  const clear = useCallback(() => {
    keyRef.current = undefined;
    valuesRef.current = initialRef.current;
    setValues(initialRef.current);
    setRestoredAt(undefined);
    if (storageKey) removeStorage(storageKey);
  }, [storageKey]);

  const current = useCallback(() => valuesRef.current, []);

  // A stable object while nothing changes, so callers can list it in their hooks' dependencies.
  return useMemo(
    () => ({ values, change, current, restoredAt, persistent, ensureKey, dropKey, clear }),
    [values, change, current, restoredAt, persistent, ensureKey, dropKey, clear],
  );
}

function sameValues(a: DraftValues, b: DraftValues): boolean {
  return Object.keys(b).every((key) => a[key] === b[key]);
}

/** The stored draft, keeping only the fields this form has, with the type it expects. */
function readDraft<V extends DraftValues>(
  storageKey: string,
  initial: V,
): { values: V; idempotencyKey: string | undefined; savedAt: Date } | undefined {
  const raw = readStorage(storageKey);
  if (!raw) return undefined;
  let parsed: Partial<StoredDraft>;
  try {
    parsed = JSON.parse(raw) as Partial<StoredDraft>;
  } catch {
    return undefined;
  }
  if (parsed?.version !== 1 || typeof parsed.values !== "object" || parsed.values === null) return undefined;
  const values: DraftValues = { ...initial };
  for (const [name, fallback] of Object.entries(initial)) {
    const value = parsed.values[name];
    if (typeof value === typeof fallback) values[name] = value as string | boolean;
  }
  const savedAt = new Date(parsed.savedAt ?? "");
  return {
    values: values as V,
    idempotencyKey:
      typeof parsed.idempotencyKey === "string" && UUID.test(parsed.idempotencyKey) ? parsed.idempotencyKey : undefined,
    savedAt: Number.isNaN(savedAt.getTime()) ? new Date() : savedAt,
  };
}
