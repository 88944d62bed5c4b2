import type { Config } from "@netlify/functions";
import { parseEnv } from "../../src/server/env";
import { requestRebuild } from "../../src/server/rebuild";
import { getStore } from "../../src/server/store/open-store";

/**
 * Every 5 minutes on Netlify: if public data changed since the last build
 * request, call the build hook once (a burst of publications → one build).
 */
export default async (): Promise<Response> => {
  const { store } = await getStore();
  const report = await requestRebuild(store, { buildHookUrl: parseEnv().buildHookUrl, trigger: "schedule" });
  console.info(`[scheduled-rebuild] ${report.status}`);
  return new Response(null, { status: 204 });
};

export const config: Config = { schedule: "*/5 * * * *" };
