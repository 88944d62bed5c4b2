/**
 * The store: every write a citizen causes, as calls to the SQL functions of
 * supabase/migrations (where the rules live), over any SqlPort. Results are
 * parsed, not trusted.
 */

import { z } from "zod";
import type { WindowState } from "../../domain/consultation-window";
import type { FlagReason, InitiativeKind, Profile, ReactionKind, Stance } from "../../domain/contribution.schema";
import type { FieldOrigin } from "../../domain/field-contributions";
import type { QueueFilters } from "../../domain/moderation-queue";
import type { TerritoryType } from "../../domain/territory";
import type { Clock } from "../clock";
import {
  type CategoryCountRow,
  type CodeOutcome,
  categoryCountRow,
  codeOutcome,
  codingLookup,
  type ExtractOutcome,
  extractOutcome,
  type RemoveExtractOutcome,
  removeExtractOutcome,
  type StoredCoding,
} from "./coding-rows";
import type { SqlPort } from "./sql-port";
import {
  type Correction,
  type CorrectOutcome,
  correctOutcome,
  type TrackOutcome,
  trackOutcome,
  type WithdrawOutcome,
  withdrawOutcome,
} from "./tracking-rows";

/** Where a contributor lives, resolved from their postal code and commune. */
export interface Territory {
  postalCode: string;
  communeCode: string;
  communeName: string;
  departementCode: string;
  departementName: string;
  regionCode: string;
  regionName: string;
  territoryType: TerritoryType;
}

interface Authored {
  idempotencyKey: string;
  pseudonym: string;
  profile: Profile;
  territory: Territory;
  /** Salted hash of the sender's IP. */
  authorHash: string;
  email?: string | undefined;
  contactConsent: boolean;
}

/** The SHA-256 of the submission's tracking secret (src/server/use-cases/tracking.ts); never the secret. */
interface Tracked {
  trackingHash?: string | undefined;
}

export type NewContribution = Authored &
  Tracked & { body: string } & (
    | { kind: "answer"; themeId: string; questionId: string }
    | { kind: "reply"; parentId: string; stance: Stance }
  );

export type NewInitiative = Authored &
  Tracked & {
    name: string;
    initiativeKind: InitiativeKind;
    description: string;
    url?: string | undefined;
    openingYear?: number | undefined;
  };

/**
 * An answer a moderator entered from the field (paper, post, e-mail), with its origin:
 * published at once or left pending. No author hash: the database derives one from the
 * pseudonym, the commune and the origin (20261206120000_field_contributions.sql).
 */
export type NewFieldContribution = Omit<Authored, "authorHash"> & {
  body: string;
  themeId: string;
  questionId: string;
  origin: FieldOrigin;
  publish: boolean;
  /** The moderator's id, written in the log. */
  actor: string;
};

/** An answer to a closed question: options (single, multiple) or a scale value, never both. */
export interface NewChoiceAnswer {
  idempotencyKey: string;
  themeId: string;
  questionId: string;
  /** The chosen option ids, in the content's order; empty for a scale. */
  optionIds: string[];
  scaleValue?: number | undefined;
  /** The « Autre, précisez » text, kept pending. */
  otherText?: string | undefined;
  pseudonym: string;
  profile: Profile;
  territory: Territory;
  /** Salted hash of the sender's IP. */
  authorHash: string;
}

export interface NewReaction {
  contributionId: string;
  kind: ReactionKind;
  /** Salted hash of the browser's token: one reaction per token. */
  voterHash: string;
  /** Salted hash of the sender's IP: the reactions one network adds to a contribution are capped. */
  networkHash: string;
}

export interface NewFlag {
  contributionId: string;
  reason: FlagReason;
  details?: string | undefined;
  voterHash: string;
  /** Salted hash of the sender's IP: the review threshold counts distinct networks. */
  networkHash: string;
}

const created = z.object({
  outcome: z.literal("created"),
  id: z.uuid(),
  status: z.enum(["pending", "published", "rejected"]),
  replayed: z.boolean(),
  /** Whether the tracking digest sent is the row's (false on a replay of a row without it, or under another salt). */
  tracked: z.boolean().optional(),
});
const rateLimited = z.object({ outcome: z.literal("rate_limited"), retry_after: z.number().int().positive() });
const counts = z.object({ support: z.number().int().nonnegative(), disagree: z.number().int().nonnegative() });

const submissionOutcome = z.discriminatedUnion("outcome", [
  created,
  rateLimited,
  z.object({ outcome: z.literal("duplicate") }),
  z.object({ outcome: z.literal("parent_not_found") }),
  /** The key was used before for another text: nothing written. */
  z.object({ outcome: z.literal("changed_replay") }),
]);
const fieldOutcome = z.discriminatedUnion("outcome", [
  created.extend({ status: z.enum(["pending", "published"]) }),
  /** The same text was entered for the same person (pseudonym, commune, origin). */
  z.object({ outcome: z.literal("duplicate") }),
  /** The key was used before for another entry: nothing written. */
  z.object({ outcome: z.literal("changed_replay") }),
]);
const choiceOutcome = z.discriminatedUnion("outcome", [
  z.object({ outcome: z.literal("created"), id: z.uuid(), replayed: z.boolean() }),
  rateLimited,
  /** This pseudonym already answered this question from this network. */
  z.object({ outcome: z.literal("duplicate") }),
  /** The key was used before for another answer: nothing written. */
  z.object({ outcome: z.literal("changed_replay") }),
]);
const reactionOutcome = z.discriminatedUnion("outcome", [
  z.object({ outcome: z.literal("created"), kind: z.enum(["support", "disagree"]), counts }),
  z.object({ outcome: z.literal("already_reacted"), kind: z.enum(["support", "disagree"]), counts }),
  /** This network already added `limit` reactions to this contribution. */
  z.object({ outcome: z.literal("network_limit"), limit: z.number().int().positive(), counts }),
  z.object({ outcome: z.literal("not_found") }),
  rateLimited,
]);
const flagOutcome = z.discriminatedUnion("outcome", [
  z.object({ outcome: z.literal("created") }),
  z.object({ outcome: z.literal("already_flagged") }),
  z.object({ outcome: z.literal("not_found") }),
  rateLimited,
]);

