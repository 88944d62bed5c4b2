/**
 * Layout of the daily participation curve: two panels over the same days,
 * the count of each day (an area) and the running total (a line), each on
 * its own scale so that neither flattens the other. The curves are drawn
 * in a 1000-unit-wide plot that the SVG stretches to the chart's width
 * (strokes keep their width); axis labels are placed in % and px, so they
 * keep the page's text size on any screen.
 */
import { formatDay } from "../../domain/format";
import { formatCount, monthName } from "./format";
import { niceTicks } from "./scale";

/** One day of the series. */
export interface DailyValue {
  /** YYYY-MM-DD. */
  day: string;
  value: number;
}

/** A horizontal grid line and its label. */
export interface Tick {
  y: number;
  label: string;
}

/** One panel: a title, a scale and a curve. */
export interface Panel {
  title: string;
  /** Top of the plot, in px from the top of the chart. */
  top: number;
  height: number;
  ticks: Tick[];
  /** The filled area under the curve (daily panel) or undefined (running total). */
  area: string | undefined;
  /** The curve itself. */
  line: string;
}

/** A month's start on the time axis. */
export interface MonthTick {
  /** In % of the chart's width (the plot spans 0 to PLOT_SHARE). */
  x: number;
  label: string;
}

/** One row of the data table. */
export interface DailyRow {
  day: string;
  /** « 12 avril 2018 ». */
  dayLabel: string;
  value: string;
  cumulative: string;
}

/** Everything the component draws. */
export interface LineChartLayout {
  /** Width of the plot's own coordinates. */
  plotWidth: number;
  /** Width of the plot, in % of the chart's width. */
  plotShare: number;
  height: number;
  panels: [Panel, Panel];
  months: MonthTick[];
  /** Baseline of the month labels, in px. */
  monthsY: number;
  rows: DailyRow[];
  total: number;
  /** The busiest day (the first of them on a tie), or undefined when nothing was published. */
  peak: { dayLabel: string; value: number } | undefined;
}

/** Titles of the two panels. */
export interface LineChartTitles {
  daily: string;
  cumulative: string;
}

const PLOT_WIDTH = 1000;
/** Share of the chart's width the plot takes, in %: the axis labels sit in the rest, at the right, clear of the curve. */
export const PLOT_SHARE = 90;
const TITLE_HEIGHT = 26;
const DAILY_HEIGHT = 150;
const CUMULATIVE_HEIGHT = 110;
const PANEL_GAP = 22;

const tenth = (value: number) => Math.round(value * 10) / 10;

/** x of the n-th of `count` days in plot units; a single day sits in the middle. */
function dayX(index: number, count: number): number {
  return count <= 1 ? PLOT_WIDTH / 2 : tenth((index / (count - 1)) * PLOT_WIDTH);
}

function panel(title: string, top: number, height: number, values: readonly number[], filled: boolean): Panel {
  const ticks = niceTicks(Math.max(0, ...values));
  const max = ticks[ticks.length - 1] ?? 1;
  const y = (value: number) => tenth(height - (value / max) * height);
  const points = values.map((value, index) => `${dayX(index, values.length)} ${y(value)}`);
  const line = points.length > 0 ? `M${points.join("L")}` : "";
  const area =
    filled && points.length > 0
      ? `M${dayX(0, values.length)} ${height}L${points.join("L")}L${dayX(values.length - 1, values.length)} ${height}Z`
      : undefined;
  return {
    title,
    top,
    height,
    ticks: ticks.map((tick) => ({ y: top + y(tick), label: formatCount(tick) })),
    area,
    line,
  };
}

/** Places the two panels, the month ticks and the table rows of a daily series. */
export function lineChart(days: readonly DailyValue[], titles: LineChartTitles): LineChartLayout {
  const values = days.map((day) => day.value);
  let running = 0;
  const cumulative = values.map((value) => {
    running += value;
    return running;
  });
  const dailyTop = TITLE_HEIGHT;
  const cumulativeTop = dailyTop + DAILY_HEIGHT + PANEL_GAP + TITLE_HEIGHT;
  const monthsY = cumulativeTop + CUMULATIVE_HEIGHT + 20;

  const months: MonthTick[] = [];
  days.forEach((day, index) => {
    if (index === 0 || day.day.endsWith("-01")) {
      months.push({
        x: tenth((dayX(index, days.length) / PLOT_WIDTH) * PLOT_SHARE),
        label: monthName(day.day, index === 0),
      });
    }
  });

  let peak: LineChartLayout["peak"];
  days.forEach((day) => {
    if (day.value > 0 && (!peak || day.value > peak.value)) peak = { dayLabel: formatDay(day.day), value: day.value };
  });

  return {
    plotWidth: PLOT_WIDTH,
    plotShare: PLOT_SHARE,
    height: monthsY + 6,
    panels: [
      panel(titles.daily, dailyTop, DAILY_HEIGHT, values, true),
      panel(titles.cumulative, cumulativeTop, CUMULATIVE_HEIGHT, cumulative, false),
    ],
    months,
    monthsY,
    rows: days.map((day, index) => ({
      day: day.day,
      dayLabel: formatDay(day.day),
      value: formatCount(day.value),
      cumulative: formatCount(cumulative[index] ?? 0),
    })),
    total: running,
    peak,
  };
}
