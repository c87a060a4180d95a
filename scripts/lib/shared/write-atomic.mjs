// Plain JavaScript (type-checked by // @ts-check): generate and check:drift write and list folders before any TypeScript loader.
// @ts-check
/**
 * Writing generated files. A folder is updated as one transaction: files whose
 * bytes change are staged beside their target, then renamed into place, and
 * files the spec no longer produces are removed; if any step fails, every
 * file is put back as it was. Files whose bytes do not change are not touched,
 * so their timestamps stay and incremental builds see no change.
 *
 * `--out` is checked first: only a folder this tool created (or an empty or
 * missing one) is ever replaced, because `--out .` once deleted `.git/`.
 */
import * as fsPromises from "node:fs/promises";
import { readdir, readFile } from "node:fs/promises";
import { basename, dirname, isAbsolute, join, relative, resolve, sep, win32 } from "node:path";
import { byCodePoint } from "./order.mjs";
import { defaultGenerated, displayPath, repoRoot } from "./paths.mjs";

/** The first line of the README.md that generate writes into every folder it owns. */
export const GENERATED_MARKER = "# generated/ — written by `npm run generate` only";

/**
 * @typedef {Pick<typeof fsPromises, "writeFile" | "rename" | "rm" | "mkdir">} FolderFs
 * The file operations a folder update uses; tests inject failures here.
 */

/** The first line of a folder's README.md that says which command owns the folder. */
const OWNER_BANNER = /^# [^\n]*— written by `npm run [a-z:-]+` only/;

/**
 * Every file under `dir`, as sorted relative paths with `/` (none when `dir` does not exist).
 * A nested folder whose README.md carries an owner banner belongs to another
 * command (generated/connectors/ inside generated/) and is left out: each
 * generator lists, writes and compares only its own files.
 * @param {string} dir
 * @returns {Promise<string[]>}
 */
export async function listFiles(dir) {
  /** @type {string[]} */
  const out = [];
  /** @param {string} d */
  async function walk(d) {
    let entries;
    try {
      entries = await readdir(d, { withFileTypes: true });
    } catch {
      return;
    }
    if (d !== dir && entries.some((e) => e.name === "README.md" && e.isFile())) {
      const first = (await readFile(join(d, "README.md"), "utf8").catch(() => "")).split("\n", 1)[0] ?? "";
      if (OWNER_BANNER.test(first)) return;
    }
    for (const e of entries) {
      const full = join(d, e.name);
      if (e.isDirectory()) await walk(full);
      else out.push(relative(dir, full).split(sep).join("/"));
    }
  }
  await walk(dir);
  return out.sort(byCodePoint);
}

/**
 * Throws when `target` must not be replaced: it holds the spec or the
 * repository, or it is a folder with files that generate did not write.
 * @param {string} target absolute path of --out
 * @param {string} spec absolute path of --spec (or of the input the folder is made from)
 * @param {{ marker?: string, tracked?: string, command?: string }} [owner] the first line of the README the tool writes,
 *   its tracked default folder, and the command named in messages (default: generate's)
 */
export async function assertReplaceableFolder(target, spec, owner = {}) {
  const { marker = GENERATED_MARKER, tracked = defaultGenerated, command = "npm run generate" } = owner;
  const refuse = (/** @type {string} */ why) => {
    throw new Error(
      `--out ${displayPath(target)}: refusing to replace this folder: ${why} ` +
        `Point --out at a new or empty folder, or at one that \`${command}\` wrote (its README.md starts with the generated banner).`,
    );
  };
  const within = (/** @type {string} */ inner, /** @type {string} */ outer) => inner === outer || inner.startsWith(outer + sep);
  if (within(spec, target)) refuse(`it contains the spec (${displayPath(spec)}).`);
  if (within(repoRoot, target)) refuse("it contains the repository.");
  // The repository's own generated/ is tracked by git: whatever it holds can be restored.
  if (target === tracked) return;
  const files = await listFiles(target);
  if (files.length === 0) return;
  const readme = await readFile(join(target, "README.md"), "utf8").catch(() => "");
  if (!readme.startsWith(marker)) {
    refuse(`it is not a generated folder (no README.md written by \`${command}\`; it holds ${files.length} other file(s)).`);
  }
}

/**
 * Throws unless `name` is a relative path that stays inside `root`: a file
 * name may come from the input (a connector's schema key), and `../x`, an
 * absolute path or a drive letter would write outside the folder.
 * @param {string} root
 * @param {string} name
 */
export function assertInside(root, name) {
  const segments = name.split(/[\\/]/);
  const why =
    name === "" || name.includes("\0")
      ? "it is empty or holds a NUL character"
      : isAbsolute(name) || win32.isAbsolute(name) || /^[a-z]:/i.test(name)
        ? "it is an absolute path"
        : segments.includes("..")
          ? "it has a `..` segment"
          : !resolve(root, name).startsWith(resolve(root) + sep)
            ? "it resolves outside the folder"
            : undefined;
  if (why) {
    throw new Error(
      `Refusing to write ${JSON.stringify(name)} into ${displayPath(root)}: ${why}. Every file a generator writes must stay inside its output folder; ` +
        "rename the input entry (a schema key or file name) that produced this path.",
    );
  }
}

/**
 * Makes `target` hold exactly `files` (name -> content), touching only what differs.
 * @param {string} target
 * @param {ReadonlyMap<string, string>} files
 * @param {FolderFs} [fs]
 * @returns {Promise<{ written: string[], removed: string[] }>}
 */
export async function updateFolder(target, files, fs = fsPromises) {
  for (const name of files.keys()) assertInside(target, name);
  const current = await listFiles(target);
  /** @type {string[]} */
  const written = [];
  for (const [name, content] of files) {
    const bytes = current.includes(name) ? await readFile(join(target, name)) : undefined;
    if (!bytes || !bytes.equals(Buffer.from(content))) written.push(name);
  }
  const removed = current.filter((name) => !files.has(name));
  if (written.length === 0 && removed.length === 0) return { written, removed };

  const stamp = `${process.pid}-${Date.now()}`;
  const aside = (/** @type {string} */ name, /** @type {string} */ kind) => join(target, dirname(name), `.${basename(name)}.${kind}-${stamp}`);
  /** @type {string[]} */
  const staged = [];
  try {
    for (const name of written) {
      await fs.mkdir(dirname(join(target, name)), { recursive: true });
      await fs.writeFile(aside(name, "tmp"), files.get(name) ?? "");
      staged.push(name);
    }
  } catch (error) {
    await Promise.all(staged.map((name) => fs.rm(aside(name, "tmp"), { force: true })));
    throw error;
  }

  /** @type {string[]} */
  const movedAside = [];
  /** @type {string[]} */
  const placed = [];
  try {
    for (const name of [...written.filter((n) => current.includes(n)), ...removed]) {
      await fs.rename(join(target, name), aside(name, "old"));
      movedAside.push(name);
    }
    for (const name of written) {
      await fs.rename(aside(name, "tmp"), join(target, name));
      placed.push(name);
    }
  } catch (error) {
    // Roll back in reverse: new files out, old files back, staging gone.
    for (const name of placed) await fs.rm(join(target, name), { force: true });
    for (const name of movedAside.reverse()) await fs.rename(aside(name, "old"), join(target, name));
    for (const name of staged) await fs.rm(aside(name, "tmp"), { force: true });
    throw error;
  }
  for (const name of movedAside) await fs.rm(aside(name, "old"), { force: true });
  return { written, removed };
}