const subjectType = z.enum(["contribution", "initiative"]);
const moderationStatus = z.enum(["pending", "published", "rejected"]);
const territoryType = z.enum(["rural", "small-town", "medium-town", "metropolis"]);
const timestamp = z.string().min(10);

const queueContribution = z.object({
  id: z.uuid(),
  subject_type: z.literal("contribution"),
  theme_id: z.string(),
  question_id: z.string(),
  parent_id: z.uuid().nullable(),
  parent_body: z.string().nullable(),
  stance: z.enum(["for", "against", "question"]).nullable(),
  body: z.string(),
  pseudonym: z.string(),
  profile: z.string(),
  commune_name: z.string(),
  departement_name: z.string(),
  region_name: z.string(),
  territory_type: territoryType,
  status: moderationStatus,
  moderation_reason: z.string().nullable(),
  retained: z.boolean(),
  created_at: timestamp,
  moderated_at: timestamp.nullable(),
  /** Set once a moderator published or kept it after reading its flags: later flags no longer hide it. */
  flags_reviewed_at: timestamp.nullable(),
  open_flags: z.number().int(),
  /** Distinct networks (salted IP hashes) among the open flags. */
  flag_networks: z.number().int(),
  flag_reasons: z.array(z.string()),
  reactions: z.number().int(),
  /** Distinct networks its reactions came from. */
  reaction_networks: z.number().int(),
});
const queueInitiative = z.object({
  id: z.uuid(),
  subject_type: z.literal("initiative"),
  name: z.string(),
  kind: z.string(),
  description: z.string(),
  url: z.string().nullable(),
  opening_year: z.number().int().nullable(),
  pseudonym: z.string(),
  profile: z.string(),
  commune_name: z.string(),
  departement_name: z.string(),
  region_name: z.string(),
  territory_type: territoryType,
  status: moderationStatus,
  moderation_reason: z.string().nullable(),
  created_at: timestamp,
  moderated_at: timestamp.nullable(),
  open_flags: z.number().int(),
});
/** A named moderator of the token sign-in, as listed (never their token). */
const namedModerator = z
  .object({ id: z.uuid(), display_name: z.string(), created_at: timestamp, revoked_at: timestamp.nullish() })
  .transform((row) => ({
    id: row.id,
    displayName: row.display_name,
    createdAt: new Date(row.created_at).toISOString(),
    revokedAt: row.revoked_at ? new Date(row.revoked_at).toISOString() : undefined,
  }));
export type NamedModerator = z.output<typeof namedModerator>;
/** An official response as the SQL functions return it. */
const storedResponse = z.object({
  id: z.uuid(),
  status: z.string(),
  body: z.string(),
  drafted_by: z.string().optional(),
  updated_at: timestamp,
  published_at: timestamp.nullable(),
  contribution_ids: z.array(z.uuid()),
});
export type StoredResponse = z.infer<typeof storedResponse>;
const responseDraftOutcome = z.discriminatedUnion("outcome", [
  z.object({ outcome: z.literal("saved"), response: storedResponse }),
  z.object({ outcome: z.literal("unavailable"), ids: z.array(z.uuid()) }),
  z.object({ outcome: z.literal("not_found") }),
]);
export type ResponseDraftOutcome = z.infer<typeof responseDraftOutcome>;
/** What an e-mail address is linked to (find_contact_data). */
const linkedContactRow = z.object({
  id: z.uuid(),
  subject_type: z.enum(["contribution", "initiative"]),
  subject_id: z.uuid(),
  status: moderationStatus,
  pseudonym: z.string(),
  created_at: timestamp,
});
export type LinkedContactRow = z.infer<typeof linkedContactRow>;
/** A message claimed from the outbox, with what it needs to name its subject. */
const outboxMessage = z.object({
  id: z.uuid(),
  kind: z.enum(["published", "rejected", "response", "synthesis"]),
  subject_ref: z.string(),
  details: z
    .object({
      subject_type: z.string().optional(),
      reason: z.string().nullish(),
      status: z.string().optional(),
      body: z.string().optional(),
      theme_id: z.string().optional(),
    })
    .passthrough(),
  attempts: z.number().int().positive(),
  email: z.string(),
  contact_id: z.uuid(),
  stopped: z.boolean(),
  subject: z
    .discriminatedUnion("type", [
      z.object({
        type: z.literal("contribution"),
        theme_id: z.string(),
        created_at: timestamp,
        is_reply: z.boolean(),
        answer_id: z.uuid().nullable(),
      }),
      z.object({ type: z.literal("initiative"), name: z.string(), created_at: timestamp }),
    ])
    .nullable(),
});
export type OutboxMessage = z.infer<typeof outboxMessage>;
const moderationQueue = z.object({ items: z.array(z.union([queueContribution, queueInitiative])) });
const moderationCounts = z.object({
  contribution: z.object({ pending: z.number(), published: z.number(), rejected: z.number(), flagged: z.number() }),
  initiative: z.object({ pending: z.number(), published: z.number(), rejected: z.number() }),
});
const moderationOutcome = z.discriminatedUnion("outcome", [
  z.object({ outcome: z.literal("decided"), decided: z.array(z.uuid()), unchanged: z.array(z.uuid()) }),
  z.object({ outcome: z.literal("reason_required") }),
  z.object({ outcome: z.literal("invalid") }),
]);

