/**
 * Which test files a change can affect, for `npm run ci:pr` on a
 * maintainer's machine (the workflow runs them all with `--full`).
 *
 * A change that touches only the spec and what follows from it (generated/,
 * the version files, the changelog, the docs, spec/AUDIT.md, the API report)
 * cannot change how the hand-written client behaves: only the tests that read
 * the spec, the generated table or the public types can go red. Any other
 * change (src/, scripts/, test/, configuration, dependencies) runs them all.
 */
import { git } from "../diff/git.js";

/** The tests a spec-only change can turn red. */
export const SPEC_CHANGE_TESTS = [
  "test/spec/audit.test.ts",
  "test/spec/conformance-exceptions.test.ts",
  "test/spec/examples.test.ts",
  "test/spec/spec-text.test.ts",
  "test/spec/spec-validator.test.ts",
  "test/client/every-operation.test.ts",
  "test/client/operation-table.test.ts",
  "test/readme.test.ts",
  "test/typecheck/project.test.ts",
];

/** Paths a spec-only change may touch (package.json and the lock: only their version, checked apart). */
const SPEC_ONLY: readonly RegExp[] = [
  /^spec\//,
  /^generated\/(?!connectors\/)/,
  /^src\/version\.ts$/,
  /^CHANGELOG\.md$/,
  /^README\.md$/,
  /^docs\//,
  /^test\/surface\/__snapshots__\//,
  /^package(-lock)?\.json$/,
];

export interface TestSelection {
  /** Test files to run; "all" for the whole unit suite. */
  files: string[] | "all";
  why: string;
}

/** The selection for these changed paths; `versionOnly` says whether package.json and its lock differ in their version only. */
export function selectTests(changed: readonly string[], versionOnly: boolean): TestSelection {
  const other = changed.filter(
    (path) =>
      !SPEC_ONLY.some((re) => re.test(path)) ||
      (/^package(-lock)?\.json$/.test(path) && !versionOnly),
  );
  if (other.length) {
    const shown =
      other.slice(0, 3).join(", ") + (other.length > 3 ? `, and ${other.length - 3} more` : "");
    return { files: "all", why: `the change touches more than the spec (${shown}): every test` };
  }
  return {
    files: SPEC_CHANGE_TESTS,
    why: `a spec-only change (${changed.length} file(s)): the ${SPEC_CHANGE_TESTS.length} test files that read the spec, the operation table or the types`,
  };
}

/** Files that differ between `base` and the working tree (committed, staged, unstaged and untracked). */
export async function changedFiles(root: string, base: string): Promise<string[]> {
  const diff = await git(["diff", "--name-only", base], root);
  const untracked = await git(["ls-files", "--others", "--exclude-standard"], root);
  // node_modules may be a symlink (worktrees, temporary clones), which `node_modules/` in .gitignore does not match.
  const files = [...diff.stdout.split("\n"), ...untracked.stdout.split("\n")].filter(
    (f) => f && f !== "node_modules",
  );
  return [...new Set(files)].sort();
}

/** Whether package.json and package-lock.json differ from `base` in their version fields only. */
export async function versionOnlyChange(
  root: string,
  base: string,
  read: (rel: string) => Promise<string>,
): Promise<boolean> {
  for (const file of ["package.json", "package-lock.json"]) {
    const before = await git(["show", `${base}:${file}`], root);
    if (before.code !== 0) return false;
    const strip = (text: string) => {
      const data = JSON.parse(text) as {
        version?: string;
        packages?: Record<string, { version?: string }>;
      };
      delete data.version;
      if (data.packages?.[""]) delete data.packages[""].version;
      return JSON.stringify(data);
    };
    if (strip(before.stdout) !== strip(await read(file))) return false;
  }
  return true;
}
