/**
 * The queue's filters: theme, question, profile, type of territory, coding
 * category and a few words, applied on the server (GET /api/admin/queue) when the
 * moderator submits, never while they choose: the list does not change
 * under their eyes. An initiative has no theme nor question and is not
 * coded: those three fields are left out of its queues.
 */
import { type SubmitEvent, useState } from "react";
import { categories, categoryLabel } from "../../domain/coding";
import { themes } from "../../domain/consultation";
import { profiles } from "../../domain/contribution.schema";
import { activeFilters, findQuestionId, QUEUE_TEXT_FILTER_MAX, type QueueFilters } from "../../domain/moderation-queue";
import { territoryTypes } from "../../domain/territory";
import type { SubjectType } from "./admin-api";
import { frModeration } from "./messages.fr";

const text = frModeration.filters;
const ID = "moderation-filters";

/** Props of QueueFilterForm. */
export interface QueueFilterFormProps {
  type: SubjectType;
  /** The filters the list starts with (the form keeps its own draft until it is sent). */
  filters: QueueFilters;
  onApply(filters: QueueFilters): void;
}

/** The open questions (the ones contributions answer), by theme. */
const openQuestions = themes.map((theme) => ({
  theme,
  questions: theme.questions.filter((question) => question.type === "open"),
}));

/** « thème « Ancrage », profil Habitant, « école » »: the filters as a sentence. */
export function describeFilters(filters: QueueFilters): string {
  const active = activeFilters(filters);
  const parts: string[] = [];
  if (active.themeId) parts.push(`thème « ${themes.find((t) => t.id === active.themeId)?.title ?? active.themeId} »`);
  if (active.questionId) {
    const question = openQuestions.flatMap((entry) => entry.questions).find((q) => q.id === active.questionId);
    parts.push(`question « ${question?.title ?? active.questionId} »`);
  }
  if (active.profile) parts.push(`profil ${profiles[active.profile] ?? active.profile}`);
  if (active.territoryType) parts.push(`territoire ${territoryTypes[active.territoryType]}`);
  if (active.categoryId) parts.push(`catégorie « ${categoryLabel(active.categoryId)} »`);
  if (active.text) parts.push(`mots « ${active.text} »`);
  return parts.join(", ");
}

/** The filter form, in a disclosure: closed at first, then as the moderator leaves it (clearing keeps the focus there). */
export function QueueFilterForm({ type, filters, onApply }: QueueFilterFormProps) {
  const [draft, setDraft] = useState<QueueFilters>(filters);
  const contributions = type === "contribution";
  const set = (key: keyof QueueFilters, value: string) =>
    setDraft((previous) => {
      const next: QueueFilters = { ...previous, [key]: value || undefined };
      // A question belongs to one theme: choosing it chooses its theme, another theme drops it.
      if (key === "questionId" && value) next.themeId = findQuestionId(value)?.themeId;
      if (key === "themeId" && next.questionId && findQuestionId(next.questionId)?.themeId !== value) {
        next.questionId = undefined;
      }
      return next;
    });

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply(activeFilters(draft));
  }

  function clear() {
    setDraft({});
    onApply({});
  }

  const questionChoices = openQuestions.filter((entry) => !draft.themeId || entry.theme.id === draft.themeId);

  return (
    <details className="mod-filters">
      <summary>{text.title}</summary>
      {/* biome-ignore lint/a11y/useSemanticElements: a search landmark on the form itself, like the site's search forms; the fields filter a list, none is required. */}
      <form
        className="contribution-form moderation-form mod-filters-form"
        role="search"
        noValidate
        onSubmit={submit}
        aria-label={text.title}
      >
        {contributions ? (
          <>
            <div className="field">
              <label className="field-label" htmlFor={`${ID}-theme`}>
                {text.theme}
              </label>
              <select
                id={`${ID}-theme`}
                value={draft.themeId ?? ""}
                onChange={(event) => set("themeId", event.currentTarget.value)}
              >
                <option value="">{text.anyTheme}</option>
                {themes.map((theme) => (
                  <option key={theme.id} value={theme.id}>
                    {theme.title}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label className="field-label" htmlFor={`${ID}-question`}>
                {text.question}
              </label>
              <select
                id={`${ID}-question`}
                value={draft.questionId ?? ""}
                onChange={(event) => set("questionId", event.currentTarget.value)}
              >
                <option value="">{text.anyQuestion}</option>
                {questionChoices.map(({ theme, questions }) => (
                  <optgroup key={theme.id} label={theme.title}>
                    {questions.map((question) => (
                      <option key={question.id} value={question.id}>
                        {question.title}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </div>
          </>
        ) : null}
        <div className="field">
          <label className="field-label" htmlFor={`${ID}-profile`}>
            {text.profile}
          </label>
          <select
            id={`${ID}-profile`}
            value={draft.profile ?? ""}
            onChange={(event) => set("profile", event.currentTarget.value)}
          >
            <option value="">{text.anyProfile}</option>
            {Object.entries(profiles).map(([id, label]) => (
              <option key={id} value={id}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${ID}-territory`}>
            {text.territoryType}
          </label>
          <select
            id={`${ID}-territory`}
            value={draft.territoryType ?? ""}
            onChange={(event) => set("territoryType", event.currentTarget.value)}
          >
            <option value="">{text.anyTerritoryType}</option>
            {Object.entries(territoryTypes).map(([id, label]) => (
              <option key={id} value={id}>
                {label}
              </option>
            ))}
          </select>
        </div>
        {contributions ? (
          <div className="field">
            <label className="field-label" htmlFor={`${ID}-category`}>
              {text.category}
            </label>
            <p className="field-hint" id={`${ID}-category-hint`}>
              {text.categoryHint}
            </p>
            <select
              id={`${ID}-category`}
              aria-describedby={`${ID}-category-hint`}
              value={draft.categoryId ?? ""}
              onChange={(event) => set("categoryId", event.currentTarget.value)}
            >
              <option value="">{text.anyCategory}</option>
              {categories.map((category) => (
                <option key={category.id} value={category.id}>
                  {category.label}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="field">
          <label className="field-label" htmlFor={`${ID}-text`}>
            {text.text}
          </label>
          <p className="field-hint" id={`${ID}-text-hint`}>
            {text.textHint}
          </p>
          <input
            type="text"
            id={`${ID}-text`}
            aria-describedby={`${ID}-text-hint`}
            maxLength={QUEUE_TEXT_FILTER_MAX}
            value={draft.text ?? ""}
            onChange={(event) => set("text", event.currentTarget.value)}
          />
        </div>
        <div className="form-actions">
          <button type="submit" className="button">
            {text.apply}
          </button>
          <button type="button" className="button button-secondary" onClick={clear}>
            {text.clear}
          </button>
        </div>
      </form>
    </details>
  );
}
