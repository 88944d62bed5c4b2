/**
 * What /synthese/ shows of the team's coding (CategoryCounts.astro): per
 * theme and category of the content, how many published contributions the
 * team tagged with it, as a whole or by an extract; counted in SQL
 * (category_counts, 20261206130000_coding_contributions.sql), laid out here
 * in the content's order. Nothing when the content keeps the counts private
 * (`coding.publicCounts: false`). A tag whose category or theme the content
 * no longer lists is left out: the table names only what readers can read
 * about.
 */
import { categoryCountsArePublic } from "../domain/coding";
import type { Category } from "../domain/coding.schema";
import { consultation } from "../domain/consultation";
import type { Theme } from "../domain/consultation.schema";
import type { CategoryCountRow } from "./store/coding-rows";
import { getStore } from "./store/open-store";

/** The table: one row per theme, one column per category, and the totals per category. */
export interface CategoryTable {
  categories: { id: string; label: string; description: string }[];
  themes: { id: string; title: string; counts: number[] }[];
  /** Per category, over all themes (a contribution belongs to one theme: the sum counts each once). */
  totals: number[];
  /** Whether any published contribution is coded at all. */
  coded: boolean;
}

/** The SQL rows laid out in the content's order of themes and categories; missing pairs count 0. */
export function toCategoryTable(
  rows: readonly CategoryCountRow[],
  themes: readonly Pick<Theme, "id" | "title">[],
  categories: readonly Category[],
): CategoryTable {
  const counted = new Map(rows.map((row) => [`${row.theme_id}\u0000${row.category_id}`, row.contributions]));
  const themeRows = themes.map((theme) => ({
    id: theme.id,
    title: theme.title,
    counts: categories.map((category) => counted.get(`${theme.id}\u0000${category.id}`) ?? 0),
  }));
  const totals = categories.map((_, index) => themeRows.reduce((sum, row) => sum + (row.counts[index] ?? 0), 0));
  return {
    categories: categories.map(({ id, label, description }) => ({ id, label, description })),
    themes: themeRows,
    totals,
    coded: totals.some((total) => total > 0),
  };
}

/** The table for /synthese/, read from the store; undefined when the content keeps the counts private. */
export async function loadCategoryTable(): Promise<CategoryTable | undefined> {
  if (!categoryCountsArePublic) return undefined;
  const { store } = await getStore();
  return toCategoryTable(await store.categoryCounts(), consultation.themes, consultation.coding.categories);
}
