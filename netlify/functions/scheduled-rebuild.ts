import type { Config } from "@netlify/functions";
import { parseEnv } from "../../src/server/env";
import { runSchedule } from "../../src/server/rebuild";
import { getStore } from "../../src/server/store/open-store";

/**
 * Every 5 minutes on Netlify (SCHEDULE_MINUTES): recompute the public
 * summary, then, if public data (a publication, a flag threshold, a
 * « retained » mark, a synthesis) or the consultation's window state
 * (opening, closing) changed since the last build request, call the build
 * hook once (a burst of changes → one build).
 */
export default async (): Promise<Response> => {
  const { store } = await getStore();
  const report = await runSchedule(store, { buildHookUrl: parseEnv().buildHookUrl });
  console.info(`[scheduled-rebuild] ${report.status}`);
  return new Response(null, { status: 204 });
};

export const config: Config = { schedule: "*/5 * * * *" };
