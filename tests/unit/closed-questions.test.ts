/**
 * Closed questions, without a database: how the content declares them
 * (consultation.schema.ts), what an answer must carry (choice-answer.schema.ts,
 * the one schema of the form and the function), how the pages turn the
 * summary's counts into rows (choice-results.ts), and their open data table.
 */
import { describe, expect, it } from "vitest";
import { choiceAnswerInputSchema, choiceIssues, scaleLabel } from "../../src/domain/choice-answer.schema";
import { findQuestion, themes } from "../../src/domain/consultation";
import { type Question, questionSchema } from "../../src/domain/consultation.schema";
import { fr } from "../../src/domain/messages.fr";
import { choicesTable, tableCsv, tableRecords, tableSchema } from "../../src/domain/open-data";
import { fieldIssues } from "../../src/domain/validation";
import { toChoiceResults } from "../../src/server/choice-results";
import { choiceSources } from "../../src/server/open-data";

const parseQuestion = (value: unknown) => questionSchema.safeParse(value);
const messages = (value: unknown) => {
  const result = parseQuestion(value);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
};
const options = [
  { id: "un", label: "Premier choix" },
  { id: "deux", label: "Second choix" },
];

describe("a question in the content", () => {
  it("is open by default, so that content written before closed questions keeps working", () => {
    const result = parseQuestion({ id: "une-question", title: "Une question assez longue ?" });
    expect(result.success && result.data.type).toBe("open");
  });

  it("accepts a single or multiple choice with options and « autre », and a scale with its end labels", () => {
    expect(messages({ id: "q", title: "Une question fermée ?", type: "single", options, other: true })).toEqual([]);
    expect(messages({ id: "q", title: "Une question fermée ?", type: "multiple", options })).toEqual([]);
    expect(
      messages({
        id: "q",
        title: "Une échelle de un à cinq ?",
        type: "scale",
        scaleLabels: { min: "Non", max: "Oui" },
      }),
    ).toEqual([]);
  });

  it("refuses what cannot be answered, naming the field and the fix", () => {
    expect(messages({ id: "q", title: "Une question fermée ?", type: "single" })).toEqual([
      'options: a "single" question needs options',
    ]);
    expect(messages({ id: "q", title: "Une question ouverte ?", options })).toEqual([
      "options: only single and multiple questions have options",
    ]);
    expect(messages({ id: "q", title: "Une échelle sans bornes ?", type: "scale" })).toEqual([
      "scaleLabels: a scale question needs scaleLabels { min, max }, and only a scale question has them",
    ]);
    expect(
      messages({
        id: "q",
        title: "Une échelle avec autre ?",
        type: "scale",
        other: true,
        scaleLabels: { min: "a1", max: "b2" },
      }),
    ).toEqual(["other: only single and multiple questions offer « autre »"]);
    expect(
      messages({
        id: "q",
        title: "Une question fermée ?",
        type: "single",
        options: [...options, { id: "autre", label: "Autre" }],
      }),
    ).toEqual(['options: the option id "autre" is reserved: set "other": true instead']);
    expect(
      messages({ id: "q", title: "Une question fermée ?", type: "single", options: [options[0], options[0]] }),
    ).toEqual(['options: duplicate id "un": ids must be unique']);
    expect(messages({ id: "q", title: "Une question fermée ?", type: "single", options: [options[0]] })).toHaveLength(
      1,
    );
  });

  it("gives the default content a single choice, a multiple choice and a scale, within 5 questions a theme", () => {
    const closed = themes.flatMap((theme) => theme.questions.filter((question) => question.type !== "open"));
    expect(closed.map((question) => question.type).sort()).toEqual(["multiple", "scale", "single"]);
    for (const theme of themes) expect(theme.questions.length).toBeLessThanOrEqual(5);
  });
});

const author = { pseudonym: "Camille", profile: "habitant", postalCode: "23000", communeCode: "23096" };
const single = { themeId: "ancrage-territorial", questionId: "principal-frein", ...author };
const issuesOf = (payload: unknown) => {
  const result = choiceAnswerInputSchema.safeParse(payload);
  return result.success ? [] : fieldIssues(result.error);
};

