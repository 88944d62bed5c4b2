import type { Config } from "@netlify/functions";
import { parseEnv } from "../../src/server/env";
import { requestRebuild } from "../../src/server/rebuild";
import { getStore } from "../../src/server/store/open-store";
import { refreshSummary } from "../../src/server/summary";

/**
 * Every 5 minutes on Netlify: recompute the public summary, then, if public
 * data changed since the last build request, call the build hook once (a
 * burst of publications → one build).
 */
export default async (): Promise<Response> => {
  const { store } = await getStore();
  await refreshSummary(store);
  const report = await requestRebuild(store, { buildHookUrl: parseEnv().buildHookUrl, trigger: "schedule" });
  console.info(`[scheduled-rebuild] ${report.status}`);
  return new Response(null, { status: 204 });
};

export const config: Config = { schedule: "*/5 * * * *" };
