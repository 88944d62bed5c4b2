/**
 * The French sentence for a send that did not succeed: what happened, and
 * what the citizen can do about it.
 */
import { frForms } from "../../domain/messages.fr";
import type { ApiResult } from "./api";

const failure = frForms.failure;

/** Messages for refusal codes the API may send without a message of its own. */
const refusals: Record<string, string> = {
  consultation_closed: failure.consultationClosed,
  consultation_not_open: failure.consultationNotOpen,
  duplicate: failure.duplicate,
  not_found: failure.notFound,
  payload_too_large: failure.tooLarge,
  unsupported_media_type: failure.unsupported,
  already_reacted: frForms.reactions.alreadyReacted,
  already_flagged: frForms.flags.alreadyFlagged,
};

/** A wait in seconds as a French duration, rounded up: "45 secondes", "2 minutes". */
export function formatWait(seconds: number | undefined): string {
  if (seconds === undefined) return failure.someMinutes;
  if (seconds <= 60) return frForms.wait.seconds(Math.max(1, seconds));
  if (seconds < 3600) return frForms.wait.minutes(Math.ceil(seconds / 60));
  return frForms.wait.hours(Math.ceil(seconds / 3600));
}

/**
 * What to tell the citizen after a failed send. `keepsDraft` is true for the
 * forms whose text is kept on the device: they say so, because the fear of
 * having lost a long text is what makes people give up.
 */
export function describeFailure(result: Exclude<ApiResult<unknown>, { kind: "ok" }>, keepsDraft: boolean): string {
  const retry = keepsDraft ? `${failure.textKept} ${failure.retryDraft}` : failure.retryAction;
  switch (result.kind) {
    case "network":
      return `${result.offline ? failure.offline : failure.network} ${retry}`;
    case "timeout":
      return `${failure.timeout} ${retry}`;
    case "unavailable":
      return `${failure.unavailable} ${retry}`;
    case "rate-limited":
      return `${failure.rateLimited(formatWait(result.retryAfterSeconds))} ${keepsDraft ? failure.textKept : ""}`.trim();
    case "invalid":
      return result.message || failure.invalid;
    case "refused":
      // The API's own sentence is the most precise; ours cover its absence.
      return (
        result.message ??
        refusals[result.code] ??
        (result.status === 413 ? failure.tooLarge : result.status === 415 ? failure.unsupported : failure.refused)
      );
  }
}