const publishedContribution = z.object({
  id: z.uuid(),
  parent_id: z.uuid().nullable(),
  theme_id: z.string(),
  question_id: z.string(),
  stance: z.enum(["for", "against", "question"]).nullable(),
  body: z.string(),
  pseudonym: z.string(),
  profile: z.string(),
  commune_name: z.string(),
  departement_name: z.string(),
  region_code: z.string(),
  region_name: z.string(),
  territory_type: territoryType,
  retained: z.boolean(),
  created_at: timestamp,
  published_at: timestamp,
  support: z.number().int(),
  disagree: z.number().int(),
  /** Absent from snapshots of databases before 20261206120000: read as online. */
  origin: z.enum(["online", "event", "letter", "email"]).optional(),
  origin_event_id: z.string().nullish(),
});
const publishedInitiative = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.string(),
  description: z.string(),
  url: z.string().nullable(),
  opening_year: z.number().int().nullable(),
  pseudonym: z.string(),
  commune_name: z.string(),
  departement_code: z.string(),
  departement_name: z.string(),
  region_code: z.string(),
  region_name: z.string(),
  territory_type: territoryType,
  published_at: timestamp,
});
const publicSnapshot = z.object({
  contributions: z.array(publishedContribution),
  initiatives: z.array(publishedInitiative),
  syntheses: z.array(z.object({ theme_id: z.string(), body: z.string(), updated_at: timestamp })),
});

export type SubjectType = z.infer<typeof subjectType>;
export type ModerationStatus = z.infer<typeof moderationStatus>;
export type QueueItem = z.infer<typeof moderationQueue>["items"][number];
export type ModerationCounts = z.infer<typeof moderationCounts>;
export type ModerationOutcome = z.infer<typeof moderationOutcome>;
/** Published data as the SQL function returns it (snake_case rows). */
export type PublicSnapshot = z.infer<typeof publicSnapshot>;

/** A page of a moderation queue, oldest first; `after` is the last item of the previous page. */
export interface QueueRequest {
  subjectType: SubjectType;
  status: ModerationStatus | "flagged";
  after?: { createdAt: string; id: string } | undefined;
  limit: number;
  /** Narrows the queue (moderation-queue.ts); a filter left out, or empty, filters nothing. */
  filters?: QueueFilters | undefined;
}

export type SubmissionOutcome = z.infer<typeof submissionOutcome>;
export type FieldOutcome = z.infer<typeof fieldOutcome>;
export type ChoiceOutcome = z.infer<typeof choiceOutcome>;

/** One answer to a closed question, as the open data publishes it (snake_case, no personal column). */
const publicChoiceAnswer = z.object({
  id: z.uuid(),
  theme_id: z.string(),
  question_id: z.string(),
  option_ids: z.array(z.string()),
  scale_value: z.number().int().min(1).max(5).nullable(),
  profile: z.string(),
  region_code: z.string(),
  region_name: z.string(),
  territory_type: territoryType,
  created_at: timestamp,
});
export type PublicChoiceAnswer = z.infer<typeof publicChoiceAnswer>;

/** The results of one closed question, as compute_choice_results returns them. */
const choiceResults = z.object({
  theme_id: z.string(),
  question_id: z.string(),
  answers: z.number().int().nonnegative(),
  options: z.array(z.object({ option_id: z.string(), answers: z.number().int().nonnegative() })),
  scale: z.array(z.object({ value: z.number().int(), answers: z.number().int().nonnegative() })),
  /** The scale's mean, to 2 decimals; null for a choice question. */
  mean: z.coerce.number().nullable(),
});
export type ChoiceResultsRow = z.infer<typeof choiceResults>;

/** An « Autre, précisez » text as the moderation page reads it. */
const otherTextItem = z.object({
  id: z.uuid(),
  theme_id: z.string(),
  question_id: z.string(),
  other_text: z.string(),
  pseudonym: z.string(),
  status: moderationStatus,
  reason: z.string().nullable(),
  created_at: timestamp,
  moderated_at: timestamp.nullable(),
});
const otherTextsQueue = z.object({
  outcome: z.literal("listed"),
  items: z.array(otherTextItem),
  counts: z.object({ pending: count0(), published: count0(), rejected: count0() }),
});
const otherTextOutcome = z.discriminatedUnion("outcome", [
  z.object({ outcome: z.literal("decided"), id: z.uuid(), changed: z.boolean() }),
  z.object({ outcome: z.literal("reason_required") }),
  z.object({ outcome: z.literal("not_found") }),
  z.object({ outcome: z.literal("invalid") }),
]);
/** A published « autre » text, as the theme pages show it. */
const publishedOtherText = z.object({
  id: z.uuid(),
  theme_id: z.string(),
  question_id: z.string(),
  other_text: z.string(),
  pseudonym: z.string(),
  published_at: timestamp,
});
function count0() {
  return z.number().int().nonnegative();
}
export type OtherTextItem = z.infer<typeof otherTextItem>;
export type OtherTextsQueue = Omit<z.infer<typeof otherTextsQueue>, "outcome">;
export type OtherTextOutcome = z.infer<typeof otherTextOutcome>;
export type PublishedOtherText = z.infer<typeof publishedOtherText>;