describe("an answer to a closed question", () => {
  it("accepts one known option, several for a multiple choice, a value from 1 to 5 for a scale", () => {
    expect(issuesOf({ ...single, options: ["financement"] })).toEqual([]);
    expect(issuesOf({ ...single, options: ["autre"], otherText: "Le voisinage" })).toEqual([]);
    expect(
      issuesOf({
        ...author,
        themeId: "comprendre-les-tiers-lieux",
        questionId: "services-souhaites",
        options: ["formations", "cafe-convivial"],
      }),
    ).toEqual([]);
    expect(
      issuesOf({ ...author, themeId: "travail-et-emploi", questionId: "utilite-pour-travailler", scale: 1 }),
    ).toEqual([]);
  });

  it("refuses a bad answer with one French message on its field", () => {
    expect(issuesOf({ ...single, options: ["inconnue"] })).toEqual([
      { path: "options", message: fr.choice.unknownOption },
    ]);
    expect(issuesOf({ ...single, options: ["financement", "financement"] })).toEqual([
      { path: "options", message: fr.choice.unknownOption },
    ]);
    expect(issuesOf({ ...single, options: ["financement", "animation"] })).toEqual([
      { path: "options", message: fr.choice.single },
    ]);
    expect(issuesOf({ ...single, scale: 3 })).toContainEqual({ path: "options", message: fr.choice.single });
    expect(
      issuesOf({ ...author, themeId: "travail-et-emploi", questionId: "utilite-pour-travailler", scale: 2.5 }),
    ).toEqual([{ path: "scale", message: fr.choice.scale(1, 5) }]);
    expect(issuesOf({ ...single, options: ["autre"], otherText: "   " })).toEqual([
      { path: "otherText", message: fr.choice.otherText(2, 500) },
    ]);
    expect(issuesOf({ ...single, options: ["autre"], otherText: "x".repeat(501) })).toEqual([
      { path: "otherText", message: fr.choice.otherText(2, 500) },
    ]);
    expect(
      issuesOf({ ...single, themeId: "ancrage-territorial", questionId: "freins-rencontres", options: ["x"] }),
    ).toEqual([{ path: "questionId", message: fr.choice.notClosed }]);
    expect(issuesOf({ ...single, questionId: "services-souhaites", options: ["formations"] })).toEqual([
      { path: "questionId", message: fr.question },
    ]);
  });

  it("says the same thing in the form's own check as in the schema: same paths, same messages", () => {
    const question = findQuestion("ancrage-territorial", "principal-frein") as Question;
    for (const answer of [
      { options: [] },
      { options: ["inconnue"] },
      { options: ["autre"] },
      { options: ["financement"], otherText: "en trop" },
    ]) {
      const payload = { ...single, ...answer };
      const fromSchema = issuesOf(payload).filter((issue) => issue.path !== "pseudonym");
      expect(choiceIssues(question, payload), JSON.stringify(answer)).toEqual(fromSchema);
      expect(fromSchema.length, JSON.stringify(answer)).toBeGreaterThan(0);
    }
  });
});

