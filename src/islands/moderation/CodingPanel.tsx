/**
 * Coding a contribution, under its text in the queue: the categories of the
 * consultation as checkboxes (several may apply), and extracts, passages of
 * the text tagged with one category. Closed until the moderator opens it, so
 * that a queue of fifty items asks the server for nothing more.
 *
 * A passage is chosen by selecting it in the text above (mouse, touch, or
 * the browser's caret browsing): it fills the « Passage » field, with its
 * position. The field also takes a passage typed or pasted as it stands in
 * the text, found again there. The server checks the passage against the
 * body at its position.
 *
 * Several moderators may code the same contribution: « Enregistrer » sends
 * only what this moderator changed (added, removed), never the whole list,
 * so that nobody undoes a colleague's tag. A failure keeps every choice on
 * screen and the button says to retry.
 *
 * The admin calls come from ModerationApp through AdminCallContext (the
 * queue renders the cards): without it the panel is not shown.
 */
import { createContext, useContext, useEffect, useId, useRef, useState } from "react";
import {
  type ContributionCoding,
  categories,
  categoryLabel,
  codePointOffset,
  codingUpdateSchema,
  contributionCodingSchema,
  type Extract,
  locatePassage,
  passageAt,
} from "../../domain/coding";
import { formatInstant } from "../../domain/format";
import { StatusRegion } from "../form-kit/StatusRegion";
import { type AdminCall, type AdminResult, describeAdminFailure, type QueueContribution } from "./admin-api";
import { frModeration } from "./messages.fr";

/** The signed-in moderator's admin calls, for the parts the queue renders without passing them down. */
export const AdminCallContext = createContext<AdminCall | undefined>(undefined);

export const codingText = {
  open: "Catégories et extraits",
  close: "Fermer les catégories et extraits",
  loading: "Chargement des catégories et extraits…",
  retryLoad: "Réessayer le chargement",
  categories: "Catégories de la contribution",
  categoriesHint: "Cochez toutes celles qui s'appliquent à la contribution entière.",
  addedBy: (name: string, date: string) => `ajoutée par ${name} le ${date}`,
  save: "Enregistrer les catégories",
  retrySave: "Réessayer d'enregistrer les catégories",
  saving: "Enregistrement des catégories…",
  nothingChanged: "Aucune case n'a changé : rien à enregistrer.",
  saved: "Catégories enregistrées.",
  savedByOthers: "Rien n'a changé : un autre membre de l'équipe avait déjà fait ce choix.",
  extracts: "Extraits",
  extractsHint:
    "Sélectionnez un passage dans le texte ci-dessus : il s'inscrit dans le champ « Passage ». Vous pouvez aussi y coller ou y saisir un passage tel qu'il figure dans le texte.",
  passage: "Passage",
  category: "Catégorie de l'extrait",
  chooseCategory: "Choisissez une catégorie",
  extract: "Extraire",
  retryExtract: "Réessayer d'extraire",
  extracting: "Enregistrement de l'extrait…",
  extracted: (category: string) => `Extrait ajouté dans la catégorie « ${category} ».`,
  alreadyExtracted: (category: string) => `Ce passage figurait déjà dans la catégorie « ${category} ».`,
  noPassage: "Sélectionnez d'abord un passage du texte, ou saisissez-le dans le champ « Passage ».",
  noCategory: "Choisissez la catégorie de l'extrait.",
  notInText:
    "Ce passage ne figure pas tel quel dans le texte de la contribution : sélectionnez-le dans le texte, ou corrigez-le.",
  none: "Aucun extrait pour l'instant.",
  extractBy: (name: string, date: string) => `par ${name}, le ${date}`,
  remove: "Retirer",
  retryRemove: "Réessayer de retirer",
  removeSubject: (passage: string) => `l'extrait « ${passage} »`,
  removing: "Retrait de l'extrait…",
  removed: "Extrait retiré.",
} as const;
const text = codingText;

