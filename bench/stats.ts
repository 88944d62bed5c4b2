/** Small helpers for the benchmarks: timing, percentiles and a plain table. */

/** Percentile (0–100) of a list of numbers, nearest-rank method. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

export interface RunResult {
  /** Operations completed. */
  count: number;
  /** Wall-clock seconds for all of them. */
  seconds: number;
  /** Latency of each operation, in milliseconds. */
  latencies: number[];
}

/** Runs `operation(i)` for i in [0, count) with `concurrency` workers, timing each. */
export async function run(
  count: number,
  concurrency: number,
  operation: (index: number) => Promise<void>,
): Promise<RunResult> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    for (;;) {
      const index = next++;
      if (index >= count) return;
      const begin = performance.now();
      await operation(index);
      latencies.push(performance.now() - begin);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { count, seconds: (performance.now() - started) / 1000, latencies };
}

/** One table row: rate and latency percentiles. */
export function summarise(label: string, result: RunResult): Record<string, string> {
  const ms = (value: number) => value.toFixed(1);
  return {
    measure: label,
    "ops/s": (result.count / result.seconds).toFixed(0),
    "p50 ms": ms(percentile(result.latencies, 50)),
    "p95 ms": ms(percentile(result.latencies, 95)),
    "p99 ms": ms(percentile(result.latencies, 99)),
    n: String(result.count),
  };
}

/** Prints rows as a Markdown table (what the README shows). */
export function printTable(rows: Record<string, string>[]): void {
  const first = rows[0];
  if (!first) return;
  const columns = Object.keys(first);
  console.log(`| ${columns.join(" | ")} |`);
  console.log(`|${columns.map(() => "---").join("|")}|`);
  for (const row of rows) console.log(`| ${columns.map((column) => row[column] ?? "").join(" | ")} |`);
}
