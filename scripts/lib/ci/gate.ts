/**
 * `npm run ci:pr`'s checks. Each one runs whatever the others found, and adds
 * what is missing to one list, each item with the exact command that fixes
 * it: lint, drift, spec:diff (bad input is said as such, never as a break),
 * the version bump the change calls for (from main's version), the version
 * files agreeing, the CHANGELOG section and its link line, the API report,
 * an AUDIT.md section per operation, and the tests a change can affect.
 */
import { spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { appendFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { API_REPORT_PATH, apiReport } from "../release/api-report.js";
import { adviseBump, type Bump, isBumpedEnough, nextVersion } from "../release/bump.js";
import { acceptsBreaking, changelogProblems } from "../release/changelog.js";
import { statedVersions } from "../release/files.js";
import { baseVersion, mergeBaseWithMain } from "../release/plan.js";
import { runSpecDiff, type SpecDiffReport, type SpecChange } from "../release/spec-diff-json.js";
import { changedFiles, selectTests, versionOnlyChange } from "./select-tests.js";
import { BREAKING_LABEL, ciSteps, SPEC_DIFF_COMMENT_FILE } from "./steps.js";

export interface Problem {
  /** The check that found it. */
  check: string;
  what: string;
  /** The command (or edit) that fixes it. */
  fix: string;
}

export interface GateOptions {
  root: string;
  /** Passed to spec:diff: `--base <ref>`. */
  base?: string;
  /** The break is intended (--allow-breaking, or the pull request's label). */
  allowBreaking: boolean;
  /** Whether the pull request carries the breaking-change label. */
  breakingLabel: boolean;
  githubActions: boolean;
  /** Run every test, not only those the change can affect. */
  full: boolean;
  skipTests: boolean;
  log: (line: string) => void;
}

export interface GateResult {
  problems: Problem[];
  passed: string[];
  report?: SpecDiffReport;
}

const npm = process.platform === "win32" ? "npm.cmd" : "npm";

function runInherit(root: string, command: string, args: string[]): Promise<number> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: root, stdio: "inherit" });
    child.on("error", () => done(127));
    child.on("close", (code) => done(code ?? 1));
  });
}

/** A GitHub workflow command's data, escaped as the runner expects. */
const escapeData = (s: string) =>
  s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

/** spec:diff's changes as GitHub annotations on the spec lines they come from (`::error` for a break not accepted). */
export function annotations(changes: readonly SpecChange[], breakingAccepted: boolean): string[] {
  return changes.flatMap((c) => {
    if (c.impact === "docs") return [];
    const level =
      c.impact === "breaking"
        ? breakingAccepted
          ? "warning"
          : "error"
        : c.impact === "warning"
          ? "warning"
          : "notice";
    const label =
      c.impact === "breaking"
        ? "Breaking change"
        : c.impact === "warning"
          ? "Warning"
          : "Non-breaking change";
    const props = [
      c.file ? `file=${escapeProperty(c.file)}` : "",
      c.file && c.line ? `line=${c.line}` : "",
      `title=${escapeProperty(`${label}: ${c.operationId}`)}`,
    ];
    return [
      `::${level} ${props.filter(Boolean).join(",")}::${escapeData(`${c.where}: ${c.message}`)}`,
    ];
  });
}

/** The operationIds of generated/operations.ts (what the client exposes). */
async function operationIds(root: string): Promise<string[]> {
  const mod = (await import(pathToFileURL(join(root, "generated", "operations.ts")).href)) as {
    operationTable: Record<string, unknown>;
  };
  return Object.keys(mod.operationTable);
}

