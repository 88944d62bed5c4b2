import type { Config } from "@netlify/functions";
import { findQuestion } from "../../src/domain/consultation";
import { reasonLabel } from "../../src/domain/moderation";
import { otherTextDecisionSchema, otherTextsQuerySchema } from "../../src/domain/other-texts-moderation";
import { fieldIssues } from "../../src/domain/validation";
import { parseEnv } from "../../src/server/env";
import { moderatorHandler } from "../../src/server/http/admin";
import { apiErrors, json } from "../../src/server/http/api-response";
import { readJsonBody } from "../../src/server/http/read-request";
import { requestRebuild } from "../../src/server/rebuild";
import { getStore } from "../../src/server/store/open-store";
import type { OtherTextItem } from "../../src/server/store/store";

/**
 * GET /api/admin/other-texts: the « Autre, précisez » texts of the closed questions in one state
 * (pending by default), oldest first, with the counts per state;
 * POST /api/admin/other-texts: publish or reject (with a reason) one of them, logged.
 */
export default moderatorHandler(async (req, _context, moderator) => {
  if (req.method === "GET") {
    const query = otherTextsQuerySchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
    if (!query.success) return apiErrors.invalidInput(fieldIssues(query.error));
    const { store } = await getStore();
    const { items, counts } = await store.otherTextsQueue(query.data);
    return json(200, { items: items.map(otherTextJson), counts });
  }
  const body = await readJsonBody(req, { methods: ["GET", "POST"] });
  if (!body.ok) return body.response;
  const parsed = otherTextDecisionSchema.safeParse(body.value);
  if (!parsed.success) return apiErrors.invalidInput(fieldIssues(parsed.error));
  const { store } = await getStore();
  const outcome = await store.moderateOtherText({
    id: parsed.data.id,
    decision: parsed.data.decision,
    reason: parsed.data.decision === "reject" ? reasonLabel(parsed.data) : undefined,
    actor: moderator.id,
  });
  if (outcome.outcome === "not_found") return apiErrors.notFound("Cette réponse n'a pas de précision « Autre ».");
  if (outcome.outcome !== "decided") {
    return apiErrors.invalidInput([{ path: "reasonCode", message: "Choisissez la raison du rejet." }]);
  }
  const rebuild = await requestRebuild(store, { buildHookUrl: parseEnv().buildHookUrl, trigger: "decision" });
  return json(200, { id: outcome.id, changed: outcome.changed, rebuild });
});

/** A text as the moderation page receives it, with its question's title from the content. */
function otherTextJson(item: OtherTextItem) {
  return {
    id: item.id,
    themeId: item.theme_id,
    questionId: item.question_id,
    questionTitle: findQuestion(item.theme_id, item.question_id)?.title ?? item.question_id,
    text: item.other_text,
    pseudonym: item.pseudonym,
    status: item.status,
    moderationReason: item.reason,
    createdAt: item.created_at,
    moderatedAt: item.moderated_at,
  };
}

export const config: Config = { path: "/api/admin/other-texts" };
