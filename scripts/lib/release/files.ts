/**
 * The files that hold the package's version, and writing a set of files as
 * one step: every new content is staged beside its target first, then all are
 * renamed into place; if anything fails, every file is put back as it was.
 */
import * as fsPromises from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/** Where the version lives, relative to the repository root. */
export const VERSION_FILES = {
  packageJson: "package.json",
  packageLock: "package-lock.json",
  versionTs: "src/version.ts",
  changelog: "CHANGELOG.md",
} as const;

export class VersionFileError extends Error {
  override name = "VersionFileError";
}

/** package.json with `version` set, the rest of its text untouched. */
export function setPackageVersion(text: string, version: string): string {
  const pattern = /^(\s*"version"\s*:\s*")[^"]*(")/m;
  if (!pattern.test(text)) throw new VersionFileError('package.json has no "version" field.');
  return text.replace(pattern, `$1${version}$2`);
}

/** package-lock.json with both version fields set (the top-level one and `packages[""]`'s). */
export function setLockVersion(text: string, version: string): string {
  const lock = JSON.parse(text) as {
    version?: string;
    packages?: Record<string, { version?: string }>;
  };
  if (typeof lock.version !== "string" || typeof lock.packages?.[""]?.version !== "string") {
    throw new VersionFileError(
      'package-lock.json lacks "version" or packages[""].version: run `npm install --package-lock-only` once.',
    );
  }
  lock.version = version;
  const root = lock.packages[""];
  root.version = version;
  return `${JSON.stringify(lock, null, 2)}\n`;
}

const VERSION_TS = /^(export const VERSION = ")[^"]*(";)$/m;

/** src/version.ts with VERSION set. */
export function setVersionTs(text: string, version: string): string {
  if (!VERSION_TS.test(text))
    throw new VersionFileError('src/version.ts has no `export const VERSION = "...";` line.');
  return text.replace(VERSION_TS, `$1${version}$2`);
}

/** Every version the repository states, to tell which disagree. */
export function statedVersions(files: {
  packageJson: string;
  packageLock: string;
  versionTs: string;
}): Record<string, string | undefined> {
  const lock = JSON.parse(files.packageLock) as {
    version?: string;
    packages?: Record<string, { version?: string }>;
  };
  return {
    "package.json": (JSON.parse(files.packageJson) as { version?: string }).version,
    "package-lock.json": lock.version,
    'package-lock.json packages[""]': lock.packages?.[""]?.version,
    "src/version.ts": /^export const VERSION = "([^"]*)";$/m.exec(files.versionTs)?.[1],
  };
}

export type WriteFs = Pick<typeof fsPromises, "writeFile" | "rename" | "rm" | "readFile">;

/**
 * Writes `files` (absolute path -> content) all or nothing. Files whose
 * content does not change are left alone. Returns the paths written.
 */
export async function writeAll(
  files: ReadonlyMap<string, string>,
  fs: WriteFs = fsPromises,
): Promise<string[]> {
  const changed: string[] = [];
  for (const [path, content] of files) {
    const before = await fs.readFile(path, "utf8").catch(() => undefined);
    if (before !== content) changed.push(path);
  }
  const stamp = `${process.pid}-${Date.now()}`;
  const aside = (path: string, kind: string) =>
    join(dirname(path), `.${basename(path)}.${kind}-${stamp}`);
  const staged: string[] = [];
  const movedAside: string[] = [];
  const placed: string[] = [];
  try {
    for (const path of changed) {
      await fs.writeFile(aside(path, "tmp"), files.get(path) ?? "");
      staged.push(path);
    }
    for (const path of changed) {
      await fs.rename(path, aside(path, "old"));
      movedAside.push(path);
      await fs.rename(aside(path, "tmp"), path);
      placed.push(path);
    }
  } catch (error) {
    for (const path of placed) await fs.rm(path, { force: true });
    for (const path of movedAside.reverse()) await fs.rename(aside(path, "old"), path);
    for (const path of staged) await fs.rm(aside(path, "tmp"), { force: true });
    throw error;
  }
  for (const path of movedAside) await fs.rm(aside(path, "old"), { force: true });
  return changed;
}
