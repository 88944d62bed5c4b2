/**
 * The queue on screen: which one (type and state), under which filters,
 * its items page after page, and the counts per state that come with every
 * page. Answers to a queue or filters the moderator has already left are
 * dropped, so a slow answer never fills the wrong list.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { QueueFilters } from "../../domain/moderation-queue";
import {
  type AdminCall,
  type AdminFailure,
  type QueueCounts,
  type QueueItem,
  type QueueStatus,
  queuePageSchema,
  queuePath,
  type SubjectType,
} from "./admin-api";

/** One queue: a type of item in one state. */
export interface QueueView {
  type: SubjectType;
  status: QueueStatus;
}

/** The queues, in the order the moderators see them. */
export const queueViews: { [T in SubjectType]: readonly QueueStatus[] } = {
  contribution: ["pending", "flagged", "published", "rejected"],
  initiative: ["pending", "published", "rejected"],
};

/** The count of one queue, or undefined before the first answer (or for a queue the API does not count). */
export function countOf(counts: QueueCounts | undefined, view: QueueView): number | undefined {
  if (!counts) return undefined;
  const forType: Partial<Record<QueueStatus, number>> = counts[view.type];
  return forType[view.status];
}

/** Where the first page of the current queue stands. */
export type QueuePhase = { kind: "loading" } | { kind: "ready" } | { kind: "failed"; failure: AdminFailure };

/** The current queue and what can be done to it. */
export interface QueueState {
  view: QueueView;
  items: QueueItem[];
  nextCursor: string | null;
  counts: QueueCounts | undefined;
  phase: QueuePhase;
  /** What narrows the queue (kept when another queue opens; an initiative's queue ignores theme and question). */
  filters: QueueFilters;
  /** Shows another queue, from its first page. */
  open(view: QueueView): void;
  /** Shows the current queue under these filters, from its first page. */
  filter(filters: QueueFilters): void;
  /** Loads the first page of the current queue again. */
  reload(): void;
  /** Appends the next page; the items it added, or the failure; undefined when there was nothing to do. */
  loadMore(): Promise<{ added: QueueItem[] } | { failure: AdminFailure } | undefined>;
  /** Reads the counts again (after a decision). */
  refreshCounts(): Promise<void>;
  /** Takes items out of the list (decided elsewhere or here). */
  remove(ids: ReadonlySet<string>): void;
  /** Changes one item in place (retained). */
  update(id: string, patch: Partial<QueueItem>): void;
}

/** Runs the queue against the admin API; `call` must be stable. */
export function useQueue(call: AdminCall): QueueState {
  const [view, setView] = useState<QueueView>({ type: "contribution", status: "pending" });
  const [items, setItems] = useState<QueueItem[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [counts, setCounts] = useState<QueueCounts | undefined>(undefined);
  const [phase, setPhase] = useState<QueuePhase>({ kind: "loading" });
  const [filters, setFilters] = useState<QueueFilters>({});
  const filtersRef = useRef(filters);
  filtersRef.current = filters;
  const [reloads, setReloads] = useState(0);
  // Bumped whenever the list starts over: answers carrying an older ticket are dropped.
  const ticket = useRef(0);
  const viewRef = useRef(view);
  viewRef.current = view;
  const cursorRef = useRef(nextCursor);
  cursorRef.current = nextCursor;
  const loadingMore = useRef(false);
  // The list as last set, so that loadMore can tell what a page adds before React renders it.
  const itemsRef = useRef(items);

  useEffect(() => {
    // `reloads` is read so that reload() starts this effect again.
    void reloads;
    const mine = ++ticket.current;
    setPhase({ kind: "loading" });
    itemsRef.current = [];
    setItems([]);
    setNextCursor(null);
    void call("GET", queuePath(view.type, view.status, { filters }), queuePageSchema).then((result) => {
      if (mine !== ticket.current) return;
      if (result.kind !== "ok") return setPhase({ kind: "failed", failure: result });
      itemsRef.current = result.data.items;
      setItems(result.data.items);
      setNextCursor(result.data.nextCursor);
      setCounts(result.data.counts);
      setPhase({ kind: "ready" });
    });
  }, [call, view, filters, reloads]);

  const open = useCallback((next: QueueView) => {
    const current = viewRef.current;
    if (current.type === next.type && current.status === next.status) return;
    setView(next);
  }, []);

  const filter = useCallback((next: QueueFilters) => setFilters(next), []);

  const reload = useCallback(() => setReloads((value) => value + 1), []);

  const loadMore = useCallback(async () => {
    const after = cursorRef.current;
    if (!after || loadingMore.current) return undefined;
    loadingMore.current = true;
    const mine = ticket.current;
    const { type, status } = viewRef.current;
    const result = await call("GET", queuePath(type, status, { after, filters: filtersRef.current }), queuePageSchema);
    loadingMore.current = false;
    if (mine !== ticket.current) return undefined;
    if (result.kind !== "ok") return { failure: result };
    // An item decided elsewhere meanwhile may come again: keep one copy.
    const known = new Set(itemsRef.current.map((item) => item.id));
    const fresh = result.data.items.filter((item) => !known.has(item.id));
    itemsRef.current = [...itemsRef.current, ...fresh];
    setItems(itemsRef.current);
    setNextCursor(result.data.nextCursor);
    setCounts(result.data.counts);
    return { added: fresh };
  }, [call]);

  const refreshCounts = useCallback(async () => {
    const { type, status } = viewRef.current;
    // The API returns the counts with every page: a page of one item is the cheapest way to read them.
    const result = await call("GET", queuePath(type, status, { limit: 1 }), queuePageSchema);
    if (result.kind === "ok") setCounts(result.data.counts);
  }, [call]);

  const remove = useCallback((ids: ReadonlySet<string>) => {
    itemsRef.current = itemsRef.current.filter((item) => !ids.has(item.id));
    setItems(itemsRef.current);
  }, []);

  const update = useCallback((id: string, patch: Partial<QueueItem>) => {
    itemsRef.current = itemsRef.current.map((item) => (item.id === id ? ({ ...item, ...patch } as QueueItem) : item));
    setItems(itemsRef.current);
  }, []);

  return {
    view,
    items,
    nextCursor,
    counts,
    phase,
    filters,
    open,
    filter,
    reload,
    loadMore,
    refreshCounts,
    remove,
    update,
  };
}
