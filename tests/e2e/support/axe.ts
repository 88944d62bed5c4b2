/**
 * axe-core in the suite's pages. The script is evaluated through the
 * DevTools protocol rather than added with `page.addScriptTag`: the site's
 * Content-Security-Policy (script-src 'self' plus hashes) rightly refuses
 * an inline <script>, and turning the policy off (bypassCSP) would also
 * hide the CSP violations the suite must catch on every page.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** The WCAG 2.1 A and AA rules, and axe's best practices. */
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

/** One axe violation, reduced to what a developer needs to fix it. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  /** Selectors of the first elements at fault (five at most), with their HTML. */
  targets: { selector: string; html: string }[];
  /** How many elements are at fault. */
  count: number;
}

/** Runs axe on the whole document, as it is now. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => "axe" in window);
  if (!loaded) await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    type AxeResult = {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        helpUrl: string;
        nodes: { target: unknown[]; html: string }[];
      }[];
    };
    const axe = (window as unknown as { axe: { run(context: Document, options: unknown): Promise<AxeResult> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: tags } });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      helpUrl: violation.helpUrl,
      count: violation.nodes.length,
      targets: violation.nodes.slice(0, 5).map((node) => ({
        selector: node.target.map(String).join(" "),
        html: node.html.slice(0, 200),
      })),
    }));
  }, AXE_TAGS);
}

/** The violations as lines a developer can act on: rule, impact, help, where. */
export function describeViolations(label: string, violations: AxeViolation[]): string {
  if (violations.length === 0) return `${label}: no violation`;
  const lines = violations.flatMap((violation) => [
    `  - ${violation.id} (${violation.impact ?? "no impact"}): ${violation.help} [${violation.count} element${
      violation.count === 1 ? "" : "s"
    }] ${violation.helpUrl}`,
    ...violation.targets.map((target) => `      ${target.selector}  ${target.html.replace(/\s+/g, " ")}`),
  ]);
  return [`${label}: ${violations.length} violation${violations.length === 1 ? "" : "s"}`, ...lines].join("\n");
}
