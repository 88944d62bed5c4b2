import type { Config } from "@netlify/functions";
import { fieldIssues } from "../../src/domain/validation";
import { apiHandler } from "../../src/server/http/api-handler";
import { apiErrors, json } from "../../src/server/http/api-response";
import { isUnsubscribeToken, unsubscribeInputSchema } from "../../src/server/mail/unsubscribe";
import { getStore } from "../../src/server/store/open-store";

/**
 * POST /api/desinscription?c=<contact>&t=<token>: the one-click unsubscribe
 * of every message (RFC 8058: mail clients POST `List-Unsubscribe=One-Click`
 * to the List-Unsubscribe address), and the button of /desinscription/.
 * Only POST: a link scanner's GET must not unsubscribe anyone.
 */
export default apiHandler(async (req) => {
  if (req.method !== "POST") return apiErrors.methodNotAllowed(["POST"]);
  const parsed = unsubscribeInputSchema.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) return apiErrors.invalidInput(fieldIssues(parsed.error));
  const { store, hashSalt } = await getStore();
  // A wrong token and an unknown contact get the same answer: the link tells nothing about who is subscribed.
  const gone =
    "Ce lien de désinscription n'est plus valable : aucun message ne vous sera plus envoyé pour cette contribution.";
  if (!isUnsubscribeToken(hashSalt, parsed.data.c, parsed.data.t)) return apiErrors.notFound(gone);
  if (!(await store.stopNotifications(parsed.data.c))) return apiErrors.notFound(gone);
  return json(200, { stopped: true });
});

export const config: Config = { path: "/api/desinscription" };