const count = z.number().int().nonnegative();
/** The public summary as compute_summary returns it (snake_case). */
export const summaryData = z.object({
  totals: z.object({ contributions: count, replies: count, initiatives: count, participants: count, communes: count }),
  by_theme: z.array(
    z.object({
      theme_id: z.string(),
      contributions: count,
      replies: count,
      questions: z.array(z.object({ question_id: z.string(), contributions: count })).nullable(),
    }),
  ),
  by_profile: z.array(z.object({ profile: z.string(), contributions: count })),
  by_territory_type: z.array(z.object({ territory_type: territoryType, contributions: count, initiatives: count })),
  by_region: z.array(
    z.object({ region_code: z.string(), region_name: z.string(), contributions: count, initiatives: count }),
  ),
  by_departement: z.array(
    z.object({
      departement_code: z.string(),
      departement_name: z.string(),
      region_code: z.string(),
      contributions: count,
    }),
  ),
  daily: z.array(z.object({ day: z.string(), contributions: count })),
  top_contributions: z.array(
    z.object({
      theme_id: z.string(),
      items: z.array(
        z.object({
          id: z.uuid(),
          question_id: z.string(),
          pseudonym: z.string(),
          commune_name: z.string(),
          excerpt: z.string(),
          support: count,
          disagree: count,
        }),
      ),
    }),
  ),
  recurring_words: z.array(
    z.object({ theme_id: z.string(), words: z.array(z.object({ word: z.string(), contributions: count })) }),
  ),
  /** The closed questions' results; absent from summaries stored before they existed (read it as none). */
  choices: z.array(choiceResults).optional(),
});
const storedSummary = z.object({ computed_at: timestamp, duration_ms: count, data: summaryData });
export type SummaryData = z.infer<typeof summaryData>;
export type StoredSummary = z.infer<typeof storedSummary>;

/** What the summary needs from the content and the language. */
export interface SummaryInput {
  opensOn: string;
  closesOn: string;
  timeZone: string;
  stopwords: readonly string[];
  topContributions?: number;
  topWords?: number;
}

function summaryPayload(input: SummaryInput) {
  return {
    opens_on: input.opensOn,
    closes_on: input.closesOn,
    time_zone: input.timeZone,
    stopwords: input.stopwords,
    top_contributions: input.topContributions ?? 3,
    top_words: input.topWords ?? 15,
  };
}
export type ReactionOutcome = z.infer<typeof reactionOutcome>;
export type FlagOutcome = z.infer<typeof flagOutcome>;

/** A saved version of a theme's synthesis (synthesis_versions). */
const storedSynthesisVersion = z.object({
  id: z.uuid(),
  theme_id: z.string(),
  body: z.string(),
  author: z.string(),
  author_name: z.string().nullable(),
  published: z.boolean(),
  created_at: timestamp,
});
export type StoredSynthesisVersion = z.infer<typeof storedSynthesisVersion>;
const synthesisHistory = z.object({
  theme_id: z.string(),
  versions: z.array(z.object({ created_at: timestamp, republished: z.boolean() })),
});
export type SynthesisHistory = z.infer<typeof synthesisHistory>;

/** A page of the moderation log: filters (an absent one means any), `toAt` exclusive, after a cursor. */
export interface JournalRequest {
  actor?: string | undefined;
  action?: string | undefined;
  fromAt?: string | undefined;
  toAt?: string | undefined;
  themeId?: string | undefined;
  after?: { createdAt: string; id: string } | undefined;
  limit: number;
  withTotals?: boolean | undefined;
}
const journalEvent = z.object({
  id: z.coerce.string(),
  subject_type: z.string(),
  subject_id: z.uuid(),
  action: z.string(),
  actor: z.string(),
  actor_name: z.string().nullish(),
  reason: z.string().nullable(),
  created_at: timestamp,
  theme_id: z.string().nullable(),
  question_id: z.string().nullable(),
  excerpt: z.string().nullable(),
  subject_exists: z.boolean(),
});
const journalTotals = z.object({
  by_actor: z.array(
    z.object({
      actor: z.string(),
      actor_name: z.string().nullable(),
      published: count0(),
      rejected: count0(),
      other: count0(),
    }),
  ),
  actors: z.array(z.object({ actor: z.string(), actor_name: z.string().nullable() })),
});
const storedJournal = z.object({ events: z.array(journalEvent), totals: journalTotals.optional() });
export type StoredJournalEvent = z.infer<typeof journalEvent>;
export type StoredJournal = z.infer<typeof storedJournal>;

/** How a store dates what it writes. */
export interface StoreOptions {
  /**
   * The consultation's clock, read at each write (openStore passes clockFromEnv, which pages and
   * use cases read too). On a demonstration clock every date the store writes is the clock's
   * instant; on the real clock, or with no clock, the database's own now() dates everything.
   */
  clock?: (() => Clock) | undefined;
}

/**
 * The store's calls carry no limit or threshold: the SQL functions read
 * them from public.integrity_settings, which only the database owner changes.
 *
 * Every call that dates activity carries `at`, the demonstration clock's
 * instant, when there is one (see supabase/migrations/20261203090000_one_clock.sql);
 * the rate limits and the rebuild bookkeeping stay on the database's real
 * clock whatever the site's clock says.
 */
