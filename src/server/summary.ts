/**
 * The public summary: computed in SQL (supabase/migrations/*_create_summaries.sql)
 * from published data, with the consultation's dates and French stop words
 * from a maintained list (stopwords-iso), no cloud service.
 */
import stopwords from "stopwords-iso";
import { consultation } from "../domain/consultation";
import type { Store, StoredSummary, SummaryInput } from "./store/store";

/** Words that carry no meaning on their own: the stopwords-iso French list, plus the elided forms the tokenizer leaves. */
export const frenchStopwords: readonly string[] = [
  ...((stopwords as unknown as Record<string, string[]>).fr ?? []),
  "aujourd'hui",
];

export const summaryInput: SummaryInput = {
  opensOn: consultation.opensOn,
  closesOn: consultation.closesOn,
  timeZone: consultation.timeZone,
  stopwords: frenchStopwords,
};

/** Recomputes and stores the summary (scheduled function, build, on demand). */
export function refreshSummary(store: Store): Promise<StoredSummary> {
  return store.refreshSummary(summaryInput);
}

/** The stored summary if it is younger than maxAgeMs, otherwise a fresh one. */
export async function currentSummary(store: Store, maxAgeMs = 5 * 60_000): Promise<StoredSummary> {
  const latest = await store.latestSummary();
  if (latest && Date.now() - Date.parse(latest.computed_at) < maxAgeMs) return latest;
  return refreshSummary(store);
}
