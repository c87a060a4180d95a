/**
 * A problem in the spec that stops generation. Its message names the file and
 * line of every problem, relative to the working directory, so an editor or a
 * CI log can jump there.
 */
export interface SpecProblem {
  /** File the problem is in, relative to the working directory. */
  file: string;
  line?: number;
  column?: number;
  severity: "error" | "warning";
  /** Lint rule or pipeline step that found it. */
  rule: string;
  message: string;
}

export class SpecError extends Error {
  override readonly name = "SpecError";
  constructor(
    readonly step: string,
    readonly problems: readonly SpecProblem[],
    readonly hint?: string,
  ) {
    super(formatSpecProblems(step, problems, hint));
  }
}

export function formatSpecProblems(
  step: string,
  problems: readonly SpecProblem[],
  hint?: string,
): string {
  const errors = problems.filter((p) => p.severity === "error").length;
  const warnings = problems.length - errors;
  const lines = problems.map((p) => {
    const where = [p.file, p.line, p.column].filter((x) => x !== undefined).join(":");
    return `  ${where}  ${p.severity}  ${p.message}  [${p.rule}]`;
  });
  const head = `${step} failed: ${errors} error(s), ${warnings} warning(s)`;
  return [head, ...lines, ...(hint ? [hint] : [])].join("\n");
}
