/**
 * The moderation journal: the log read newest first through the moderators'
 * filters, a page at a time, with the decisions per moderator over the whole
 * filter; or the whole filtered log as a CSV file for a spreadsheet. Plain
 * TypeScript, no HTTP: the function (netlify/functions/admin-journal.ts)
 * parses the query with journalQuerySchema and turns the result into a
 * response.
 */
import { consultation } from "../../domain/consultation";
import { type CsvCell, toCsv } from "../../domain/csv";
import {
  actionLabel,
  actorLabel,
  type JournalEvent,
  type JournalPage,
  type JournalQuery,
  journalMessages,
  subjectLabel,
} from "../../domain/moderation-journal";
import type { FieldIssue } from "../../domain/validation";
import { nextDay, startOfZonedDay, wallClock } from "../../domain/zoned-time";
import type { JournalRequest, Store, StoredJournalEvent } from "../store/store";

/** Lines in one CSV export at most: about 3 MB, well under what a function may answer (6 MB). */
export const MAX_EXPORT_ROWS = 20_000;
/** Lines read per call while exporting. */
const EXPORT_BATCH = 1_000;

export type JournalRefused = { outcome: "invalid"; issues: FieldIssue[] };
export type JournalResult = JournalRefused | { outcome: "page"; page: JournalPage };
export type JournalExport = JournalRefused | { outcome: "csv"; csv: string; rows: number };

/** One page of the journal (the totals with the first page only). */
export async function readJournal(query: JournalQuery, store: Store): Promise<JournalResult> {
  const filter = filterOf(query);
  if (!filter.ok) return filter.refused;
  const first = query.after === undefined;
  // One line more than asked says whether there is a next page.
  const { events, totals } = await store.moderationJournal({
    ...filter.request,
    limit: query.limit + 1,
    withTotals: first,
  });
  const shown = events.slice(0, query.limit);
  const last = shown.at(-1);
  return {
    outcome: "page",
    page: {
      events: shown.map(eventJson),
      nextCursor: events.length > query.limit && last ? encodeJournalCursor(last) : null,
      ...(totals && {
        totals: {
          byModerator: totals.by_actor.map((row) => ({
            actor: row.actor,
            name: actorLabel(row.actor, row.actor_name),
            published: row.published,
            rejected: row.rejected,
            other: row.other,
          })),
          moderators: totals.actors.map((row) => ({ actor: row.actor, name: actorLabel(row.actor, row.actor_name) })),
        },
      }),
    },
  };
}

/** The CSV header: French, as a spreadsheet user reads it. */
export const JOURNAL_CSV_HEADER = [
  "Date (heure de Paris)",
  "Horodatage (UTC)",
  "Personne",
  "Identifiant de la personne",
  "Action",
  "Code de l'action",
  "Élément",
  "Identifiant de l'élément",
  "Élément encore présent",
  "Thème",
  "Question",
  "Raison",
] as const;

/**
 * The whole filtered log (the cursor and the page size are ignored), newest first, as CSV: UTF-8
 * with a byte order mark, RFC 4180, every text cell that a spreadsheet would run as a formula
 * neutralised (src/domain/csv.ts): the reasons can quote what citizens wrote. The subjects'
 * excerpts are left out: the file leaves the moderation space, and the ids are enough to find them.
 */
export async function exportJournal(query: JournalQuery, store: Store): Promise<JournalExport> {
  const filter = filterOf({ ...query, after: undefined });
  if (!filter.ok) return filter.refused;
  const rows: CsvCell[][] = [];
  let after: JournalRequest["after"];
  for (;;) {
    const { events } = await store.moderationJournal({ ...filter.request, after, limit: EXPORT_BATCH });
    for (const event of events) rows.push(csvRow(event));
    if (rows.length > MAX_EXPORT_ROWS) {
      const max = new Intl.NumberFormat("fr-FR").format(MAX_EXPORT_ROWS);
      return { outcome: "invalid", issues: [{ path: "", message: journalMessages.tooMany(max) }] };
    }
    const last = events.at(-1);
    if (events.length < EXPORT_BATCH || !last) break;
    after = { createdAt: last.created_at, id: last.id };
  }
  return { outcome: "csv", csv: toCsv(JOURNAL_CSV_HEADER, rows), rows: rows.length };
}

type Filter = { ok: true; request: Omit<JournalRequest, "limit"> } | { ok: false; refused: JournalRefused };

/** The store's filter: the days as instants of the consultation's zone (the last day included). */
function filterOf(query: JournalQuery): Filter {
  let after: JournalRequest["after"];
  if (query.after !== undefined) {
    after = decodeJournalCursor(query.after);
    if (!after)
      return {
        ok: false,
        refused: { outcome: "invalid", issues: [{ path: "after", message: journalMessages.cursor }] },
      };
  }
  const zone = consultation.timeZone;
  return {
    ok: true,
    request: {
      actor: query.actor,
      action: query.action,
      fromAt: query.from && startOfZonedDay(query.from, zone).toISOString(),
      toAt: query.to && startOfZonedDay(nextDay(query.to), zone).toISOString(),
      themeId: query.theme,
      after,
    },
  };
}

function eventJson(event: StoredJournalEvent): JournalEvent {
  return {
    id: event.id,
    createdAt: new Date(event.created_at).toISOString(),
    action: event.action,
    actionLabel: actionLabel(event.action),
    subjectType: event.subject_type,
    subjectId: event.subject_id,
    subjectExists: event.subject_exists,
    themeId: event.theme_id,
    questionId: event.question_id,
    excerpt: event.excerpt,
    actor: event.actor,
    actorName: actorLabel(event.actor, event.actor_name),
    reason: event.reason,
  };
}

function csvRow(event: StoredJournalEvent): CsvCell[] {
  const at = new Date(event.created_at);
  const clock = wallClock(at, consultation.timeZone);
  const two = (value: number) => String(value).padStart(2, "0");
  return [
    `${clock.day} ${two(clock.hour)}:${two(clock.minute)}:${two(clock.second)}`,
    at.toISOString(),
    actorLabel(event.actor, event.actor_name),
    event.actor,
    actionLabel(event.action),
    event.action,
    subjectLabel(event.subject_type),
    event.subject_id,
    event.subject_exists ? "oui" : "non",
    event.theme_id,
    event.question_id,
    event.reason,
  ];
}

/**
 * Opaque keyset cursor: the last line's time, exactly as the database wrote it (microseconds
 * included, which a Date would lose), and its id.
 */
export function encodeJournalCursor(event: { created_at: string; id: string }): string {
  return Buffer.from(JSON.stringify([event.created_at, event.id])).toString("base64url");
}

export function decodeJournalCursor(cursor: string): { createdAt: string; id: string } | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length !== 2) return undefined;
    const [createdAt, id] = value;
    if (typeof createdAt !== "string" || !cursorTime.test(createdAt) || Number.isNaN(Date.parse(createdAt)))
      return undefined;
    if (typeof id !== "string" || !/^[1-9]\d{0,18}$/.test(id)) return undefined;
    return { createdAt, id };
  } catch {
    return undefined;
  }
}

const cursorTime =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[T ]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)$/;
