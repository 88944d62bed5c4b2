/**
 * The RGAA 4.1 self-assessment the accessibility statement publishes
 * (src/content/accessibility-audit.json): one entry per criterion of the
 * referential, with its result on the sample of pages and the method used.
 *
 * The conformance rate follows the RGAA's own rule: a criterion is
 * « conforme » when it is met (or not applicable) on every page of the sample
 * and applicable on one at least, « non conforme » when one page fails it,
 * « non applicable » when no page has what it is about; the rate is the
 * share of conforming criteria among the applicable ones.
 */
import { z } from "zod";

/** Criteria per theme of RGAA 4.1 (106 in all): the file must list each one, once. */
export const rgaaThemes = [
  { number: 1, title: "Images", criteria: 9 },
  { number: 2, title: "Cadres", criteria: 2 },
  { number: 3, title: "Couleurs", criteria: 3 },
  { number: 4, title: "Multimédia", criteria: 13 },
  { number: 5, title: "Tableaux", criteria: 8 },
  { number: 6, title: "Liens", criteria: 2 },
  { number: 7, title: "Scripts", criteria: 5 },
  { number: 8, title: "Éléments obligatoires", criteria: 10 },
  { number: 9, title: "Structuration de l'information", criteria: 4 },
  { number: 10, title: "Présentation de l'information", criteria: 14 },
  { number: 11, title: "Formulaires", criteria: 13 },
  { number: 12, title: "Navigation", criteria: 11 },
  { number: 13, title: "Consultation", criteria: 12 },
] as const;

export const auditStatuses = { C: "Conforme", NC: "Non conforme", NA: "Non applicable" } as const;
export type AuditStatus = keyof typeof auditStatuses;

const criterionId = z
  .string()
  .regex(/^(?:[1-9]|1[0-3])\.(?:[1-9]|1[0-4])$/, "a criterion is written theme.number, e.g. 10.11");

const criterionResult = z
  .object({
    id: criterionId,
    /** A short French label of what the criterion checks (the referential has the full text). */
    label: z.string().min(5),
    status: z.enum(["C", "NC", "NA"]),
    /** How it was checked, in French: which tool or test, or which manual inspection. */
    method: z.string().min(10),
    /** Sample pages (paths) that fail it: required when the criterion is not met. */
    failing: z.array(z.string().startsWith("/")).optional(),
    /** What fails, or why it does not apply, in French. */
    note: z.string().min(10).optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.status === "NC" && (!value.failing?.length || !value.note)) {
      ctx.addIssue({ code: "custom", message: `${value.id}: a failed criterion names its pages and what fails` });
    }
    if (value.status !== "NC" && value.failing) {
      ctx.addIssue({ code: "custom", message: `${value.id}: only a failed criterion lists failing pages` });
    }
  });

export const accessibilityAuditSchema = z
  .object({
    referential: z.literal("RGAA 4.1"),
    /** Day of the assessment, YYYY-MM-DD. */
    date: z.iso.date(),
    /** Who assessed: a self-assessment says so. */
    auditor: z.string().min(3),
    /** Browsers, tools and assistive technologies used, in French. */
    environment: z.array(z.string().min(3)).min(1),
    /** The pages assessed: path and French name. */
    sample: z.array(z.object({ path: z.string().startsWith("/"), name: z.string().min(3) }).strict()).min(1),
    criteria: z.array(criterionResult),
    /** Content knowingly left out of the assessment or exempted, in French (may be empty). */
    derogations: z.array(z.object({ title: z.string().min(3), reason: z.string().min(10) }).strict()),
  })
  .strict()
  .superRefine((audit, ctx) => {
    const expected = rgaaThemes.flatMap((theme) =>
      Array.from({ length: theme.criteria }, (_, index) => `${theme.number}.${index + 1}`),
    );
    const listed = audit.criteria.map((criterion) => criterion.id);
    const missing = expected.filter((id) => !listed.includes(id));
    const unknown = listed.filter((id) => !expected.includes(id));
    const repeated = listed.filter((id, index) => listed.indexOf(id) !== index);
    if (missing.length || unknown.length || repeated.length) {
      ctx.addIssue({
        code: "custom",
        message: `the audit must list each of the 106 RGAA 4.1 criteria once (missing: ${missing.join(", ") || "none"}; unknown: ${unknown.join(", ") || "none"}; repeated: ${repeated.join(", ") || "none"})`,
      });
    }
    if (listed.join() !== expected.filter((id) => listed.includes(id)).join()) {
      ctx.addIssue({ code: "custom", message: "the audit lists the criteria in the referential's order" });
    }
    const paths = new Set(audit.sample.map((page) => page.path));
    for (const criterion of audit.criteria) {
      for (const page of criterion.failing ?? []) {
        if (!paths.has(page))
          ctx.addIssue({ code: "custom", message: `${criterion.id}: ${page} is not in the sample` });
      }
    }
  });

export type AccessibilityAudit = z.infer<typeof accessibilityAuditSchema>;
export type CriterionResult = AccessibilityAudit["criteria"][number];

export interface ConformanceSummary {
  conforming: number;
  failing: number;
  notApplicable: number;
  /** conforming / (conforming + failing), as a percentage rounded down to one decimal (never rounded up to 100). */
  rate: number;
}

export function conformance(audit: AccessibilityAudit): ConformanceSummary {
  const count = (status: AuditStatus) => audit.criteria.filter((criterion) => criterion.status === status).length;
  const conforming = count("C");
  const failing = count("NC");
  const applicable = conforming + failing;
  const rate = applicable === 0 ? 0 : Math.floor((conforming / applicable) * 1000) / 10;
  return { conforming, failing, notApplicable: count("NA"), rate };
}

/** « totalement » at 100 %, « partiellement » from 50 %, « non conforme » below (the RGAA's wording). */
export function conformanceLevel(rate: number): "totalement conforme" | "partiellement conforme" | "non conforme" {
  if (rate >= 100) return "totalement conforme";
  return rate >= 50 ? "partiellement conforme" : "non conforme";
}

/** The criteria of one theme, in order. */
export function criteriaOfTheme(audit: AccessibilityAudit, theme: number): CriterionResult[] {
  return audit.criteria.filter((criterion) => criterion.id.startsWith(`${theme}.`));
}
