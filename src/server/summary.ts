/**
 * The public summary: computed in SQL from counters the writes keep
 * (supabase/migrations/*_incremental_summary.sql) over published data, with
 * the consultation's dates and French stop words from a maintained list
 * (stopwords-iso), no cloud service.
 */
// The attribute is what Node's own loader needs for a JSON module (the package's main is a .json
// file): without it, tsx and Vite accept the import but the function bundled for Netlify fails to load.
import stopwords from "stopwords-iso/stopwords-iso.json" with { type: "json" };
import { z } from "zod";
import { consultation } from "../domain/consultation";
import type { Store, StoredSummary, SummaryInput } from "./store/store";

/**
 * Words frequent in any answer that say nothing of its subject: the days of
 * the week (« on se retrouve le mercredi ») and the generic verbs and
 * connectors the stopwords-iso list leaves in. The summary drops a word when
 * its French stem is the stem of one of these, so « faire » also drops « fais ».
 */
const everydayWords = [
  "lundi",
  "mardi",
  "mercredi",
  "jeudi",
  "vendredi",
  "samedi",
  "dimanche",
  "faire",
  "fait",
  "faites",
  "font",
  "ferait",
  "feraient",
  "pouvoir",
  "pourrait",
  "pourraient",
  "devoir",
  "doit",
  "doivent",
  "devrait",
  "devraient",
  "falloir",
  "faut",
  "faudrait",
  "aller",
  "vont",
  "dire",
  "mettre",
  "prendre",
  "permettre",
  "permet",
  "permettent",
  "permettrait",
  "trouver",
  "voir",
  "venir",
  "donner",
  "avoir",
  "ensuite",
  "ainsi",
  "également",
  "vraiment",
  "chose",
  "choses",
];

/** Words that carry no meaning on their own: the stopwords-iso French list, the elided forms the tokenizer leaves, and everyday words. */
export const frenchStopwords: readonly string[] = [
  ...z.object({ fr: z.array(z.string()).min(100) }).parse(stopwords).fr,
  "aujourd'hui",
  ...everydayWords,
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

/**
 * The stored summary; computed now only if none was ever stored. Requests
 * read the stored one: the scheduled function and the build refresh it. A
 * refresh reads counters the writes keep (about 60 ms at 100,000
 * contributions on PGlite, 40 ms on PostgreSQL: see the README's benchmarks).
 */
export async function currentSummary(store: Store): Promise<StoredSummary> {
  return (await store.latestSummary()) ?? refreshSummary(store);
}
