/**
 * The store: every write a citizen causes, as calls to the SQL functions of
 * supabase/migrations (where the rules live), over any SqlPort. Results are
 * parsed, not trusted.
 */
import { z } from "zod";
import type { FlagReason, InitiativeKind, Profile, ReactionKind, Stance } from "../../domain/contribution.schema";
import type { TerritoryType } from "../../domain/territory";
import type { SqlPort } from "./sql-port";

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

export type NewContribution = Authored & { body: string } & (
    | { kind: "answer"; themeId: string; questionId: string }
    | { kind: "reply"; parentId: string; stance: Stance }
  );

export type NewInitiative = Authored & {
  name: string;
  initiativeKind: InitiativeKind;
  description: string;
  url?: string | undefined;
  openingYear?: number | undefined;
};

export interface NewReaction {
  contributionId: string;
  kind: ReactionKind;
  voterHash: string;
  authorHash: string;
}

export interface NewFlag {
  contributionId: string;
  reason: FlagReason;
  details?: string | undefined;
  voterHash: string;
  authorHash: string;
}

const created = z.object({
  outcome: z.literal("created"),
  id: z.uuid(),
  status: z.enum(["pending", "published", "rejected"]),
  replayed: z.boolean(),
});
const rateLimited = z.object({ outcome: z.literal("rate_limited"), retry_after: z.number().int().positive() });
const counts = z.object({ support: z.number().int().nonnegative(), disagree: z.number().int().nonnegative() });

const submissionOutcome = z.discriminatedUnion("outcome", [
  created,
  rateLimited,
  z.object({ outcome: z.literal("duplicate") }),
  z.object({ outcome: z.literal("parent_not_found") }),
]);
const reactionOutcome = z.discriminatedUnion("outcome", [
  z.object({ outcome: z.literal("created"), kind: z.enum(["support", "disagree"]), counts }),
  z.object({ outcome: z.literal("already_reacted"), kind: z.enum(["support", "disagree"]), counts }),
  z.object({ outcome: z.literal("not_found") }),
  rateLimited,
]);
const flagOutcome = z.discriminatedUnion("outcome", [
  z.object({ outcome: z.literal("created") }),
  z.object({ outcome: z.literal("already_flagged") }),
  z.object({ outcome: z.literal("not_found") }),
  rateLimited,
]);

export type SubmissionOutcome = z.infer<typeof submissionOutcome>;
export type ReactionOutcome = z.infer<typeof reactionOutcome>;
export type FlagOutcome = z.infer<typeof flagOutcome>;

export interface StoreOptions {
  rateLimit: { max: number; windowSeconds: number };
}

export class Store {
  constructor(
    readonly port: SqlPort,
    private readonly options: StoreOptions,
  ) {}

  /** Records an answer or a reply as pending. */
  async submitContribution(input: NewContribution): Promise<SubmissionOutcome> {
    const payload = {
      ...this.authored(input),
      body: input.body,
      ...(input.kind === "answer"
        ? { theme_id: input.themeId, question_id: input.questionId }
        : { parent_id: input.parentId, stance: input.stance }),
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
    };
    return submissionOutcome.parse(await this.port.call("submit_initiative", payload));
  }

  /** Records one support or disagreement per voter on a published contribution. */
  async react(input: NewReaction): Promise<ReactionOutcome> {
    const payload = {
      contribution_id: input.contributionId,
      kind: input.kind,
      voter_hash: input.voterHash,
      author_hash: input.authorHash,
      ...this.limits(),
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
      author_hash: input.authorHash,
      ...this.limits(),
    };
    return flagOutcome.parse(await this.port.call("flag_contribution", payload));
  }

  close(): Promise<void> {
    return this.port.close();
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
      ...this.limits(),
    };
  }

  private limits() {
    return {
      rate_limit_max: this.options.rateLimit.max,
      rate_limit_window_seconds: this.options.rateLimit.windowSeconds,
    };
  }
}
