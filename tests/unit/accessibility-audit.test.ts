import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import auditFile from "../../src/content/accessibility-audit.json" with { type: "json" };
import {
  type AccessibilityAudit,
  accessibilityAuditSchema,
  conformance,
  conformanceLevel,
  rgaaThemes,
} from "../../src/domain/accessibility-audit";

const root = resolve(import.meta.dirname, "../..");
const audit = accessibilityAuditSchema.parse(auditFile);

/** A minimal valid audit: every criterion not applicable, then the given results. */
function auditWith(results: Record<string, "C" | "NC">): AccessibilityAudit {
  const criteria = rgaaThemes.flatMap((theme) =>
    Array.from({ length: theme.criteria }, (_, index) => {
      const id = `${theme.number}.${index + 1}`;
      const status = results[id] ?? "NA";
      return {
        id,
        label: `Critère ${id}`,
        status,
        method: "Inspection manuelle",
        ...(status === "NC" ? { failing: ["/"], note: "Un défaut sur l'accueil." } : {}),
      };
    }),
  );
  return accessibilityAuditSchema.parse({ ...audit, criteria });
}

describe("the RGAA 4.1 self-assessment", () => {
  it("lists the 106 criteria of RGAA 4.1, once each, in order", () => {
    expect(rgaaThemes.reduce((sum, theme) => sum + theme.criteria, 0)).toBe(106);
    expect(audit.criteria).toHaveLength(106);
    const withoutOne = { ...auditFile, criteria: auditFile.criteria.filter((criterion) => criterion.id !== "10.11") };
    expect(accessibilityAuditSchema.safeParse(withoutOne).error?.message).toMatch(/missing: 10\.11/);
    const shuffled = { ...auditFile, criteria: [...auditFile.criteria].reverse() };
    expect(accessibilityAuditSchema.safeParse(shuffled).error?.message).toMatch(/order/);
  });

  it("names the pages and the defect of every failed criterion, and only sample pages", () => {
    const failed = audit.criteria.find((criterion) => criterion.status !== "NC");
    const bare = {
      ...auditFile,
      criteria: auditFile.criteria.map((criterion) =>
        criterion.id === failed?.id ? { ...criterion, status: "NC", failing: undefined, note: undefined } : criterion,
      ),
    };
    expect(accessibilityAuditSchema.safeParse(bare).success).toBe(false);
    const elsewhere = {
      ...auditFile,
      criteria: auditFile.criteria.map((criterion) =>
        criterion.id === failed?.id
          ? { ...criterion, status: "NC", failing: ["/pas-dans-l-echantillon/"], note: "Un défaut ailleurs." }
          : criterion,
      ),
    };
    expect(accessibilityAuditSchema.safeParse(elsewhere).error?.message).toMatch(/not in the sample/);
  });

  it("computes the rate as the RGAA does: conforming out of applicable, not applicable ones left out", () => {
    expect(conformance(auditWith({ "1.1": "C", "1.2": "C", "1.3": "NC" }))).toEqual({
      conforming: 2,
      failing: 1,
      notApplicable: 103,
      rate: 66.6,
    });
    // Rounded down: one fault in 106 criteria is 99.05 %, shown as 99 %, never as 100 %.
    const almost = Object.fromEntries(
      audit.criteria.map((criterion, index) => [criterion.id, index === 0 ? "NC" : "C"]),
    );
    expect(conformance(auditWith(almost as Record<string, "C" | "NC">)).rate).toBe(99);
    expect(conformanceLevel(100)).toBe("totalement conforme");
    expect(conformanceLevel(99.9)).toBe("partiellement conforme");
    expect(conformanceLevel(50)).toBe("partiellement conforme");
    expect(conformanceLevel(49.9)).toBe("non conforme");
  });

  it("cites only tests that exist, and the browser test checks each criterion that cites it", () => {
    const checked = criteriaNamedIn(readFileSync(resolve(root, "tests/e2e/rgaa.test.ts"), "utf8"));
    for (const criterion of audit.criteria) {
      for (const file of criterion.method.match(/tests\/[\w/.-]+\.test\.tsx?/g) ?? []) {
        expect(existsSync(resolve(root, file)), `${criterion.id} cites ${file}`).toBe(true);
      }
      if (criterion.method.includes("tests/e2e/rgaa.test.ts")) {
        const theme = criterion.id.split(".")[0];
        expect(
          checked.has(criterion.id) || checked.has(`${theme}.x`),
          `${criterion.id} cites tests/e2e/rgaa.test.ts, which must name it`,
        ).toBe(true);
      }
    }
  });
});

/** Criteria a test file names: « 10.7 », « 4.x », ranges such as « 12.7–12.9 ». */
function criteriaNamedIn(source: string): Set<string> {
  const named = new Set<string>();
  for (const match of source.matchAll(/\b(\d{1,2})\.(\d{1,2}|x)(?:–\1\.(\d{1,2}))?\b/g)) {
    const [, theme, first, last] = match;
    if (first === "x" || !last) named.add(`${theme}.${first}`);
    else for (let number = Number(first); number <= Number(last); number += 1) named.add(`${theme}.${number}`);
  }
  return named;
}
