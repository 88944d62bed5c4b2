import { describe, expect, it } from "vitest";
import rawConsultation from "../../src/content/consultation.json" with { type: "json" };
import { consultation, findQuestion, findTheme, themes, visits } from "../../src/domain/consultation";
import { consultationSchema } from "../../src/domain/consultation.schema";
import { visitsSchema } from "../../src/domain/visit.schema";

describe("consultation content", () => {
  it("has 5 to 7 themes of 3 to 5 questions each", () => {
    expect(themes.length).toBeGreaterThanOrEqual(5);
    expect(themes.length).toBeLessThanOrEqual(7);
    for (const theme of themes) {
      expect(theme.questions.length, theme.id).toBeGreaterThanOrEqual(3);
      expect(theme.questions.length, theme.id).toBeLessThanOrEqual(5);
    }
  });

  it("uses ids that are unique across themes and questions", () => {
    const themeIds = themes.map((theme) => theme.id);
    const questionIds = themes.flatMap((theme) => theme.questions.map((question) => question.id));
    expect(new Set(themeIds).size).toBe(themeIds.length);
    expect(new Set(questionIds).size).toBe(questionIds.length);
  });

  it("runs from 12 April to 15 June 2018 in Europe/Paris", () => {
    expect(consultation).toMatchObject({ opensOn: "2018-04-12", closesOn: "2018-06-15", timeZone: "Europe/Paris" });
  });

  it("finds a question only inside its own theme", () => {
    const [first, second] = themes;
    if (!first || !second) throw new Error("the content needs two themes");
    const question = first.questions[0];
    if (!question) throw new Error("the first theme needs a question");
    expect(findTheme(first.id)).toBe(first);
    expect(findQuestion(first.id, question.id)).toBe(question);
    expect(findQuestion(second.id, question.id)).toBeUndefined();
    expect(findQuestion("theme-inconnu", question.id)).toBeUndefined();
  });

  it("lists at least three field visits in date order", () => {
    expect(visits.length).toBeGreaterThanOrEqual(3);
    const days = visits.map((visit) => visit.startsOn);
    expect(days).toEqual([...days].sort());
  });
});

describe("consultation schema", () => {
  const valid = structuredClone(rawConsultation);

  it("accepts the shipped content", () => {
    expect(consultationSchema.safeParse(valid).success).toBe(true);
  });

  it("refuses a theme without questions", () => {
    const broken = structuredClone(valid);
    broken.themes[0]!.questions = [];
    const result = consultationSchema.safeParse(broken);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["themes", 0, "questions"]);
  });

  it("refuses a question id used twice, naming it", () => {
    const broken = structuredClone(valid);
    broken.themes[1]!.questions[0]!.id = broken.themes[0]!.questions[0]!.id;
    const result = consultationSchema.safeParse(broken);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message).join()).toContain(
      `duplicate id "${broken.themes[0]!.questions[0]!.id}"`,
    );
  });

  it("refuses an id that cannot live in a URL", () => {
    const broken = structuredClone(valid);
    broken.themes[0]!.id = "Modèles économiques";
    expect(consultationSchema.safeParse(broken).success).toBe(false);
  });

  it("refuses a closing day before the opening day and an unknown time zone", () => {
    const broken = { ...structuredClone(valid), closesOn: "2018-04-01", timeZone: "Europe/Atlantis" };
    const paths = consultationSchema.safeParse(broken).error?.issues.map((issue) => issue.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["closesOn", "timeZone"]));
  });

  it("refuses visits that end before they start or share an id", () => {
    const visit = { ...visits[0]! };
    expect(visitsSchema.safeParse([{ ...visit, endsOn: "2018-01-01" }]).success).toBe(false);
    expect(visitsSchema.safeParse([visit, visit]).success).toBe(false);
    expect(visitsSchema.safeParse([visit]).success).toBe(true);
  });
});
