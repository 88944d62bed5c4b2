/**
 * The official responses the pages show under each answered contribution
 * (the permalink, its thread) and the open data lists: published ones only,
 * read from the store (published_official_responses: no drafts, no author).
 * A build reads them once, kept with the published snapshot, as
 * synthesis-history.ts does: when the local rebuild drops that snapshot
 * (forgetPublished), the next call reads them afresh; the dev server reads
 * them on each request.
 */
import { consultation } from "../domain/consultation";
import { loadPublished, type Published } from "./published";
import { getStore } from "./store/open-store";
import type { StoredResponse } from "./store/store";

/** A published response as a page shows it. */
export interface ShownResponse {
  id: string;
  status: string;
  statusLabel: string;
  body: string;
  publishedAt: Date;
  contributionIds: string[];
}

export function toShownResponses(rows: readonly StoredResponse[]): ShownResponse[] {
  return rows.flatMap((row) =>
    row.published_at
      ? [
          {
            id: row.id,
            status: row.status,
            // A status the content no longer lists keeps its id rather than vanishing.
            statusLabel: consultation.responseStatuses.find((entry) => entry.id === row.status)?.label ?? row.status,
            body: row.body,
            publishedAt: new Date(row.published_at),
            contributionIds: row.contribution_ids,
          },
        ]
      : [],
  );
}

/** Each answered contribution's response, by contribution id. */
export function responsesByContribution(responses: readonly ShownResponse[]): Map<string, ShownResponse> {
  return new Map(responses.flatMap((response) => response.contributionIds.map((id) => [id, response] as const)));
}

const memoKey = Symbol.for("consultation.officialResponses");
type Registry = typeof globalThis & {
  [memoKey]?: { source: Promise<Published>; responses: Promise<ShownResponse[]> };
};

function isDevServer(): boolean {
  try {
    return import.meta.env.DEV === true;
  } catch {
    return false;
  }
}

export function loadOfficialResponses(): Promise<ShownResponse[]> {
  if (isDevServer()) return readResponses();
  const source = loadPublished();
  const registry = globalThis as Registry;
  const kept = registry[memoKey];
  if (kept && kept.source === source) return kept.responses;
  const responses = readResponses();
  registry[memoKey] = { source, responses };
  responses.catch(() => {
    if (registry[memoKey]?.responses === responses) delete registry[memoKey];
  });
  return responses;
}

async function readResponses(): Promise<ShownResponse[]> {
  const { store } = await getStore();
  return toShownResponses(await store.publishedResponses());
}