export class Store {
  private readonly clock: (() => Clock) | undefined;

  constructor(
    readonly port: SqlPort,
    options: StoreOptions = {},
  ) {
    this.clock = options.clock;
  }

  /** Records an answer or a reply as pending. */
  async submitContribution(input: NewContribution): Promise<SubmissionOutcome> {
    const payload = {
      ...this.authored(input),
      body: input.body,
      ...(input.kind === "answer"
        ? { theme_id: input.themeId, question_id: input.questionId }
        : { parent_id: input.parentId, stance: input.stance }),
      tracking_hash: input.trackingHash ?? null,
      ...this.stamp(),
    };
    return submissionOutcome.parse(await this.port.call("submit_contribution", payload));
  }

  /** Records an initiative as pending. */
  async submitInitiative(input: NewInitiative): Promise<SubmissionOutcome> {
    const payload = {
      ...this.authored(input),
      name: input.name,
      kind: input.initiativeKind,
      description: input.description,
      url: input.url ?? null,
      opening_year: input.openingYear ?? null,
      tracking_hash: input.trackingHash ?? null,
      ...this.stamp(),
    };
    return submissionOutcome.parse(await this.port.call("submit_initiative", payload));
  }

  /** What a tracking link leads to, by its secret's digest; rate limited per network (networkHash). */
  async trackSubmission(input: { trackingHash: string; networkHash: string }): Promise<TrackOutcome> {
    return trackOutcome.parse(
      await this.port.call("track_submission", { tracking_hash: input.trackingHash, ip_hash: input.networkHash }),
    );
  }

  /** Corrects the text of a pending, never published submission by its link; logged as corrected. */
  async correctTrackedSubmission(input: {
    trackingHash: string;
    networkHash: string;
    correction: Correction;
  }): Promise<CorrectOutcome> {
    const { correction } = input;
    const fields =
      correction.subjectType === "contribution"
        ? { body: correction.body, stance: correction.stance ?? null }
        : {
            name: correction.name,
            kind: correction.kind,
            description: correction.description,
            url: correction.url ?? null,
            opening_year: correction.openingYear ?? null,
          };
    return correctOutcome.parse(
      await this.port.call("correct_tracked_submission", {
        tracking_hash: input.trackingHash,
        ip_hash: input.networkHash,
        subject_type: correction.subjectType,
        ...fields,
        ...this.stamp(),
      }),
    );
  }

  /** Withdraws a pending, never published submission by its link: its text and its contact are deleted. */
  async withdrawTrackedSubmission(input: { trackingHash: string; networkHash: string }): Promise<WithdrawOutcome> {
    return withdrawOutcome.parse(
      await this.port.call("withdraw_tracked_submission", {
        tracking_hash: input.trackingHash,
        ip_hash: input.networkHash,
        ...this.stamp(),
      }),
    );
  }

  /** Records an answer a moderator entered from the field, published or pending, logged under the moderator. */
  async enterFieldContribution(input: NewFieldContribution): Promise<FieldOutcome> {
    const { author_hash: _derived, ...author } = this.authored({ ...input, authorHash: "" });
    const payload = {
      ...author,
      body: input.body,
      theme_id: input.themeId,
      question_id: input.questionId,
      origin: input.origin.kind,
      origin_event_id: input.origin.kind === "event" ? input.origin.eventId : null,
      publish: input.publish,
      actor: input.actor,
      ...this.stamp(),
    };
    return fieldOutcome.parse(await this.port.call("enter_field_contribution", payload));
  }

  /** Records an answer to a closed question, counted without moderation. */
  async submitChoiceAnswer(input: NewChoiceAnswer): Promise<ChoiceOutcome> {
    const { territory } = input;
    const payload = {
      idempotency_key: input.idempotencyKey,
      theme_id: input.themeId,
      question_id: input.questionId,
      option_ids: input.optionIds,
      scale_value: input.scaleValue ?? null,
      other_text: input.otherText ?? null,
      pseudonym: input.pseudonym,
      profile: input.profile,
      postal_code: territory.postalCode,
      commune_code: territory.communeCode,
      commune_name: territory.communeName,
      departement_code: territory.departementCode,
      departement_name: territory.departementName,
      region_code: territory.regionCode,
      region_name: territory.regionName,
      territory_type: territory.territoryType,
      author_hash: input.authorHash,
      ...this.stamp(),
    };
    return choiceOutcome.parse(await this.port.call("submit_choice_answer", payload));
  }

  /** Every answer to a closed question, with its public columns only (the open data). */
  async publicChoiceAnswers(): Promise<PublicChoiceAnswer[]> {
    return z.object({ answers: z.array(publicChoiceAnswer) }).parse(await this.port.call("public_choice_answers", {}))
      .answers;
  }

  /** Records one support or disagreement per voter on a published contribution. */
  async react(input: NewReaction): Promise<ReactionOutcome> {
    const payload = {
      contribution_id: input.contributionId,
      kind: input.kind,
      voter_hash: input.voterHash,
      network_hash: input.networkHash,
      ...this.stamp(),
    };
    return reactionOutcome.parse(await this.port.call("react_to_contribution", payload));
  }

