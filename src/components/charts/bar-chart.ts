/**
 * Layout of a horizontal bar chart, computed once for its SVG and its data
 * table: rows of a label (wrapped above its bars, so that long French
 * labels fit a phone) and one bar per series. Horizontal positions are
 * percentages of the chart's width and vertical ones are pixels, so the
 * chart fills any width while its text keeps the page's size.
 */
import { formatCount, formatShare, shareOf, wrapLabel } from "./format";

/** One measure shown as bars, e.g. « Contributions ». */
export interface BarSeries {
  name: string;
}

/** One row: its label and one value per series. */
export interface BarRow {
  label: string;
  values: readonly number[];
}

/** What a bar chart shows. */
export interface BarChartInput {
  series: readonly BarSeries[];
  rows: readonly BarRow[];
  /**
   * "count": bars proportional to the counts. "share": each value as its
   * share of its series' total, to compare series of different sizes
   * (contributions and initiatives per territory).
   */
  mode?: "count" | "share";
}

/** A bar, placed. */
export interface PlacedBar {
  series: number;
  y: number;
  /** Length, in % of the chart's width. */
  width: number;
  /** What is written on (or next to) the bar: "16", or "36 % (16)" in share mode. */
  text: string;
  /** Written inside the bar (light on dark) when it is long enough, otherwise just after its end. */
  inside: boolean;
}

/** A row, placed. */
export interface PlacedRow {
  label: string;
  /** The label's lines and the baseline of each, in px. */
  lines: { text: string; y: number }[];
  bars: PlacedBar[];
}

/** One cell group of the data table: the value, and its share in share mode. */
export interface TableCell {
  count: string;
  share: string | undefined;
}

/** Everything the component draws. */
export interface BarChartLayout {
  height: number;
  rows: PlacedRow[];
  /** table[row][series]: the same figures as the bars, for the data table. */
  table: TableCell[][];
  /** Totals per series, for the table's last row. */
  totals: string[];
  /** "Label : value ; …" (with series names when there are several), for the chart's text description. */
  summary: string;
}

/**
 * The narrowest chart drawn: on a 320 px phone, the page's 20 px margins
 * leave 280 px (RGAA 10.11: nothing may be cut off at 320 px).
 */
const NARROWEST_CHART_PX = 280;
/** Characters per label line: about 7.5 px each at the chart's font size, on the narrowest chart. */
export const LABEL_CHARS = 36;
const LINE_HEIGHT = 20;
const BAR_HEIGHT = 22;
const BAR_GAP = 4;
const ROW_GAP = 16;
/** The longest bar leaves room after it for a value written outside a short neighbour. */
const MAX_BAR_WIDTH = 84;
/**
 * A value is written inside its bar only if it fits there on the narrowest
 * chart (NARROWEST_CHART_PX), counting about
 * 8.6 px per character of bold 15 px text and 12 px of padding; otherwise
 * just after the bar's end, where there is always room (the longest bars
 * always fit their value inside).
 */
export function fitsInside(widthPercent: number, text: string): boolean {
  return (widthPercent / 100) * NARROWEST_CHART_PX >= text.length * 8.6 + 12;
}

/** Places the rows and bars of a chart and writes its figures. */
export function barChart({ series, rows, mode = "count" }: BarChartInput): BarChartLayout {
  const totals = series.map((_, index) => rows.reduce((sum, row) => sum + (row.values[index] ?? 0), 0));
  const measure = (row: BarRow, index: number) =>
    mode === "share" ? shareOf(row.values[index] ?? 0, totals[index] ?? 0) : (row.values[index] ?? 0);
  const largest = Math.max(0, ...rows.flatMap((row) => series.map((_, index) => measure(row, index))));
  const text = (row: BarRow, index: number) => {
    const count = formatCount(row.values[index] ?? 0);
    return mode === "share" ? `${formatShare(measure(row, index))} (${count})` : count;
  };

  let y = 0;
  const placed = rows.map((row): PlacedRow => {
    const lines = wrapLabel(row.label, LABEL_CHARS).map((line) => {
      y += LINE_HEIGHT;
      return { text: line, y: y - 5 };
    });
    y += 4;
    const bars = series.map((_, index): PlacedBar => {
      const width = largest > 0 ? Math.round((measure(row, index) / largest) * MAX_BAR_WIDTH * 10) / 10 : 0;
      const written = text(row, index);
      const bar = { series: index, y, width, text: written, inside: fitsInside(width, written) };
      y += BAR_HEIGHT + BAR_GAP;
      return bar;
    });
    y += ROW_GAP - BAR_GAP;
    return { label: row.label, lines, bars };
  });

  const table = rows.map((row) =>
    series.map((_, index) => ({
      count: formatCount(row.values[index] ?? 0),
      share: mode === "share" ? formatShare(measure(row, index)) : undefined,
    })),
  );
  const summary = rows
    .map((row) =>
      series.length === 1
        ? `${row.label} : ${text(row, 0)}`
        : `${row.label} (${series.map((one, index) => `${one.name} : ${text(row, index)}`).join(", ")})`,
    )
    .join(" ; ");
  return { height: Math.max(y - ROW_GAP, 0) + 2, rows: placed, table, totals: totals.map(formatCount), summary };
}

/** Height of one bar, for the component. */
export const barHeight = BAR_HEIGHT;
