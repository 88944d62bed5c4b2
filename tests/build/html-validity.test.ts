/**
 * Every HTML page of a built site (`BUILD_DIR`, default dist/) passes the W3C
 * Nu Html Checker, the validator behind validator.w3.org/nu: vnu.jar from the
 * vnu-jar dev dependency, run with Java on the page files themselves (no
 * network), errors only (warnings are advice). It checks the markup against
 * the HTML standard, and the CSS of style elements and attributes.
 *
 * Java is required, not optional: without it this file fails, saying how to
 * install it, rather than skip and let an invalid page through.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../..");
const dist = resolve(root, process.env.BUILD_DIR ?? "dist");
if (!existsSync(join(dist, "index.html"))) {
  throw new Error(
    `${dist} has no built site: \`npm test\` builds dist/ first; to run this file alone, \`npm run build\` (or set BUILD_DIR to a built folder).`,
  );
}

const jar = join(root, "node_modules/vnu-jar/build/dist/vnu.jar");
const JAVA_MINIMUM = 17;
const INSTALL_JAVA = `install Java ${JAVA_MINIMUM} or later (on Debian: \`apt-get install -y default-jre-headless\`; .ci/run does) so that \`java\` is on the PATH`;

/** Why Java cannot run vnu.jar here, or undefined when it can. */
function javaProblem(): string | undefined {
  const probe = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    return `The W3C checker (vnu.jar) needs Java, and \`java -version\` failed (${probe.error?.message ?? probe.stderr.trim()}): ${INSTALL_JAVA}.`;
  }
  // « openjdk version "17.0.15" », « java version "1.8.0_392" » (Java 8 and older number themselves 1.x).
  const [, first = "0", second = "0"] = /version "(\d+)(?:\.(\d+))?/.exec(probe.stderr) ?? [];
  const major = first === "1" ? Number(second) : Number(first);
  if (major < JAVA_MINIMUM) {
    return `The W3C checker (vnu.jar) needs Java ${JAVA_MINIMUM} or later, and \`java -version\` says ${JSON.stringify(probe.stderr.split("\n")[0])}: ${INSTALL_JAVA}.`;
  }
  return undefined;
}

/** One message of vnu's JSON output (--format json, written to stderr). */
interface VnuMessage {
  type: "error" | "info" | "non-document-error";
  subType?: string;
  url?: string;
  lastLine?: number;
  firstColumn?: number;
  message: string;
}

const pages = readdirSync(dist, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && entry.name.endsWith(".html"))
  .map((entry) => join(entry.parentPath, entry.name))
  .sort();

/** « donnees/index.html:23:76: Duplicate ID “contenu”. » */
function describeMessage(message: VnuMessage): string {
  const file = message.url?.startsWith("file:") ? relative(dist, fileURLToPath(message.url)) : (message.url ?? "?");
  return `${file}:${message.lastLine ?? "?"}:${message.firstColumn ?? "?"}: ${message.message}`;
}

describe("the W3C Nu Html Checker (vnu.jar) on every built page", () => {
  const problem = javaProblem();

  it(`finds Java ${JAVA_MINIMUM} or later to run it`, () => {
    expect(problem, problem).toBeUndefined();
  });

  it("reports no error on any page", { timeout: 180_000 }, () => {
    if (problem) throw new Error(problem);
    expect(existsSync(jar), `${jar} is missing: run \`npm install\` (vnu-jar is a dev dependency)`).toBe(true);
    // Sanity: the build has its pages, or a clean report would prove nothing.
    expect(pages.length).toBeGreaterThan(50);

    const run = spawnSync("java", ["-jar", jar, "--errors-only", "--format", "json", ...pages], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    if (run.error) throw run.error;
    let messages: VnuMessage[];
    try {
      messages = (JSON.parse(run.stderr) as { messages: VnuMessage[] }).messages;
    } catch {
      throw new Error(`vnu.jar did not answer in JSON (exit ${run.status}): ${run.stderr.slice(0, 2000)}`);
    }
    const errors = messages.filter((message) => message.type !== "info").map(describeMessage);
    if (errors.length > 0) console.error(`vnu.jar: ${errors.length} errors\n${errors.join("\n")}`);
    expect(errors).toEqual([]);
    // No message, then a clean exit: vnu exits 1 on an error it reported, and on one it could not report.
    expect(run.status).toBe(0);
  });
});