/** Longest passage quoted in a button's accessible name. */
const NAME_EXCERPT = 60;

function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatInstant(date);
}

function shortPassage(passage: string): string {
  return passage.length <= NAME_EXCERPT ? passage : `${passage.slice(0, NAME_EXCERPT - 1)}…`;
}

/** A selected passage, its position in code points. */
interface Passage {
  text: string;
  start: number;
  end: number;
}

/**
 * The selection, when it lies inside `element` (the contribution's text, whose only content is
 * `body`): trimmed of surrounding spaces, with its position in code points.
 */
export function selectedPassage(element: Element, body: string, selection: Selection | null): Passage | undefined {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return undefined;
  const range = selection.getRangeAt(0);
  if (!element.contains(range.startContainer) || !element.contains(range.endContainer)) return undefined;
  const before = document.createRange();
  before.selectNodeContents(element);
  before.setEnd(range.startContainer, range.startOffset);
  const raw = range.toString();
  const leading = raw.length - raw.trimStart().length;
  const passage = raw.trim();
  const startUnits = before.toString().length + leading;
  if (passage === "" || body.slice(startUnits, startUnits + passage.length) !== passage) return undefined;
  const start = codePointOffset(body, startUnits);
  return { text: passage, start, end: start + codePointOffset(passage, passage.length) };
}

/** Props of CodingPanel. */
export interface CodingPanelProps {
  item: QueueContribution;
}

/** The categories and extracts of one contribution, behind a disclosure button. */
export function CodingPanel({ item }: CodingPanelProps) {
  const call = useContext(AdminCallContext);
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false);
  const base = `${useId()}-coding`;
  if (!call) return null;
  return (
    <div className="mod-coding">
      <button
        type="button"
        className="button button-secondary button-small"
        aria-expanded={open}
        aria-controls={base}
        onClick={() => {
          setOpen(!open);
          setOpened(true);
        }}
      >
        {open ? text.close : text.open}
        <span className="visually-hidden">
          {" "}
          :{" "}
          {item.parentId
            ? frModeration.item.replySubject(item.pseudonym)
            : frModeration.item.answerSubject(item.pseudonym)}
        </span>
      </button>
      {/* Kept once opened, hidden when closed: unsaved choices survive closing. */}
      <div id={base} hidden={!open}>
        {opened ? <CodingForms base={base} item={item} call={call} /> : null}
      </div>
    </div>
  );
}

type Load = { kind: "loading" } | { kind: "ready" } | { kind: "failed"; message: string };
type Pending = { kind: "idle" } | { kind: "sending" } | { kind: "failed" };

