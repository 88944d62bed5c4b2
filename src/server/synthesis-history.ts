/**
 * The history the pages show under a published synthesis (« Versions :
 * publiée le …, modifiée le … »): the dates of its published versions,
 * oldest first, read from the store (synthesis_history: dates only, never an
 * older text or an author). A build reads them once, kept with the published
 * snapshot, as loadOtherTexts does (choice-results.ts): when the local
 * rebuild drops that snapshot (forgetPublished), the next call reads them
 * afresh; the dev server reads them on each request.
 */
import type { HistoryEntry } from "../domain/synthesis-versions";
import { loadPublished, type Published } from "./published";
import { getStore } from "./store/open-store";
import type { SynthesisHistory } from "./store/store";

/** The published versions of each theme's synthesis, by theme id. */
export function toSynthesisHistory(rows: readonly SynthesisHistory[]): Map<string, HistoryEntry[]> {
  return new Map(
    rows.map((row) => [
      row.theme_id,
      row.versions.map((version) => ({ at: new Date(version.created_at), republished: version.republished })),
    ]),
  );
}

const memoKey = Symbol.for("consultation.synthesisHistory");
type Registry = typeof globalThis & {
  [memoKey]?: { source: Promise<Published>; history: Promise<Map<string, HistoryEntry[]>> };
};

function isDevServer(): boolean {
  try {
    return import.meta.env.DEV === true;
  } catch {
    return false;
  }
}

export function loadSynthesisHistory(): Promise<Map<string, HistoryEntry[]>> {
  if (isDevServer()) return readHistory();
  const source = loadPublished();
  const registry = globalThis as Registry;
  const kept = registry[memoKey];
  if (kept && kept.source === source) return kept.history;
  const history = readHistory();
  registry[memoKey] = { source, history };
  history.catch(() => {
    if (registry[memoKey]?.history === history) delete registry[memoKey];
  });
  return history;
}

async function readHistory(): Promise<Map<string, HistoryEntry[]>> {
  const { store } = await getStore();
  return toSynthesisHistory(await store.synthesisHistory());
}