  /** Records one abuse report per voter on a published contribution. */
  async flag(input: NewFlag): Promise<FlagOutcome> {
    const payload = {
      contribution_id: input.contributionId,
      reason: input.reason,
      details: input.details ?? null,
      voter_hash: input.voterHash,
      network_hash: input.networkHash,
      ...this.stamp(),
    };
    return flagOutcome.parse(await this.port.call("flag_contribution", payload));
  }

  /** One page of a moderation queue. */
  async moderationQueue(request: QueueRequest): Promise<QueueItem[]> {
    const payload = {
      subject_type: request.subjectType,
      status: request.status,
      limit: request.limit,
      after_created_at: request.after?.createdAt ?? null,
      after_id: request.after?.id ?? null,
      theme_id: request.filters?.themeId ?? null,
      question_id: request.filters?.questionId ?? null,
      profile: request.filters?.profile ?? null,
      territory_type: request.filters?.territoryType ?? null,
      category_id: request.filters?.categoryId ?? null,
      text: request.filters?.text ?? null,
    };
    return moderationQueue.parse(await this.port.call("moderation_queue", payload)).items;
  }

  async moderationCounts(): Promise<ModerationCounts> {
    return moderationCounts.parse(await this.port.call("moderation_counts", {}));
  }

  /** Publishes or rejects items in one transaction, logging who, what, when and why. */
  async moderate(input: {
    subjectType: SubjectType;
    ids: string[];
    decision: "publish" | "reject";
    reason?: string | undefined;
    actor: string;
  }): Promise<ModerationOutcome> {
    const payload = {
      subject_type: input.subjectType,
      ids: input.ids,
      decision: input.decision,
      reason: input.reason ?? null,
      actor: input.actor,
      ...this.stamp(),
    };
    return moderationOutcome.parse(await this.port.call("moderate", payload));
  }

  /** The « autre » texts of the closed questions in one state, oldest first, with the counts per state. */
  async otherTextsQueue(request: { status: ModerationStatus; limit: number }): Promise<OtherTextsQueue> {
    const { items, counts } = otherTextsQueue.parse(
      await this.port.call("other_texts_queue", { status: request.status, limit: request.limit }),
    );
    return { items, counts };
  }

  /** Publishes or rejects (with a reason) one « autre » text, logged. */
  async moderateOtherText(input: {
    id: string;
    decision: "publish" | "reject";
    reason?: string | undefined;
    actor: string;
  }): Promise<OtherTextOutcome> {
    const payload = {
      id: input.id,
      decision: input.decision,
      reason: input.reason ?? null,
      actor: input.actor,
      ...this.stamp(),
    };
    return otherTextOutcome.parse(await this.port.call("moderate_other_text", payload));
  }

  /** The published « autre » texts, for the theme pages; never a pending or rejected one. */
  async publishedOtherTexts(): Promise<PublishedOtherText[]> {
    return z.object({ texts: z.array(publishedOtherText) }).parse(await this.port.call("published_other_texts", {}))
      .texts;
  }

  /** One contribution's categories and extracts (20261206130000_coding_contributions.sql); undefined when it does not exist. */
  async contributionCoding(contributionId: string): Promise<StoredCoding | undefined> {
    const result = codingLookup.parse(await this.port.call("contribution_coding", { contribution_id: contributionId }));
    return result.outcome === "found" ? result : undefined;
  }

  /** Adds and removes categories of a whole contribution, each change logged (tagged/untagged) under the moderator. */
  async codeContribution(input: {
    contributionId: string;
    add: string[];
    remove: string[];
    actor: string;
    actorName: string;
  }): Promise<CodeOutcome> {
    const payload = {
      contribution_id: input.contributionId,
      add: input.add,
      remove: input.remove,
      actor: input.actor,
      actor_name: input.actorName,
      ...this.stamp(),
    };
    return codeOutcome.parse(await this.port.call("code_contribution", payload));
  }

  /** Tags a passage of a contribution, [start, end) in code points, checked against its body; logged as tagged. */
  async extractPassage(input: {
    contributionId: string;
    categoryId: string;
    start: number;
    end: number;
    quote: string;
    actor: string;
    actorName: string;
  }): Promise<ExtractOutcome> {
    const payload = {
      contribution_id: input.contributionId,
      category_id: input.categoryId,
      start_offset: input.start,
      end_offset: input.end,
      quote: input.quote,
      actor: input.actor,
      actor_name: input.actorName,
      ...this.stamp(),
    };
    return extractOutcome.parse(await this.port.call("extract_passage", payload));
  }

  /** Removes one extract of a contribution; logged as untagged. */
  async removeExtract(input: {
    contributionId: string;
    extractId: string;
    actor: string;
  }): Promise<RemoveExtractOutcome> {
    const payload = {
      contribution_id: input.contributionId,
      extract_id: input.extractId,
      actor: input.actor,
      ...this.stamp(),
    };
    return removeExtractOutcome.parse(await this.port.call("remove_extract", payload));
  }

  /**
   * The ids of the contributions (any state) coded with a category, as a whole or by an extract,
   * oldest first, optionally of one theme: for a queue filter by category. In SQL, the same set is
   * `public.coded_contribution_ids(category_id)`.
   */
  async contributionIdsByCategory(input: { categoryId: string; themeId?: string; limit?: number }): Promise<string[]> {
    return z.object({ ids: z.array(z.uuid()) }).parse(
      await this.port.call("contributions_by_category", {
        category_id: input.categoryId,
        theme_id: input.themeId ?? null,
        limit: input.limit ?? 1000,
      }),
    ).ids;
  }

