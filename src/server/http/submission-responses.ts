/**
 * From use-case results to HTTP answers, in one place for every endpoint,
 * and the request context every endpoint builds the same way.
 */
import type { Context } from "@netlify/functions";
import { fr } from "../../domain/messages.fr";
import {
  frTrackingApi,
  type SubmissionCreatedBody,
  type TrackingBody,
  type WithdrawnBody,
} from "../../domain/tracking";
import { consultationStatus } from "../clock";
import { getStore } from "../store/open-store";
import type { FlagOutcome, ReactionOutcome } from "../store/store";
import type { ChoiceAnswerResult } from "../use-cases/choice-answers";
import type { SubmissionContext, SubmissionResult } from "../use-cases/submissions";
import type { TrackingResult } from "../use-cases/tracking";
import { apiErrors, json } from "./api-response";

/** The store, the clock's verdict and the sender's IP, for one request. */
export async function submissionContext(context: Context): Promise<SubmissionContext> {
  const { store, hashSalt } = await getStore();
  // Netlify always gives the client IP; a local server without one still gets a stable bucket.
  return { store, hashSalt, windowState: consultationStatus().state, ip: context.ip || "unknown" };
}

type Refusal = Extract<SubmissionResult, { outcome: "invalid" | "closed" }>;

function refusal(result: Refusal): Response {
  return result.outcome === "invalid" ? apiErrors.invalidInput(result.issues) : apiErrors.closed(result.state);
}

/** 201 with the id and status (the same on a replay), or the refusal. */
export function submissionResponse(result: SubmissionResult, what: "contribution" | "initiative"): Response {
  switch (result.outcome) {
    case "invalid":
    case "closed":
      return refusal(result);
    case "created": {
      // The tracking secret is shown once, in this answer (and in a replay's): only its digest is stored.
      const body: SubmissionCreatedBody = { id: result.id, status: result.status };
      if (result.trackingSecret) body.trackingSecret = result.trackingSecret;
      return json(201, body, { "Idempotent-Replayed": String(result.replayed) });
    }
    case "duplicate":
      return apiErrors.duplicate(what === "initiative" ? fr.api.duplicateInitiative : fr.api.duplicate);
    case "rate_limited":
      return apiErrors.rateLimited(result.retry_after);
    case "parent_not_found":
      return apiErrors.notFound(fr.api.parentNotFound, "parentId");
    case "changed_replay":
      return apiErrors.changedReplay();
  }
}

/** 201 with the id (the same on a replay), or the refusal. */
export function choiceAnswerResponse(result: ChoiceAnswerResult): Response {
  switch (result.outcome) {
    case "invalid":
    case "closed":
      return refusal(result);
    case "created":
      return json(201, { id: result.id, counted: true }, { "Idempotent-Replayed": String(result.replayed) });
    case "duplicate":
      return apiErrors.duplicate(fr.api.duplicateChoice);
    case "rate_limited":
      return apiErrors.rateLimited(result.retry_after);
    case "changed_replay":
      return apiErrors.changedReplay();
  }
}

export function reactionResponse(contributionId: string, result: Refusal | ReactionOutcome): Response {
  switch (result.outcome) {
    case "invalid":
    case "closed":
      return refusal(result);
    case "created":
      return json(201, { contributionId, kind: result.kind, counts: result.counts });
    case "already_reacted":
      return apiErrors.alreadyReacted();
    case "network_limit":
      return apiErrors.networkLimit(result.limit);
    case "not_found":
      return apiErrors.notFound(fr.api.contributionNotFound);
    case "rate_limited":
      return apiErrors.rateLimited(result.retry_after);
  }
}

export function flagResponse(result: Refusal | FlagOutcome): Response {
  switch (result.outcome) {
    case "invalid":
    case "closed":
      return refusal(result);
    case "created":
      return json(201, { flagged: true });
    case "already_flagged":
      return apiErrors.alreadyFlagged();
    case "not_found":
      return apiErrors.notFound(fr.api.contributionNotFound);
    case "rate_limited":
      return apiErrors.rateLimited(result.retry_after);
  }
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The :id of the route when it can be a contribution id; otherwise the 404 to answer. */
export function contributionIdParam(context: Context): { ok: true; id: string } | { ok: false; response: Response } {
  const id = context.params.id ?? "";
  return uuidPattern.test(id)
    ? { ok: true, id: id.toLowerCase() }
    : { ok: false, response: apiErrors.notFound(fr.api.contributionNotFound) };
}

/**
 * The answers to a tracking link (POST /api/suivi). An unknown link, a malformed one and a
 * withdrawn one get the same 404, which never says whether anything exists.
 */
export function trackingResponse(result: TrackingResult): Response {
  switch (result.outcome) {
    case "found":
    case "corrected": {
      const body: TrackingBody = { submission: result.submission };
      return json(200, body);
    }
    case "withdrawn": {
      const body: WithdrawnBody = { withdrawn: true, contactErased: result.contactErased };
      return json(200, body);
    }
    case "not_found":
      return apiErrors.notFound(frTrackingApi.notFound);
    case "not_editable":
      return apiErrors.notEditable(frTrackingApi.notEditable);
    case "invalid":
      return apiErrors.invalidInput(result.issues);
    case "closed":
      return apiErrors.closed("closed", frTrackingApi.closed);
    case "duplicate":
      return apiErrors.duplicate(frTrackingApi.duplicate);
    case "rate_limited":
      return apiErrors.rateLimited(result.retry_after);
  }
}
