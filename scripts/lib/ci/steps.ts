// scripts/lib/ci/: the pull-request gate: its steps and what each failure asks of the author. May import from scripts/lib: shared, spec, diff, release.
/**
 * The pull-request gate as data. `npm run ci:pr` runs every check below (and
 * the in-process ones of gate.ts) even after one fails, then prints one list
 * of what is missing, each with the command that fixes it. The workflow
 * (.github/workflows/pull-request.yml) runs `npm run ci:pr -- --full` itself,
 * so the two cannot drift apart; test/ci/pull-request.test.ts checks the
 * names below are the ones the workflow uses.
 */
export interface CiStep {
  title: string;
  script: string;
  args: string[];
  /** What is missing when it fails, and the command that fixes it. */
  problem: string;
  fix: string;
}

/** The workflow's ci:pr arguments: every test, not only the ones a change can affect. */
export const WORKFLOW_CI_PR_ARGS = ["--full"];
/** The pull-request label that accepts an intended breaking change. */
export const BREAKING_LABEL = "breaking-change";
/** The variable the workflow sets to "true" when the pull request has that label. */
export const BREAKING_LABEL_ENV = "BREAKING_CHANGE_LABEL";
/** The file spec:diff's Markdown report is written to on GitHub, posted as a pull-request comment. */
export const SPEC_DIFF_COMMENT_FILE = "spec-diff.md";

/** The npm scripts ci:pr runs before its own checks. */
export function ciSteps(options: { githubActions?: boolean } = {}): CiStep[] {
  return [
    {
      title: "lint the spec",
      script: "lint:spec",
      // On GitHub the problems become annotations on the changed lines.
      args: options.githubActions ? ["--format", "github-actions"] : [],
      problem:
        "the spec has lint problems (listed above; scripts/lint/RULES.md explains each rule)",
      fix: "fix them in spec/, then `npm run generate`",
    },
    {
      title: "generated/ matches the spec",
      script: "check:drift",
      args: [],
      problem: "generated/ is not what the spec produces (never edit it by hand)",
      fix: "`npm run generate`, then commit spec/ and generated/ together",
    },
  ];
}