  /** Per theme and category, the published contributions coded with it (for /synthese/). */
  async categoryCounts(): Promise<CategoryCountRow[]> {
    return z.object({ counts: z.array(categoryCountRow) }).parse(await this.port.call("category_counts", {})).counts;
  }

  async setRetained(input: { contributionId: string; retained: boolean; actor: string }): Promise<boolean> {
    const result = z.object({ outcome: z.enum(["saved", "not_found"]) }).parse(
      await this.port.call("set_retained", {
        contribution_id: input.contributionId,
        retained: input.retained,
        actor: input.actor,
        ...this.stamp(),
      }),
    );
    return result.outcome === "saved";
  }

  /**
   * Saves a theme's synthesis, appends it as a version and logs the save; returns the time it is
   * dated with (ISO 8601) and the version's id.
   */
  async saveSynthesis(input: {
    themeId: string;
    body: string;
    actor: string;
  }): Promise<{ updatedAt: string; versionId: string }> {
    const saved = z.object({ outcome: z.literal("saved"), updated_at: timestamp, version_id: z.uuid() }).parse(
      await this.port.call("save_synthesis", {
        theme_id: input.themeId,
        body: input.body,
        actor: input.actor,
        ...this.stamp(),
      }),
    );
    return { updatedAt: new Date(saved.updated_at).toISOString(), versionId: saved.version_id };
  }

  /** The saved versions of one theme's synthesis, newest first (texts and authors: moderators only). */
  async synthesisVersions(input: { themeId: string; limit?: number }): Promise<StoredSynthesisVersion[]> {
    return z
      .object({ versions: z.array(storedSynthesisVersion) })
      .parse(await this.port.call("synthesis_versions", { theme_id: input.themeId, limit: input.limit ?? 50 }))
      .versions;
  }

  /** The dates of the published versions of every theme's synthesis, oldest first (the pages' history). */
  async synthesisHistory(): Promise<SynthesisHistory[]> {
    return z.object({ themes: z.array(synthesisHistory) }).parse(await this.port.call("synthesis_history", {})).themes;
  }

  /** One page of the moderation log, newest first; with `withTotals`, the counts per moderator too. */
  async moderationJournal(request: JournalRequest): Promise<StoredJournal> {
    return storedJournal.parse(
      await this.port.call("moderation_journal", {
        actor: request.actor ?? null,
        action: request.action ?? null,
        from_at: request.fromAt ?? null,
        to_at: request.toAt ?? null,
        theme_id: request.themeId ?? null,
        after_created_at: request.after?.createdAt ?? null,
        after_id: request.after?.id ?? null,
        limit: request.limit,
        with_totals: request.withTotals ?? false,
      }),
    );
  }

  /** The moderator with this Supabase Auth user id, if any. */
  async findModerator(userId: string): Promise<{ userId: string; displayName: string } | undefined> {
    const row = z
      .object({ user_id: z.uuid(), display_name: z.string() })
      .nullable()
      .parse(await this.port.call("find_moderator", { user_id: userId }));
    return row ? { userId: row.user_id, displayName: row.display_name } : undefined;
  }

  /** Creates (no `id`) or changes a draft official response; refuses contributions not published or already answered. */
  async draftResponse(input: {
    id?: string | undefined;
    status: string;
    body: string;
    contributionIds: string[];
    actor: string;
  }): Promise<ResponseDraftOutcome> {
    return responseDraftOutcome.parse(
      await this.port.call("draft_official_response", {
        id: input.id ?? null,
        status: input.status,
        body: input.body,
        contribution_ids: input.contributionIds,
        actor: input.actor,
      }),
    );
  }

  /** Publishes these drafts in one batch (logged, mailed once, pages marked for a rebuild); returns those published. */
  async publishResponses(input: { ids: string[]; actor: string }): Promise<string[]> {
    return z.object({ published: z.array(z.uuid()) }).parse(await this.port.call("publish_official_responses", input))
      .published;
  }

  /** Every official response, drafts first: the moderation page. */
  async listResponses(): Promise<StoredResponse[]> {
    return z.object({ responses: z.array(storedResponse) }).parse(await this.port.call("list_official_responses", {}))
      .responses;
  }

  /** The published official responses, oldest first: the pages and the open data. */
  async publishedResponses(): Promise<StoredResponse[]> {
    return z
      .object({ responses: z.array(storedResponse) })
      .parse(await this.port.call("published_official_responses", {})).responses;
  }

  /** The contributions and initiatives an e-mail address was given with (case-insensitive), oldest first. */
  async findContactData(email: string): Promise<LinkedContactRow[]> {
    return z.object({ contacts: z.array(linkedContactRow) }).parse(await this.port.call("find_contact_data", { email }))
      .contacts;
  }

  /** Erases an e-mail address (its contacts and their pending messages), logged under `actor`; returns how many went. */
  async eraseContactData(input: { email: string; actor: string }): Promise<number> {
    return z.object({ erased: z.number().int().nonnegative() }).parse(await this.port.call("erase_contact_data", input))
      .erased;
  }

  /** Claims due e-mail for this sender, each with a lease of `leaseSeconds` (another sender skips them meanwhile). */
  async claimEmail(input: { limit: number; leaseSeconds: number }): Promise<OutboxMessage[]> {
    return z
      .object({ messages: z.array(outboxMessage) })
      .parse(await this.port.call("claim_email_outbox", { limit: input.limit, lease_seconds: input.leaseSeconds }))
      .messages;
  }