describe("the results of the closed questions", () => {
  it("list every closed question in the content's order, options with their labels and « Autre » last, zero when unanswered", () => {
    const results = toChoiceResults([
      {
        theme_id: "ancrage-territorial",
        question_id: "principal-frein",
        answers: 3,
        options: [
          { option_id: "financement", answers: 2 },
          { option_id: "autre", answers: 1 },
          { option_id: "retired-option", answers: 7 },
        ],
        scale: [],
        mean: null,
      },
      {
        theme_id: "travail-et-emploi",
        question_id: "utilite-pour-travailler",
        answers: 2,
        options: [],
        scale: [{ value: 5, answers: 2 }],
        mean: 5,
      },
      { theme_id: "retired", question_id: "retired", answers: 4, options: [], scale: [], mean: null },
    ]);
    expect(results.map((question) => question.questionId)).toEqual([
      "services-souhaites",
      "principal-frein",
      "utilite-pour-travailler",
    ]);
    const [services, frein, scale] = results;
    expect(services?.answers).toBe(0);
    expect(frein?.rows.map((row) => [row.id, row.answers])).toEqual([
      ["cout-du-debit", 0],
      ["manque-de-locaux", 0],
      ["financement", 2],
      ["animation", 0],
      ["demande-trop-faible", 0],
      ["autre", 1],
    ]);
    expect(frein?.rows.at(-1)?.label).toBe("Autre");
    expect(frein?.mean).toBeUndefined();
    expect(scale?.rows.map((row) => row.label)).toEqual(["1 (Pas du tout utile)", "2", "3", "4", "5 (Indispensable)"]);
    expect(scale?.rows.map((row) => row.answers)).toEqual([0, 0, 0, 0, 2]);
    expect(scale?.mean).toBe(5);
    expect(scaleLabel(3, undefined)).toBe("3");
  });

  it("reads a summary stored before closed questions existed as none answered", () => {
    expect(toChoiceResults(undefined).every((question) => question.answers === 0)).toBe(true);
  });
});

describe("the choices open data table", () => {
  const sources = choiceSources([
    {
      id: "00000000-0000-4000-8000-000000000301",
      theme_id: "comprendre-les-tiers-lieux",
      question_id: "services-souhaites",
      option_ids: ["bureaux-partages", "autre"],
      scale_value: null,
      profile: "habitant",
      region_code: "75",
      region_name: "Nouvelle-Aquitaine",
      territory_type: "rural",
      // 23:30 UTC is already the next day in Paris.
      created_at: "2018-05-15T23:30:00.000Z",
    },
    {
      id: "00000000-0000-4000-8000-000000000302",
      theme_id: "travail-et-emploi",
      question_id: "utilite-pour-travailler",
      option_ids: [],
      scale_value: 4,
      profile: "salarie",
      region_code: "11",
      region_name: "Île-de-France",
      territory_type: "metropolis",
      created_at: "2018-05-15T08:00:00.000Z",
    },
    {
      id: "00000000-0000-4000-8000-000000000303",
      theme_id: "retired",
      question_id: "retired",
      option_ids: ["x"],
      scale_value: null,
      profile: "habitant",
      region_code: "11",
      region_name: "Île-de-France",
      territory_type: "metropolis",
      created_at: "2018-05-15T08:00:00.000Z",
    },
  ]);

  it("writes one row per answer of a question the content has, with the day in the consultation's zone and no personal column", () => {
    expect(tableRecords(choicesTable, sources)).toEqual([
      {
        id: "00000000-0000-4000-8000-000000000301",
        theme_id: "comprendre-les-tiers-lieux",
        question_id: "services-souhaites",
        option_ids: "bureaux-partages autre",
        scale_value: null,
        profile: "habitant",
        region_code: "75",
        region_name: "Nouvelle-Aquitaine",
        territory_type: "rural",
        answered_on: "2018-05-16",
      },
      {
        id: "00000000-0000-4000-8000-000000000302",
        theme_id: "travail-et-emploi",
        question_id: "utilite-pour-travailler",
        option_ids: null,
        scale_value: 4,
        profile: "salarie",
        region_code: "11",
        region_name: "Île-de-France",
        territory_type: "metropolis",
        answered_on: "2018-05-15",
      },
    ]);
    expect(tableCsv(choicesTable, sources).split("\r\n")[0]).toBe(
      "\uFEFFid,theme_id,question_id,option_ids,scale_value,profile,region_code,region_name,territory_type,answered_on",
    );
  });

  it("publishes a Table Schema whose question enum holds the closed questions only", () => {
    const schema = tableSchema(choicesTable, "https://consultation.example/");
    const question = schema.fields.find((field) => field.name === "question_id");
    expect(question?.constraints.enum?.sort()).toEqual([
      "principal-frein",
      "services-souhaites",
      "utilite-pour-travailler",
    ]);
    expect(schema.fields.find((field) => field.name === "answered_on")?.type).toBe("date");
    expect(schema.fields.map((field) => field.name)).not.toContain("pseudonym");
  });
});
