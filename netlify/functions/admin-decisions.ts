import type { Config } from "@netlify/functions";
import { decisionSchema, reasonLabel } from "../../src/domain/moderation";
import { fieldIssues } from "../../src/domain/validation";
import { parseEnv } from "../../src/server/env";
import { moderatorHandler } from "../../src/server/http/admin";
import { apiErrors, json } from "../../src/server/http/api-response";
import { readJsonBody } from "../../src/server/http/read-request";
import { requestRebuild } from "../../src/server/rebuild";
import { getStore } from "../../src/server/store/open-store";

/** POST /api/admin/decisions: publish or reject one or many items, in one transaction, logged. */
export default moderatorHandler(async (req, _context, moderator) => {
  const body = await readJsonBody(req);
  if (!body.ok) return body.response;
  const parsed = decisionSchema.safeParse(body.value);
  if (!parsed.success) return apiErrors.invalidInput(fieldIssues(parsed.error));
  const { store } = await getStore();
  const outcome = await store.moderate({
    subjectType: parsed.data.type,
    ids: parsed.data.ids,
    decision: parsed.data.decision,
    reason: parsed.data.decision === "reject" ? reasonLabel(parsed.data) : undefined,
    actor: moderator.id,
  });
  if (outcome.outcome !== "decided") {
    return apiErrors.invalidInput([{ path: "reasonCode", message: "Choisissez la raison du rejet." }]);
  }
  const rebuild = await requestRebuild(store, { buildHookUrl: parseEnv().buildHookUrl, trigger: "decision" });
  return json(200, { decided: outcome.decided, unchanged: outcome.unchanged, rebuild });
});

export const config: Config = { path: "/api/admin/decisions" };
