/**
 * Getting published data onto the static pages. Publishing marks public
 * data as changed (in SQL); whoever then claims the change asks for one
 * build, so several publications in a row cost one build:
 *
 * - on Netlify, the scheduled function claims it and calls the build hook;
 * - under `npm start`, a local rebuilder (registered by scripts/start.ts)
 *   rebuilds dist/ in the server's own process, which owns the embedded
 *   database, on a decision and on the same schedule as Netlify's;
 * - under `npm run dev`, pages render on each request: nothing to rebuild;
 * - otherwise the answer says what to run.
 */
import { consultationStatus } from "./clock";
import type { Store } from "./store/store";
import { refreshSummary } from "./summary";

export type RebuildStatus = "started" | "scheduled" | "live" | "manual" | "idle" | "failed";

export interface RebuildReport {
  status: RebuildStatus;
  /** French sentence for the moderator. */
  message: string;
}

const messages: Record<RebuildStatus, string> = {
  started: "Le site est en cours de mise à jour : les pages publiques seront à jour d'ici une à deux minutes.",
  scheduled:
    "Les pages publiques seront mises à jour lors de la prochaine reconstruction du site (dans 5 minutes au plus).",
  live: "Serveur de développement : les pages publiques sont déjà à jour, rechargez-les.",
  manual:
    "Les pages publiques ne se mettent pas à jour seules ici : lancez « npm run build » (ou redémarrez « npm start »).",
  idle: "Rien n'a changé depuis la dernière mise à jour du site.",
  failed: "La mise à jour du site n'a pas pu être demandée ; elle sera retentée automatiquement.",
};

export const rebuildReport = (status: RebuildStatus): RebuildReport => ({ status, message: messages[status] });

/** Rebuilds the static pages in this process; resolves when the build is queued, not when it ends. */
export type LocalRebuilder = () => void;

const rebuilderKey = Symbol.for("consultation.localRebuilder");
const liveKey = Symbol.for("consultation.livePages");
type Registry = typeof globalThis & { [rebuilderKey]?: LocalRebuilder; [liveKey]?: boolean };

/** scripts/start.ts registers how to rebuild dist/ in its process. */
export function registerLocalRebuilder(rebuilder: LocalRebuilder): void {
  (globalThis as Registry)[rebuilderKey] = rebuilder;
}

/** The dev server says its pages render live from the store. */
export function markPagesLive(): void {
  (globalThis as Registry)[liveKey] = true;
}

export interface RebuildOptions {
  /** Netlify build hook URL (NETLIFY_BUILD_HOOK_URL). */
  buildHookUrl: string | undefined;
  /** Where the request comes from: a moderator's decision, the rebuild button, or the schedule. */
  trigger: "decision" | "button" | "schedule";
  fetch?: typeof fetch;
}

/**
 * Asks for the build the situation calls for, at most once per change of
 * public data, and once per change of the consultation's window state
 * (opening, closing), which no row marks: the claim compares the state of
 * the clock now with the one the last claimed build was asked for.
 */
export async function requestRebuild(store: Store, options: RebuildOptions): Promise<RebuildReport> {
  const registry = globalThis as Registry;
  if (registry[liveKey]) return rebuildReport("live");
  const windowState = consultationStatus().state;

  const rebuilder = registry[rebuilderKey];
  if (rebuilder) {
    // The button forces a build; a decision or the schedule builds only for a change.
    if (options.trigger !== "button" && !(await store.claimRebuild(windowState))) return rebuildReport("idle");
    rebuilder();
    return rebuildReport("started");
  }

  if (options.buildHookUrl) {
    // Decisions leave it to the schedule, which debounces a burst of publications into one build.
    if (options.trigger === "decision") return rebuildReport("scheduled");
    if (options.trigger === "schedule" && !(await store.claimRebuild(windowState))) return rebuildReport("idle");
    return callBuildHook(store, options.buildHookUrl, options.fetch ?? fetch);
  }

  return rebuildReport("manual");
}

/** How often the schedule runs: Netlify's `*\/5 * * * *` (netlify/functions/scheduled-rebuild.ts), and npm start's timer. */
export const SCHEDULE_MINUTES = 5;

/**
 * One run of the schedule: recompute the public summary, then request a
 * build if public data or the window state changed since the last one.
 */
export async function runSchedule(store: Store, options: Omit<RebuildOptions, "trigger">): Promise<RebuildReport> {
  await refreshSummary(store);
  return requestRebuild(store, { ...options, trigger: "schedule" });
}

async function callBuildHook(store: Store, url: string, fetchImpl: typeof fetch): Promise<RebuildReport> {
  try {
    const response = await fetchImpl(url, {
      method: "POST",
      body: "{}",
      headers: { "Content-Type": "application/json" },
    });
    if (response.ok) return rebuildReport("started");
    console.error(`[rebuild] the build hook answered ${response.status}`);
  } catch (error) {
    console.error("[rebuild] the build hook could not be reached:", error);
  }
  // The claim is spent: note the change again so the next scheduled run retries.
  await store.notePublicChange();
  return rebuildReport("failed");
}
