// scripts/lib/ci/: the pull-request gate: its steps and what each failure asks of the author. May import from scripts/lib: shared, spec, diff, release.
/**
 * The pull-request gate as data: the npm scripts the workflow
 * (.github/workflows/pull-request.yml) and `npm run ci:pr` both run, in order,
 * each with what to do when it fails.
 */
export interface CiStep {
  title: string;
  script: string;
  args: string[];
  /** A test step (skipped by `ci:pr --skip-tests`) rather than a spec gate. */
  test: boolean;
  onFailure: string;
}

export function ciSteps(options: { diffArgs?: string[]; githubActions?: boolean } = {}): CiStep[] {
  return [
    {
      title: "lint the spec",
      script: "lint:spec",
      // On GitHub the problems become annotations on the changed lines.
      args: options.githubActions ? ["--format", "github-actions"] : [],
      test: false,
      onFailure: "fix the spec problems listed above (each rule is explained in scripts/lint/RULES.md).",
    },
    {
      title: "generated/ matches the spec",
      script: "check:drift",
      args: [],
      test: false,
      onFailure: "generated/ is not what the spec produces: never edit it by hand; run `npm run generate` and commit spec/ and generated/ together.",
    },
    {
      title: "API changes for users",
      script: "spec:diff",
      // On GitHub the report is also written to a file, which the next step posts as a PR comment.
      args: [...(options.diffArgs ?? []), ...(options.githubActions ? ["--output", "spec-diff.md"] : [])],
      test: false,
      onFailure: "the spec change breaks users of the client (see the report above): undo it, or accept it with `--allow-breaking` and bump the major version.",
    },
    // The type check is two of these tests (test/typecheck/), so it is not run again as a step of its own.
    { title: "tests and type check", script: "test:unit", args: [], test: true, onFailure: "fix the failing tests or type errors above." },
  ];
}
