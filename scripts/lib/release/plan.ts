/**
 * `npm run release`'s work, without the command line: from main's version and
 * a bump, the new content of every file that holds the version (package.json,
 * both fields of package-lock.json, src/version.ts, CHANGELOG.md and the API
 * report), then all of them written as one step.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { git } from "../diff/git.js";
import { API_REPORT_PATH, apiReport } from "./api-report.js";
import { adviseBump, type Bump, nextVersion } from "./bump.js";
import { releaseChangelog } from "./changelog.js";
import {
  setLockVersion,
  setPackageVersion,
  setVersionTs,
  VERSION_FILES,
  type WriteFs,
  writeAll,
} from "./files.js";
import type { SpecDiffReport } from "./spec-diff-json.js";

export class ReleaseError extends Error {
  override name = "ReleaseError";
}

/** The merge base of HEAD with main (or origin/main); undefined when there is no main. */
export async function mergeBaseWithMain(
  root: string,
): Promise<{ commit: string; main: string } | undefined> {
  for (const main of ["main", "origin/main"]) {
    if ((await git(["rev-parse", "--verify", "--quiet", `${main}^{commit}`], root)).code !== 0)
      continue;
    const base = await git(["merge-base", "HEAD", main], root);
    if (base.code !== 0 || !base.stdout) {
      throw new ReleaseError(
        `HEAD and ${main} have no merge base in this clone: run \`git fetch --unshallow origin main\`.`,
      );
    }
    return { commit: base.stdout, main };
  }
  return undefined;
}

/** The version in package.json at the merge base of HEAD and main (main itself when HEAD is on main). */
export async function baseVersion(root: string): Promise<{ version: string; ref: string }> {
  const base = await mergeBaseWithMain(root);
  if (!base)
    throw new ReleaseError(
      "No `main` branch in this clone, so no version to bump from: run `git fetch origin main`.",
    );
  const pkg = await git(["show", `${base.commit}:package.json`], root);
  const version =
    pkg.code === 0 ? (JSON.parse(pkg.stdout) as { version?: string }).version : undefined;
  if (!version)
    throw new ReleaseError(
      `package.json at ${base.commit.slice(0, 10)} (merge base with ${base.main}) has no version.`,
    );
  return { version, ref: `merge base with ${base.main} (${base.commit.slice(0, 10)})` };
}

export interface ReleaseInput {
  root: string;
  /** The bump asked for; undefined: the one spec:diff's changes call for. */
  bump?: Bump;
  report?: SpecDiffReport;
  /** main's version. */
  from: string;
  /** YYYY-MM-DD */
  date: string;
  /** Why a breaking change is intended (written as a `BREAKING:` line). */
  breaking?: string;
}

export interface ReleasePlan {
  bump: Bump;
  version: string;
  /** Absolute path -> new content. */
  files: Map<string, string>;
}

export async function planRelease(input: ReleaseInput): Promise<ReleasePlan> {
  const { root, report, from, date } = input;
  const advised = report ? adviseBump(report.summary, from) : "none";
  const bump = input.bump ?? advised;
  if (bump === "none") {
    throw new ReleaseError(
      `spec:diff finds no change a user can notice since ${from}, so it suggests no bump: name one, e.g. \`npm run release -- patch\`.`,
    );
  }
  const version = nextVersion(from, bump);
  const path = (rel: string) => join(root, rel);
  const read = (rel: string) => readFile(path(rel), "utf8");
  const pkgText = await read(VERSION_FILES.packageJson);
  const repository = (JSON.parse(pkgText) as { repository?: { url?: string } }).repository?.url;
  const versionTs = setVersionTs(await read(VERSION_FILES.versionTs), version);
  const files = new Map<string, string>([
    [path(VERSION_FILES.packageJson), setPackageVersion(pkgText, version)],
    [
      path(VERSION_FILES.packageLock),
      setLockVersion(await read(VERSION_FILES.packageLock), version),
    ],
    [path(VERSION_FILES.versionTs), versionTs],
    [
      path(VERSION_FILES.changelog),
      releaseChangelog(await read(VERSION_FILES.changelog), {
        version,
        previous: from,
        date,
        report,
        breaking: input.breaking,
        repository,
      }),
    ],
  ]);
  // The snapshots that hold the version, made from the new src/version.ts before anything is written.
  if (
    await readFile(path(API_REPORT_PATH)).then(
      () => true,
      () => false,
    )
  ) {
    files.set(
      path(API_REPORT_PATH),
      apiReport(root, { overrides: new Map([[path(VERSION_FILES.versionTs), versionTs]]) }),
    );
  }
  return { bump, version, files };
}

/** Writes the plan all or nothing; returns the files written, relative to the root. */
export async function applyRelease(
  root: string,
  plan: ReleasePlan,
  fs?: WriteFs,
): Promise<string[]> {
  const written = await writeAll(plan.files, fs);
  return written.map((p) =>
    p
      .slice(root.length + 1)
      .split("\\")
      .join("/"),
  );
}
