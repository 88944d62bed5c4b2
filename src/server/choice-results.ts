/**
 * The closed questions' results as the pages show them: every closed
 * question of the content, in its order, with its options (the content's
 * labels and order, « Autre » last) or its five values, each with its count
 * from the summary (src/server/summary.ts, compute_choice_results in SQL).
 * An option or question the content no longer has is left out, as the
 * summary page leaves out a retired theme.
 */

import { scaleLabel } from "../domain/choice-answer.schema";
import { themes } from "../domain/consultation";
import { OTHER_OPTION_ID, SCALE_MAX, SCALE_MIN } from "../domain/consultation.schema";
import { frForms } from "../domain/messages.fr";
import { loadPublished, type Published } from "./published";
import { getStore } from "./store/open-store";
import type { ChoiceResultsRow, PublishedOtherText } from "./store/store";

/** One row of a closed question's chart: an option, or a value of the scale. */
export interface ChoiceRow {
  /** The option id, or the scale value as text. */
  id: string;
  label: string;
  answers: number;
}

/** One closed question's results. */
export interface ChoiceQuestionResults {
  themeId: string;
  themeTitle: string;
  questionId: string;
  title: string;
  type: "single" | "multiple" | "scale";
  /** People who answered (a multiple choice's rows add up to more). */
  answers: number;
  rows: ChoiceRow[];
  /** The scale's mean, from 1 to 5; undefined for a choice or before any answer. */
  mean: number | undefined;
}

/** Every closed question of the content with its counts (zero before any answer). */
export function toChoiceResults(rows: readonly ChoiceResultsRow[] | undefined): ChoiceQuestionResults[] {
  const byQuestion = new Map((rows ?? []).map((row) => [`${row.theme_id}/${row.question_id}`, row]));
  return themes.flatMap((theme) =>
    theme.questions.flatMap((question): ChoiceQuestionResults[] => {
      if (question.type === "open") return [];
      const row = byQuestion.get(`${theme.id}/${question.id}`);
      let choiceRows: ChoiceRow[];
      if (question.type === "scale") {
        const counts = new Map((row?.scale ?? []).map((entry) => [entry.value, entry.answers]));
        choiceRows = [];
        for (let value = SCALE_MIN; value <= SCALE_MAX; value++) {
          choiceRows.push({
            id: String(value),
            label: scaleLabel(value, question.scaleLabels),
            answers: counts.get(value) ?? 0,
          });
        }
      } else {
        const counts = new Map((row?.options ?? []).map((entry) => [entry.option_id, entry.answers]));
        const options = [...(question.options ?? [])];
        if (question.other) options.push({ id: OTHER_OPTION_ID, label: frForms.fields.choiceOther });
        choiceRows = options.map((option) => ({
          id: option.id,
          label: option.label,
          answers: counts.get(option.id) ?? 0,
        }));
      }
      return [
        {
          themeId: theme.id,
          themeTitle: theme.title,
          questionId: question.id,
          title: question.title,
          type: question.type,
          answers: row?.answers ?? 0,
          rows: choiceRows,
          mean: question.type === "scale" && row?.mean !== null && row?.mean !== undefined ? row.mean : undefined,
        },
      ];
    }),
  );
}

/** A published « Autre, précisez » text, as the theme page lists it under its question's chart. */
export interface OtherTextEntry {
  id: string;
  /** The citizen's text, as written: render it as text, never as HTML. */
  text: string;
  pseudonym: string;
}

/** Key of the map loadOtherTexts returns, for one question of one theme. */
export function otherTextsKey(themeId: string, questionId: string): string {
  return `${themeId}/${questionId}`;
}

/** The published « autre » texts per question (key: otherTextsKey), in publication order. */
export function toOtherTexts(rows: readonly PublishedOtherText[]): Map<string, OtherTextEntry[]> {
  const byQuestion = new Map<string, OtherTextEntry[]>();
  for (const row of rows) {
    const key = otherTextsKey(row.theme_id, row.question_id);
    const list = byQuestion.get(key) ?? [];
    list.push({ id: row.id, text: row.other_text, pseudonym: row.pseudonym });
    byQuestion.set(key, list);
  }
  return byQuestion;
}

const memoKey = Symbol.for("consultation.otherTexts");
type Registry = typeof globalThis & {
  [memoKey]?: { source: Promise<Published>; texts: Promise<Map<string, OtherTextEntry[]>> };
};

function isDevServer(): boolean {
  try {
    return import.meta.env.DEV === true;
  } catch {
    return false;
  }
}

/**
 * The published « autre » texts, read from the store (only published ones
 * leave the database: published_other_texts). A build reads them once, kept
 * with the published snapshot: when the local rebuild drops that snapshot
 * (forgetPublished), the next call reads them afresh; the dev server reads
 * them on each request.
 */
export function loadOtherTexts(): Promise<Map<string, OtherTextEntry[]>> {
  if (isDevServer()) return readOtherTexts();
  const source = loadPublished();
  const registry = globalThis as Registry;
  const kept = registry[memoKey];
  if (kept && kept.source === source) return kept.texts;
  const texts = readOtherTexts();
  registry[memoKey] = { source, texts };
  texts.catch(() => {
    if (registry[memoKey]?.texts === texts) delete registry[memoKey];
  });
  return texts;
}

async function readOtherTexts(): Promise<Map<string, OtherTextEntry[]>> {
  const { store } = await getStore();
  return toOtherTexts(await store.publishedOtherTexts());
}
