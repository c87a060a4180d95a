// scripts/lib/release/: versions and releases: the bump a change calls for, the release command's steps. May import from scripts/lib: shared, spec, diff.
/**
 * The version bump a change calls for, in one place: spec:diff, ci:pr and
 * `npm run release` all ask this module, so the advice is the same everywhere.
 *
 * Semver's rule before 1.0.0: anything may change in a minor, so a breaking
 * change bumps the minor (0.4.2 -> 0.5.0) and an addition bumps the patch
 * (0.4.2 -> 0.4.3). From 1.0.0 on: breaking -> major, addition -> minor,
 * anything else a user can see (documentation, warnings) -> patch.
 *
 * The advice is computed from the version on the base branch (main), never
 * from the working tree: a tree whose package.json is already bumped gets the
 * same advice as before the bump, and `isBumpedEnough` tells whether it is.
 */

/** What the change does, as spec:diff counts it. */
export interface ChangeCounts {
  breaking: number;
  warning: number;
  nonBreaking: number;
  docs: number;
}

/** An argument of `npm version` / `npm run release`. */
export type Bump = "major" | "minor" | "patch" | "none";

interface Semver {
  major: number;
  minor: number;
  patch: number;
}

function parse(version: string): Semver {
  const m = /^(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(version.trim());
  if (!m)
    throw new Error(
      `"${version}" is not a semver version (expected MAJOR.MINOR.PATCH, e.g. 0.4.2)`,
    );
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) };
}

/** The bump for these changes, starting from `baseVersion` (the version on main). */
export function adviseBump(counts: ChangeCounts, baseVersion: string): Bump {
  const { major } = parse(baseVersion);
  if (counts.breaking > 0) return major === 0 ? "minor" : "major";
  if (counts.nonBreaking > 0) return major === 0 ? "patch" : "minor";
  if (counts.warning > 0 || counts.docs > 0) return "patch";
  return "none";
}

/** `version` after `bump` (what `npm version <bump>` would write). */
export function nextVersion(version: string, bump: Bump): string {
  const v = parse(version);
  if (bump === "none") return `${v.major}.${v.minor}.${v.patch}`;
  if (bump === "major") return `${v.major + 1}.0.0`;
  if (bump === "minor") return `${v.major}.${v.minor + 1}.0`;
  return `${v.major}.${v.minor}.${v.patch + 1}`;
}

function compare(a: Semver, b: Semver): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/** Whether `headVersion` is at least `baseVersion` bumped by `bump`. */
export function isBumpedEnough(baseVersion: string, headVersion: string, bump: Bump): boolean {
  return compare(parse(headVersion), parse(nextVersion(baseVersion, bump))) >= 0;
}
