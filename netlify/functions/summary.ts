import type { Config } from "@netlify/functions";
import { apiHandler } from "../../src/server/http/api-handler";
import { apiErrors, json } from "../../src/server/http/api-response";
import { representationForApi } from "../../src/server/population";
import { getStore } from "../../src/server/store/open-store";
import { currentSummary } from "../../src/server/summary";

/**
 * GET /api/summary: the live public summary (published data only), with the
 * time it was computed, and who answered against who lives there (each
 * kind of territory's and région's share of the population next to its
 * share of the contributions). Cacheable for a minute by browsers and the CDN.
 */
export default apiHandler(async (req) => {
  if (req.method !== "GET") return apiErrors.methodNotAllowed(["GET"]);
  const { store } = await getStore();
  const summary = await currentSummary(store);
  return json(
    200,
    {
      computedAt: summary.computed_at,
      durationMs: summary.duration_ms,
      ...summary.data,
      representation: representationForApi(summary.data),
    },
    { "Cache-Control": "public, max-age=60", "Netlify-CDN-Cache-Control": "public, max-age=60" },
  );
});

export const config: Config = { path: "/api/summary" };