/** The `## <operationId>` sections of spec/AUDIT.md. */
function auditSections(text: string): Set<string> {
  return new Set([...text.matchAll(/^## (\S+)\s*$/gm)].map((m) => m[1] ?? ""));
}

export async function runGate(options: GateOptions): Promise<GateResult> {
  const { root, log } = options;
  const problems: Problem[] = [];
  const passed: string[] = [];
  const read = (rel: string) => readFile(join(root, rel), "utf8");
  const heading = (title: string, command?: string) =>
    log(`\nci:pr: ${title}${command ? ` (${command})` : ""}`);

  // 0. The tests: most of the gate's time (the type check above all), and independent of the
  // checks below, so they run beside them (on 2 cores the checks would leave one idle); their
  // output is kept and printed in its place, after the checks.
  const tests = options.skipTests ? undefined : await startTests(options, read);
  if (tests) log(`ci:pr: tests and type check started beside the checks (${tests.why})`);

  // 1. The npm-script gates.
  for (const step of ciSteps({ githubActions: options.githubActions })) {
    const command = `npm run ${step.script}${step.args.length ? ` -- ${step.args.join(" ")}` : ""}`;
    heading(step.title, command);
    const code = await runInherit(root, npm, [
      "run",
      "--silent",
      step.script,
      ...(step.args.length ? ["--", ...step.args] : []),
    ]);
    if (code === 0) passed.push(step.title);
    else
      problems.push({
        check: step.title,
        what: `${step.problem} (\`${command}\` exit ${code})`,
        fix: step.fix,
      });
  }

  // 2. spec:diff, while the API report is built in this process.
  heading("API changes for users", "npm run spec:diff -- --json");
  const diffArgs = [
    "--allow-breaking",
    ...(options.base ? ["--base", options.base] : []),
    ...(options.githubActions ? ["--output", SPEC_DIFF_COMMENT_FILE] : []),
  ];
  const diffRun = runSpecDiff(root, diffArgs);
  const reportCheck = await checkApiReport(root);
  const diff = await diffRun;
  const report = diff.report;
  let bump: Bump | undefined;
  let base: { version: string; ref: string } | undefined;
  try {
    base = await baseVersion(root);
  } catch (error) {
    problems.push({
      check: "version",
      what: (error as Error).message,
      fix: "`git fetch origin main`",
    });
  }
  if (!report) {
    const why =
      diff.code === 2
        ? `spec:diff could not read its input: bad input, not a breaking change:\n    ${(diff.stderr.trim() || "(no message)").split("\n").join("\n    ")}`
        : `spec:diff failed (exit ${diff.code}): ${diff.unreadable ?? diff.stderr.trim().split("\n").slice(-5).join("\n    ")}`;
    problems.push({
      check: "API changes for users",
      what: why,
      fix: "the fix spec:diff names above, then `npm run spec:diff`",
    });
  } else {
    const { breaking, warning, nonBreaking, docs } = report.summary;
    log(
      `${breaking} breaking, ${warning} warning, ${nonBreaking} non-breaking, ${docs} documentation change(s) (${report.base} -> ${report.head}).`,
    );
    for (const c of report.changes.filter((c) => c.impact !== "docs"))
      log(
        `- [${c.impact}] \`${c.operationId}\` ${c.where}: ${c.message}${c.file ? ` (${c.file}${c.line ? `:${c.line}` : ""})` : ""}`,
      );
    if (report.changes.length === 0) log("No change a client user can notice.");
    if (base) bump = adviseBump(report.summary, base.version);
  }

  // 3. Versions: the files agree, the bump is enough for the change, the changelog says it.
  heading("version, CHANGELOG, API report, AUDIT.md");
  const [pkgText, lockText, versionTs, changelog] = await Promise.all([
    read("package.json"),
    read("package-lock.json"),
    read("src/version.ts"),
    read("CHANGELOG.md").catch(() => ""),
  ]);
  const stated = statedVersions({ packageJson: pkgText, packageLock: lockText, versionTs });
  const head = stated["package.json"] ?? "0.0.0";
  const releaseCommand = `npm run release -- ${bump && bump !== "none" ? bump : "patch"}`;
  const disagree = Object.entries(stated).filter(([, v]) => v !== head);
  if (disagree.length) {
    problems.push({
      check: "version",
      what: `the version files disagree: package.json says ${head}, ${disagree.map(([file, v]) => `${file} ${v ?? "nothing"}`).join(", ")}`,
      fix: `\`${releaseCommand}\` (writes them all from main's version)`,
    });
  }
  if (base && bump && !isBumpedEnough(base.version, head, bump)) {
    const s = report?.summary;
    const what =
      s && s.breaking
        ? "a breaking change"
        : s && s.nonBreaking
          ? "an addition"
          : "a change users can see";
    problems.push({
      check: "version",
      what: `the change is ${what}, which calls for a ${bump} bump from main's ${base.version} (-> ${nextVersion(base.version, bump)}${base.version.startsWith("0.") && s?.breaking ? ": before 1.0.0 a breaking change bumps the minor" : ""}), but package.json says ${head}`,
      fix: `\`${releaseCommand}\``,
    });
  }
  if (base && head !== base.version) {
    for (const what of changelogProblems(changelog, head))
      problems.push({ check: "CHANGELOG", what, fix: `\`${releaseCommand}\`` });
  }

  // 4. A break: accepted by --allow-breaking, the label, or a BREAKING: line in the version's CHANGELOG section.
  if (report && report.summary.breaking > 0) {
    const byLine = acceptsBreaking(changelog, head);
    const accepted = options.allowBreaking || options.breakingLabel || byLine;
    const how = options.breakingLabel
      ? `the \`${BREAKING_LABEL}\` label`
      : byLine
        ? `the BREAKING: line of CHANGELOG.md's ${head} section`
        : "--allow-breaking";
    if (accepted) log(`The breaking change is accepted as intended (${how}).`);
    else {
      problems.push({
        check: "API changes for users",
        what: `the spec change breaks users of the client (${report.summary.breaking} breaking change(s), listed above) and nothing says it is intended`,
        fix: `undo it, or, if you mean it: \`npm run release -- ${bump ?? "minor"} --breaking "<why>"\` (a BREAKING: line in the CHANGELOG section; on GitHub the \`${BREAKING_LABEL}\` label also accepts it)`,
      });
    }
    if (options.githubActions) {
      await appendFile(
        join(root, SPEC_DIFF_COMMENT_FILE),
        `\n${accepted ? `Accepted as intended (${how}).` : `Not accepted: add a \`BREAKING: <why>\` line to CHANGELOG.md's ${head} section, or the \`${BREAKING_LABEL}\` label.`}\n`,
      ).catch(() => undefined);
    }
    if (options.githubActions) for (const line of annotations(report.changes, accepted)) log(line);
  } else if (report && options.githubActions)
    for (const line of annotations(report.changes, false)) log(line);

  if (reportCheck === "passed") passed.push("API report");
  else if (reportCheck) problems.push(reportCheck);

  // 5. Every operation has its AUDIT.md section (test/spec/audit.test.ts checks what the section says).
  const auditCheck = await checkAudit(root);
  if (auditCheck === "passed") passed.push("AUDIT.md");
  else if (auditCheck) problems.push(auditCheck);

  // 6. The tests the change can affect (all of them with --full), started before the checks above.
  if (tests) {
    const { args, why, run } = tests;
    heading(`tests and type check: ${why}`, `npx ${args.join(" ")}`);
    const { code, output, seconds } = await run;
    process.stdout.write(output);
    log(`(tests and type check: ${seconds.toFixed(1)} s, beside the checks above)`);
    if (code === 0) passed.push("tests and type check");
    else
      problems.push({
        check: "tests",
        what: `tests or the type check fail (listed above; exit ${code})`,
        fix: `fix them; rerun with \`npx ${args.join(" ")}\``,
      });
  }
  return { problems, passed, report };
}

interface TestRun {
  args: string[];
  why: string;
  run: Promise<{ code: number; output: string; seconds: number }>;
}

/** Chooses the test files (all of them with --full) and starts vitest on them, its output kept. */
async function startTests(
  options: GateOptions,
  read: (rel: string) => Promise<string>,
): Promise<TestRun> {
  const { root } = options;
  let files: string[] | "all" = "all";
  let why = "--full: every test";
  if (!options.full) {
    const mergeBase = options.base ?? (await mergeBaseWithMain(root))?.commit;
    if (mergeBase) {
      const changed = await changedFiles(root, mergeBase);
      ({ files, why } = selectTests(
        changed,
        await versionOnlyChange(root, mergeBase, read).catch(() => false),
      ));
    } else why = "no merge base with main: every test";
  }
  const args = [
    "vitest",
    "run",
    "--config",
    "test/vitest.config.ts",
    ...(files === "all" ? [] : files),
  ];
  const started = performance.now();
  // Into a file, not a pipe: the API report check holds this process for seconds at a time,
  // and a full pipe would hold vitest too.
  const folder = await mkdtemp(join(tmpdir(), "airbyte-ci-pr-tests-"));
  const outFile = join(folder, "output.txt");
  const out = openSync(outFile, "w");
  const run = new Promise<{ code: number; output: string; seconds: number }>((done) => {
    const child = spawn(process.platform === "win32" ? "npx.cmd" : "npx", args, {
      cwd: root,
      stdio: ["ignore", out, out],
      // Its colours as if it wrote to this terminal (its output is shown as it is, later).
      env:
        process.stdout.isTTY && !process.env.NO_COLOR
          ? { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? "1" }
          : process.env,
    });
    let finished = false;
    const finish = async (code: number) => {
      if (finished) return;
      finished = true;
      closeSync(out);
      const output = await readFile(outFile, "utf8").catch(() => "");
      await rm(folder, { recursive: true, force: true });
      done({ code, output, seconds: (performance.now() - started) / 1000 });
    };
    child.on("error", () => void finish(127));
    child.on("close", (code) => void finish(code ?? 1));
  });
  return { args, why, run };
}

/** The committed API report against the code: "passed", the problem, or undefined when the repository has no report (a copy made for a test). */
async function checkApiReport(root: string): Promise<Problem | "passed" | undefined> {
  const committed = await readFile(join(root, API_REPORT_PATH), "utf8").catch(() => undefined);
  if (committed === undefined) return undefined;
  let expected: string;
  try {
    expected = apiReport(root);
  } catch (error) {
    return {
      check: "API report",
      what: `the public types do not compile:\n${(error as Error).message.trim()}`,
      fix: "fix the type errors above (`npx tsc -p tsconfig.json --noEmit`)",
    };
  }
  if (expected === committed) return "passed";
  const [a, b] = [committed.split("\n"), expected.split("\n")];
  const first = b.findIndex((line, i) => line !== a[i]);
  return {
    check: "API report",
    what: `the API report (${API_REPORT_PATH}) does not show the current public types (first difference at line ${first + 1}: \`${(b[first] ?? "").trim().slice(0, 80)}\`)`,
    fix: "`npm run test:unit -- test/surface -u`, then review its diff (`npm run release` rewrites it too)",
  };
}

/** Every operation has its spec/AUDIT.md section (test/spec/audit.test.ts checks what it says); undefined without an AUDIT.md. */
async function checkAudit(root: string): Promise<Problem | "passed" | undefined> {
  const audit = await readFile(join(root, "spec", "AUDIT.md"), "utf8").catch(() => undefined);
  if (audit === undefined) return undefined;
  try {
    const sections = auditSections(audit);
    const missing = (await operationIds(root)).filter((id) => !sections.has(id)).sort();
    if (missing.length === 0) return "passed";
    return {
      check: "AUDIT.md",
      what: `spec/AUDIT.md has no section for ${missing.map((id) => `\`${id}\``).join(", ")}`,
      fix: `add \`## ${missing[0]}\` to spec/AUDIT.md (before "Conformance exceptions this audit added"): the \`METHOD /path\` in backticks, the server file and line it rests on (e.g. \`SourcesController.kt:120\`), \`- **Statuses.** Ours: 200.\` and \`- **Spec changed:** ...\` (docs/changing-the-spec.md shows one)`,
    };
  } catch (error) {
    return {
      check: "AUDIT.md",
      what: `cannot read the operations or spec/AUDIT.md: ${(error as Error).message}`,
      fix: "`npm run generate`",
    };
  }
}

/** The one list ci:pr ends with. */
export function formatProblems(problems: readonly Problem[]): string {
  const lines = [`ci:pr: ${problems.length} thing(s) to do before this pull request can merge:`];
  problems.forEach((p, i) =>
    lines.push(`  ${i + 1}. [${p.check}] ${p.what}`, `     fix: ${p.fix}`),
  );
  return lines.join("\n");
}