function CodingForms({ base, item, call }: { base: string; item: QueueContribution; call: AdminCall }) {
  const [load, setLoad] = useState<Load>({ kind: "loading" });
  const [reloads, setReloads] = useState(0);
  const [coding, setCoding] = useState<ContributionCoding>({ contributionId: item.id, categories: [], extracts: [] });
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const [save, setSave] = useState<Pending>({ kind: "idle" });
  const [extract, setExtract] = useState<Pending>({ kind: "idle" });
  const [removing, setRemoving] = useState<{ id: string; state: Pending } | undefined>(undefined);
  const [passage, setPassage] = useState("");
  const [position, setPosition] = useState<Passage | undefined>(undefined);
  const [category, setCategory] = useState("");
  const [status, setStatus] = useState<{ message: string; failed: boolean }>({ message: "", failed: false });
  const rootRef = useRef<HTMLDivElement>(null);

  const say = (message: string, failed = false) => setStatus({ message, failed });

  useEffect(() => {
    void reloads;
    let current = true;
    setLoad({ kind: "loading" });
    void call("GET", `/api/admin/coding?contributionId=${encodeURIComponent(item.id)}`, contributionCodingSchema).then(
      (result) => {
        if (!current) return;
        if (result.kind !== "ok") return setLoad({ kind: "failed", message: describeAdminFailure(result, "load") });
        setCoding(result.data);
        setChecked(new Set(result.data.categories.map((row) => row.categoryId)));
        setLoad({ kind: "ready" });
      },
    );
    return () => {
      current = false;
    };
  }, [call, item.id, reloads]);

  // A selection inside this contribution's text fills the « Passage » field, with its position.
  useEffect(() => {
    const onSelection = () => {
      const body = rootRef.current?.closest(".mod-item-main")?.querySelector(".mod-body-text");
      if (!body) return;
      const selected = selectedPassage(body, item.body, document.getSelection());
      if (!selected) return;
      setPassage(selected.text);
      setPosition(selected);
    };
    document.addEventListener("selectionchange", onSelection);
    return () => document.removeEventListener("selectionchange", onSelection);
  }, [item.body]);

  if (load.kind === "loading") return <p className="meta">{text.loading}</p>;
  if (load.kind === "failed") {
    return (
      <div className="form-notice form-notice-warning">
        <p>{load.message}</p>
        <button type="button" className="button button-secondary button-small" onClick={() => setReloads((n) => n + 1)}>
          {text.retryLoad}
        </button>
      </div>
    );
  }

  const saved = new Set(coding.categories.map((row) => row.categoryId));
  const byCategory = new Map(coding.categories.map((row) => [row.categoryId, row]));
  // Categories the content no longer lists stay visible, so that they can be removed.
  const shown = [
    ...categories.map((entry) => ({ id: entry.id, label: entry.label, description: entry.description })),
    ...coding.categories
      .filter((row) => !categories.some((entry) => entry.id === row.categoryId))
      .map((row) => ({ id: row.categoryId, label: row.categoryId, description: undefined })),
  ];

  const failed = (result: Exclude<AdminResult<unknown>, { kind: "ok" }>) => {
    // A refusal names what to fix; anything else (server down, timeout) keeps the choice for a retry.
    const message =
      result.kind === "invalid" ? (result.issues[0]?.message ?? result.message) : describeAdminFailure(result, "save");
    say(message, true);
  };

  async function saveCategories() {
    if (save.kind === "sending") return say(text.saving);
    const add = [...checked].filter((id) => !saved.has(id));
    const remove = [...saved].filter((id) => !checked.has(id));
    if (add.length === 0 && remove.length === 0) return say(text.nothingChanged);
    setSave({ kind: "sending" });
    say(text.saving);
    const result = await call("POST", "/api/admin/coding", codingUpdateSchema, {
      action: "tag",
      contributionId: item.id,
      add,
      remove,
    });
    if (result.kind !== "ok") {
      setSave({ kind: "failed" });
      return failed(result);
    }
    setSave({ kind: "idle" });
    setCoding(result.data.coding);
    setChecked(new Set(result.data.coding.categories.map((row) => row.categoryId)));
    say(result.data.changed ? text.saved : text.savedByOthers);
  }

  async function extractPassage() {
    if (extract.kind === "sending") return say(text.extracting);
    if (passage.trim() === "") return say(text.noPassage, true);
    if (!category) return say(text.noCategory, true);
    const target =
      position && passageAt(item.body, position.start, position.end) === passage
        ? position
        : (() => {
            const found = locatePassage(item.body, passage.trim(), position?.start ?? 0);
            return found ? { text: passage.trim(), ...found } : undefined;
          })();
    if (!target) return say(text.notInText, true);
    setExtract({ kind: "sending" });
    say(text.extracting);
    const result = await call("POST", "/api/admin/coding", codingUpdateSchema, {
      action: "extract",
      contributionId: item.id,
      categoryId: category,
      start: target.start,
      end: target.end,
      text: target.text,
    });
    if (result.kind !== "ok") {
      setExtract({ kind: "failed" });
      return failed(result);
    }
    setExtract({ kind: "idle" });
    setCoding(result.data.coding);
    setPassage("");
    setPosition(undefined);
    say(result.data.changed ? text.extracted(categoryLabel(category)) : text.alreadyExtracted(categoryLabel(category)));
  }

  async function removeExtract(entry: Extract) {
    if (removing?.state.kind === "sending") return say(text.removing);
    setRemoving({ id: entry.id, state: { kind: "sending" } });
    say(text.removing);
    const result = await call("POST", "/api/admin/coding", codingUpdateSchema, {
      action: "remove-extract",
      contributionId: item.id,
      extractId: entry.id,
    });
    if (result.kind !== "ok") {
      setRemoving({ id: entry.id, state: { kind: "failed" } });
      return failed(result);
    }
    setRemoving(undefined);
    setCoding(result.data.coding);
    say(text.removed);
  }

  return (
    <div ref={rootRef} className="mod-coding-forms">
      <fieldset className="choice-group">
        <legend className="field-label">{text.categories}</legend>
        <p className="field-hint" id={`${base}-categories-hint`}>
          {text.categoriesHint}
        </p>
        {shown.map((entry) => {
          const id = `${base}-category-${entry.id}`;
          const tag = byCategory.get(entry.id);
          return (
            <div key={entry.id}>
              <div className="choice">
                <input
                  type="checkbox"
                  id={id}
                  checked={checked.has(entry.id)}
                  aria-describedby={entry.description ? `${id}-hint` : undefined}
                  onChange={(event) => {
                    const next = new Set(checked);
                    if (event.currentTarget.checked) next.add(entry.id);
                    else next.delete(entry.id);
                    setChecked(next);
                  }}
                />
                <label htmlFor={id}>{entry.label}</label>
              </div>
              {entry.description ? (
                <p className="field-hint choice-hint" id={`${id}-hint`}>
                  {entry.description}
                  {tag ? ` — ${text.addedBy(tag.by, formatDate(tag.at))}` : null}
                </p>
              ) : null}
            </div>
          );
        })}
      </fieldset>
      <button
        type="button"
        className="button button-small"
        aria-disabled={save.kind === "sending" ? true : undefined}
        onClick={() => void saveCategories()}
      >
        {save.kind === "failed" ? text.retrySave : text.save}
      </button>

      <div className="contribution-form">
        <p className="field-label" id={`${base}-extracts`}>
          {text.extracts}
        </p>
        <p className="field-hint">{text.extractsHint}</p>
        <div className="field">
          <label className="field-label" htmlFor={`${base}-passage`}>
            {text.passage}
          </label>
          <textarea
            id={`${base}-passage`}
            rows={3}
            value={passage}
            onChange={(event) => setPassage(event.currentTarget.value)}
          />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={`${base}-category`}>
            {text.category}
          </label>
          <select id={`${base}-category`} value={category} onChange={(event) => setCategory(event.currentTarget.value)}>
            <option value="">{text.chooseCategory}</option>
            {categories.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.label}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          className="button button-small"
          aria-disabled={extract.kind === "sending" ? true : undefined}
          onClick={() => void extractPassage()}
        >
          {extract.kind === "failed" ? text.retryExtract : text.extract}
        </button>
        {coding.extracts.length === 0 ? (
          <p className="meta">{text.none}</p>
        ) : (
          <ul aria-labelledby={`${base}-extracts`}>
            {coding.extracts.map((entry) => (
              <li key={entry.id}>
                <q>{entry.text}</q> — <strong>{categoryLabel(entry.categoryId)}</strong>,{" "}
                {text.extractBy(entry.by, formatDate(entry.at))}{" "}
                <button
                  type="button"
                  className="button button-secondary button-small"
                  aria-disabled={removing?.id === entry.id && removing.state.kind === "sending" ? true : undefined}
                  onClick={() => void removeExtract(entry)}
                >
                  {removing?.id === entry.id && removing.state.kind === "failed" ? text.retryRemove : text.remove}
                  <span className="visually-hidden"> {text.removeSubject(shortPassage(entry.text))}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
      <StatusRegion message={status.message} className={status.failed ? "form-status-failure" : undefined} />
    </div>
  );
}
