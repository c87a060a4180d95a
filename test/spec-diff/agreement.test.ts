/**
 * Agreement with a general OpenAPI breaking-change checker (oasdiff's view,
 * on pairs of our own): on the changes it treats as errors spec:diff must find
 * something breaking, on the ones it treats as fine nothing breaking, each
 * with the expected rule. Where a TypeScript caller's view differs on purpose
 * the pair says why, and the test holds spec:diff to that documented verdict.
 * The rates are printed in the test names (goal: >= 95% on errors, <= 5%
 * false breaking alarms on fine changes).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { diffSpecs } from "../../scripts/lib/diff/classify.js";
import { fixtureDir, type PatchOp, patch, withField } from "./fixture.js";

interface Pair {
  name: string;
  expect: "error" | "fine";
  rule: string;
  ours?: "breaking" | "not-breaking";
  why?: string;
  base?: PatchOp[];
  head?: PatchOp[];
  side?: "request" | "response";
  before?: unknown;
  after?: unknown;
}

const pairs = parse(readFileSync(join(fixtureDir, "agreement.yaml"), "utf8")) as Pair[];

function judge(p: Pair) {
  const [base, head] = p.side ? [withField(p.side, p.before), withField(p.side, p.after)] : [patch(p.base), patch(p.head)];
  const changes = diffSpecs(base, head).changes;
  const breaking = changes.some((c) => c.impact === "breaking");
  const generalView = p.expect === "error";
  const agrees = p.ours ? breaking === (p.ours === "breaking") : breaking === generalView;
  return { breaking, rules: changes.map((c) => c.rule), agrees, documented: p.ours !== undefined };
}

// Judged inside the tests, not while the file is collected: work done at collection would make every
// line of the engine "static" to Stryker's per-test coverage (each mutant would then run every test).
let judged: Array<{ pair: Pair } & ReturnType<typeof judge>> | undefined;
const verdicts = () => (judged ??= pairs.map((p) => ({ pair: p, ...judge(p) })));
const rate = (kind: Pair["expect"]) => {
  const some = verdicts().filter((v) => v.pair.expect === kind);
  return { n: some.length, agreed: some.filter((v) => v.agrees).length, documented: some.filter((v) => v.documented).length, breaking: some.filter((v) => v.breaking).length };
};
const pct = (a: number, n: number) => `${((100 * a) / n).toFixed(1)}%`;

describe("spec:diff against a general checker's verdicts", () => {
  it("agrees on >= 95% of error changes; false breaking alarms on <= 5% of fine changes (the rates are annotated)", async ({ annotate }) => {
    const errors = rate("error");
    const fine = rate("fine");
    await annotate(
      `agrees on ${pct(errors.agreed, errors.n)} of ${errors.n} error changes (${pct(errors.breaking, errors.n)} before counting ${errors.documented} documented TypeScript-view difference(s)); ` +
        `false breaking alarms on ${pct(fine.breaking - fine.documented, fine.n)} of ${fine.n} fine changes (${pct(fine.breaking, fine.n)} before counting ${fine.documented} documented)`,
    );
    expect(errors.n).toBeGreaterThanOrEqual(40);
    expect(fine.n).toBeGreaterThanOrEqual(30);
    expect(errors.agreed / errors.n).toBeGreaterThanOrEqual(0.95);
    expect((fine.breaking - fine.documented) / fine.n).toBeLessThanOrEqual(0.05);
  });

  it.each(pairs.map((p) => [p.name, p] as const))("%s", (_name, pair) => {
    const v = { pair, ...judge(pair) };
    expect(v.rules).toContain(v.pair.rule);
    expect({ agrees: v.agrees, breaking: v.breaking }).toEqual({ agrees: true, breaking: v.pair.ours ? v.pair.ours === "breaking" : v.pair.expect === "error" });
    if (v.pair.ours) expect(v.pair.why, "a documented difference says why").toMatch(/^.{40,}$/);
  });
});
