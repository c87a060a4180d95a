/** docs/spec-diff-rules.md, written from the rule table (`npm run spec:diff -- --rules`); a test keeps the file equal to it. */
import { constraints, ruleTable } from "./rules.js";

export function rulesMarkdown(): string {
  const rules = [...ruleTable().values()];
  const count = (impact: string) => rules.filter((r) => r.impact === impact).length;
  return [
    "# spec:diff rules",
    "",
    "Every change `npm run spec:diff` reports is one of these rules, judged by what it does to a",
    "TypeScript caller of this client. Written from `scripts/lib/diff/rules.ts` by",
    "`npm run spec:diff -- --rules > docs/spec-diff-rules.md` (a test keeps this file equal to the table).",
    "",
    "- **breaking / types**: code that compiled against the old client no longer compiles.",
    "- **breaking / requests**: it still compiles, but the server now refuses the call or answers it differently.",
    "- **breaking / responses**: a value the caller read can no longer be read.",
    "- **warning**: behaviour may change, nothing is refused. **non-breaking**: an addition or a widening. **docs**: text only.",
    "",
    "Side matters: a request may widen (accept more) safely, a response may narrow (send less) safely. `integer` to",
    "`number` is the same TypeScript `number`: widening a request that way is non-breaking, in a response it is a",
    "warning (values may become fractional). Validation keywords (" + constraints().map((c) => c.keyword).join(", ") + ")",
    "are compared direction-aware: tightened on a request is breaking/requests, loosened on a response a warning.",
    "An enum is open with `x-open-enum: true` or as `x-extensible-enum`. In 4xx, 5xx and `default` responses a",
    "change that would break a success body is reported as `response-error-body-changed` (warning).",
    "",
    `${rules.length} rules: ${count("breaking")} breaking, ${count("warning")} warning, ${count("non-breaking")} non-breaking, ${count("docs")} docs.`,
    "",
    "| rule | level | reason | what it means for a caller |",
    "| --- | --- | --- | --- |",
    ...rules.map((r) => `| \`${r.id}\` | ${r.impact} | ${r.reason ?? ""} | ${r.message.replace(/\|/g, "\\|")} |`),
    "",
  ].join("\n");
}