  /** Marks a claimed message sent (the SMTP server accepted it, or it went to the log). */
  async completeEmail(id: string, via: "smtp" | "log"): Promise<"sent" | "already_sent" | "not_found"> {
    return z
      .object({ outcome: z.enum(["sent", "already_sent", "not_found"]) })
      .parse(await this.port.call("complete_email_outbox", { id, via })).outcome;
  }

  /** Records a failed send: retried later with a growing delay, or given up (permanent, or the last attempt). */
  async failEmail(input: { id: string; error: string; permanent: boolean }): Promise<"retry" | "given_up"> {
    return z.object({ outcome: z.enum(["retry", "given_up"]) }).parse(await this.port.call("fail_email_outbox", input))
      .outcome;
  }

  /** Unsubscribes one contact: false when there is no such contact (erased, withdrawn). */
  async stopNotifications(contactId: string): Promise<boolean> {
    return (
      z
        .object({ outcome: z.enum(["stopped", "not_found"]) })
        .parse(await this.port.call("stop_notifications", { contact_id: contactId })).outcome === "stopped"
    );
  }

  /** The named moderator (token sign-in) whose token has this SHA-256 digest, unless revoked. */
  async findModeratorToken(tokenHash: string): Promise<{ id: string; displayName: string } | undefined> {
    const row = z
      .object({ id: z.uuid(), display_name: z.string() })
      .nullable()
      .parse(await this.port.call("find_moderator_token", { token_hash: tokenHash }));
    return row ? { id: row.id, displayName: row.display_name } : undefined;
  }

  /** Adds a named moderator of the token sign-in, known by their token's digest only. */
  async addModeratorToken(input: { displayName: string; tokenHash: string }): Promise<NamedModerator> {
    return namedModerator.parse(
      await this.port.call("add_moderator_token", { display_name: input.displayName, token_hash: input.tokenHash }),
    );
  }

  /** The named moderators of the token sign-in, revoked ones included, oldest first. */
  async listModeratorTokens(): Promise<NamedModerator[]> {
    return z.object({ moderators: z.array(namedModerator) }).parse(await this.port.call("list_moderator_tokens", {}))
      .moderators;
  }

  /** Revokes a named moderator's token: false when there is no such moderator. */
  async revokeModeratorToken(id: string): Promise<boolean> {
    const result = z
      .object({ outcome: z.enum(["revoked", "not_found"]) })
      .parse(await this.port.call("revoke_moderator_token", { id }));
    return result.outcome === "revoked";
  }

  /** Lists a Supabase Auth user as a named moderator, or renames one. */
  async addModerator(input: { userId: string; displayName: string }): Promise<"added" | "renamed" | "no_such_user"> {
    return z
      .object({ outcome: z.enum(["added", "renamed", "no_such_user"]) })
      .parse(await this.port.call("add_moderator", { user_id: input.userId, display_name: input.displayName })).outcome;
  }

  /**
   * True once per change of public data, and, when `windowState` is given (the scheduled run's
   * clock), once per change of the consultation's window state: the caller that gets true
   * requests the build.
   */
  async claimRebuild(windowState?: WindowState): Promise<boolean> {
    const payload = windowState === undefined ? {} : { window_state: windowState };
    return z.object({ claimed: z.boolean() }).parse(await this.port.call("claim_rebuild", payload)).claimed;
  }

  /** Computes the public summary now, stores it, and returns it with its time and duration. */
  async refreshSummary(input: SummaryInput): Promise<StoredSummary> {
    return storedSummary.parse(await this.port.call("refresh_summary", { ...summaryPayload(input), ...this.stamp() }));
  }

  /** The last stored summary, if any. */
  async latestSummary(): Promise<StoredSummary | undefined> {
    const row = await this.port.call("latest_summary", {});
    return row === null || row === undefined ? undefined : storedSummary.parse(row);
  }

  /** Marks public data as changed again (a rebuild request that failed must be retried). */
  async notePublicChange(): Promise<void> {
    z.object({ outcome: z.literal("noted") }).parse(await this.port.call("note_public_change", {}));
  }

  /** Everything the static pages show: published contributions (with reaction counts), initiatives, syntheses. */
  async publicSnapshot(): Promise<PublicSnapshot> {
    return publicSnapshot.parse(await this.port.call("public_snapshot", {}));
  }

  close(): Promise<void> {
    return this.port.close();
  }

  /**
   * `at` for a call that dates activity: the demonstration clock's instant, or nothing on the
   * real clock, so that the database's now() stays production's one clock. The rate limits
   * (inside the SQL functions) and the rebuild claims (claimRebuild, notePublicChange) never
   * read it: they order what really happens, one request after another, which a clock fixed
   * at one instant cannot.
   */
  private stamp(): { at?: string } {
    const clock = this.clock?.();
    return clock?.mode === "demo" ? { at: clock.now().toISOString() } : {};
  }

  private authored(input: Authored) {
    const { territory } = input;
    return {
      idempotency_key: input.idempotencyKey,
      pseudonym: input.pseudonym,
      profile: input.profile,
      postal_code: territory.postalCode,
      commune_code: territory.communeCode,
      commune_name: territory.communeName,
      departement_code: territory.departementCode,
      departement_name: territory.departementName,
      region_code: territory.regionCode,
      region_name: territory.regionName,
      territory_type: territory.territoryType,
      author_hash: input.authorHash,
      email: input.email ?? null,
      contact_consent: input.contactConsent,
    };
  }
}
