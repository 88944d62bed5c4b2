/**
 * `npm run bench`: every benchmark, one after the other, each in its own
 * process (they open databases and Astro; a clean process per measure keeps
 * them from disturbing each other), tables printed in Markdown.
 *
 *   npm run bench                      all of them, full size (about 15 minutes here)
 *   npm run bench -- --short           the CI mode, under two minutes (also BENCH_SHORT=1)
 *   npm run bench -- http summary      only these (submissions, http, static, build, summary)
 *
 * | name        | file                  | measures                                                              |
 * |-------------|-----------------------|-----------------------------------------------------------------------|
 * | submissions | bench/submissions.ts  | the function in process, the store call, raw INSERT (in memory)       |
 * | http        | bench/http.ts         | npm start at 1, 20 and 50 clients, raw INSERT on the same folder      |
 * | static      | bench/static.ts       | reading pages: npm start against nginx on the same build (wrk)        |
 * | build       | bench/build.ts        | npm run build at 10,000, 20,000, 100,000: time, pages, peak memory    |
 * | summary     | bench/summary.ts      | refreshSummary against the full recomputation, PGlite and PostgreSQL  |
 */
import { spawn } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { resolve } from "node:path";
import { projectRoot } from "./server";

const benchmarks = {
  submissions: "bench/submissions.ts",
  http: "bench/http.ts",
  static: "bench/static.ts",
  build: "bench/build.ts",
  summary: "bench/summary.ts",
} as const;
type Name = keyof typeof benchmarks;

const args = process.argv.slice(2);
const short = process.env.BENCH_SHORT === "1" || args.includes("--short");
const asked = args.filter((arg) => !arg.startsWith("--"));
const unknown = asked.filter((name) => !(name in benchmarks));
if (unknown.length > 0) {
  console.error(`Unknown benchmark ${unknown.join(", ")}: choose among ${Object.keys(benchmarks).join(", ")}.`);
  process.exit(2);
}
const chosen = (asked.length > 0 ? asked : Object.keys(benchmarks)) as Name[];

function runOne(name: Name): Promise<number> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...(short ? { BENCH_SHORT: "1" } : {}) };
  // The in-process benchmark reads BENCH_COUNT; its short mode is 200.
  if (name === "submissions" && short && !process.env.BENCH_COUNT) env.BENCH_COUNT = "200";
  return new Promise((done) => {
    const child = spawn(resolve(projectRoot, "node_modules/.bin/tsx"), [benchmarks[name]], {
      cwd: projectRoot,
      env,
      stdio: "inherit",
    });
    child.on("exit", (code) => done(code ?? 1));
  });
}

const [one, five] = loadavg();
console.log(
  `# Benchmarks${short ? " (short)" : ""}: ${chosen.join(", ")}\n\n` +
    `Node ${process.version}, ${cpus().length} cores, load average ${one?.toFixed(1)} (1 min) ${five?.toFixed(1)} (5 min) at start.`,
);
const started = performance.now();
const failed: Name[] = [];
for (const name of chosen) {
  const begin = performance.now();
  console.log(`\n## ${name} (${benchmarks[name]})\n`);
  if ((await runOne(name)) !== 0) failed.push(name);
  console.log(`\n_${name}: ${((performance.now() - begin) / 1000).toFixed(0)} s_`);
}
console.log(`\nAll benchmarks: ${((performance.now() - started) / 1000).toFixed(0)} s.`);
if (failed.length > 0) {
  console.error(`Failed: ${failed.join(", ")}`);
  process.exit(1);
}
