import type { Config } from "@netlify/functions";
import type { AdminResponse, decisionResponseSchema } from "../../src/domain/admin-responses";
import { moderationContext, moderationResponse, moderatorHandler } from "../../src/server/http/admin";
import { readJsonBody } from "../../src/server/http/read-request";
import { sendDueMailSoon } from "../../src/server/mail/sender";
import { decide } from "../../src/server/use-cases/moderation";

/** POST /api/admin/decisions: publish or reject one or many items, in one transaction, logged. */
export default moderatorHandler(async (req, _context, moderator) => {
  const body = await readJsonBody(req);
  if (!body.ok) return body.response;
  const result = await decide(body.value, await moderationContext(moderator));
  // The messages the decision queued (published, rejected with the reason) leave now; the schedule sends the rest.
  if (result.outcome === "decided" && result.decided.length > 0) await sendDueMailSoon();
  return moderationResponse(
    result,
    ({ decided, unchanged, rebuild }) =>
      ({ decided, unchanged, rebuild }) satisfies AdminResponse<typeof decisionResponseSchema>,
  );
});

export const config: Config = { path: "/api/admin/decisions" };
