import type { Config } from "@netlify/functions";
import { parseEnv } from "../../src/server/env";
import { moderatorHandler } from "../../src/server/http/admin";
import { apiErrors, json } from "../../src/server/http/api-response";
import { requestRebuild } from "../../src/server/rebuild";
import { getStore } from "../../src/server/store/open-store";

/** POST /api/admin/rebuild: the moderators' « update the site now » button. */
export default moderatorHandler(async (req) => {
  if (req.method !== "POST") return apiErrors.methodNotAllowed(["POST"]);
  const { store } = await getStore();
  return json(200, {
    rebuild: await requestRebuild(store, { buildHookUrl: parseEnv().buildHookUrl, trigger: "button" }),
  });
});

export const config: Config = { path: "/api/admin/rebuild" };
