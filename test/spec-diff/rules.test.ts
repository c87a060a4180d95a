/**
 * The rule table itself: stable kebab-case ids, a reason for every breaking
 * rule and only for those, plain-text messages (the JSON report carries them),
 * and docs/spec-diff-rules.md equal to the table.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { rulesMarkdown } from "../../scripts/lib/diff/rules-doc.js";
import { constraintRule, constraints, ruleOf, ruleTable } from "../../scripts/lib/diff/rules.js";
import { repoRoot } from "../helpers/run.js";

describe("spec:diff's rule table", () => {
  it("has kebab-case ids, a reason exactly for breaking rules, one-line plain messages", () => {
    for (const rule of ruleTable().values()) {
      expect(rule.id, rule.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(rule.reason !== null, rule.id).toBe(rule.impact === "breaking");
      expect(rule.message, rule.id).toMatch(/^[a-z][^`\n]*[^.\s]$/);
    }
  });

  it("names each constraint rule by side and direction, with the level the direction calls for", () => {
    const maxLength = constraints().find((c) => c.keyword === "maxLength");
    if (!maxLength) throw new Error("maxLength is not in CONSTRAINTS");
    expect(constraintRule("request", maxLength, true)).toBe("request-max-length-decreased");
    expect(constraintRule("response", maxLength, false)).toBe("response-max-length-increased");
    for (const c of constraints()) {
      expect([ruleOf(constraintRule("request", c, true)).impact, ruleOf(constraintRule("request", c, true)).reason], c.keyword).toEqual(["breaking", "requests"]);
      expect(ruleOf(constraintRule("request", c, false)).impact, c.keyword).toBe("non-breaking");
      expect(ruleOf(constraintRule("response", c, true)).impact, c.keyword).toBe("non-breaking");
      expect(ruleOf(constraintRule("response", c, false)).impact, c.keyword).toBe("warning");
    }
  });

  it("refuses a rule id it does not list, saying where to add it", () => {
    expect(() => ruleOf("request-made-up")).toThrow("spec:diff has no rule request-made-up: add it to scripts/lib/diff/rules.ts");
  });

  it("is what docs/spec-diff-rules.md lists (regenerate: npm run spec:diff -- --rules > docs/spec-diff-rules.md)", () => {
    expect(readFileSync(join(repoRoot, "docs/spec-diff-rules.md"), "utf8")).toBe(rulesMarkdown());
  });
});
