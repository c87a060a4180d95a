// Plain JavaScript (type-checked by // @ts-check): a no-op generate finds its cached result without loading TypeScript.
// @ts-check
/**
 * The generation cache. A result is stored under the sha256 of everything
 * that can change it: every file of the spec's folder (a spec can only reach
 * files inside it, see scripts/lib/spec/resolver.ts), the generator's own sources, the
 * lint and format configuration, package-lock.json (the tools' versions), and
 * where the output goes (the banners name the spec relative to it). Only
 * successful runs are stored, so a hit also means the spec linted clean.
 *
 * Plain JavaScript: a no-op `npm run generate` hashes, finds the result, and
 * exits without loading TypeScript, Redocly or prettier.
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { generatorKey, hashFiles } from "../shared/fingerprint.mjs";
import { listFiles } from "../shared/write-atomic.mjs";
import { cacheDir } from "../shared/paths.mjs";

/** Results kept; older ones are removed (each is the size of generated/, about 0.3 MB). */
const MAX_RESULTS = 24;
/** A spec folder bigger than this is not hashed (and not cached): it is probably not a spec folder. */
const MAX_SPEC_BYTES = 64 * 1024 * 1024;

/**
 * @typedef {object} CachedResult
 * @property {Record<string, string>} files generated file name -> content
 * @property {string[]} warnings lint warnings of the run
 */

/**
 * The cache key of generating `spec` for `out`, or undefined when the spec's
 * folder is too big to hash.
 * @param {{ spec: string, out: string }} args
 */
export async function inputKey({ spec, out }) {
  const hash = createHash("sha256");
  hash.update(await generatorKey()).update("\0");
  hash.update(relative(dirname(out), spec)).update("\0");
  const specDir = dirname(spec);
  const files = (await listFiles(specDir)).filter((f) => !f.split("/").includes("node_modules") && !f.startsWith(".git/"));
  const ok = await hashFiles(hash, specDir, files.map((f) => join(specDir, f)), MAX_SPEC_BYTES);
  return ok ? hash.digest("hex") : undefined;
}

/** Where results live; AIRBYTE_GENERATE_CACHE moves them (tests give each run its own). */
export function resultsDir() {
  return process.env.AIRBYTE_GENERATE_CACHE ?? join(cacheDir, "results");
}

/**
 * @param {string | undefined} key
 * @returns {Promise<CachedResult | undefined>}
 */
export async function readCached(key) {
  if (!key) return undefined;
  try {
    const data = /** @type {CachedResult} */ (JSON.parse(await readFile(join(resultsDir(), `${key}.json`), "utf8")));
    return typeof data.files === "object" && Array.isArray(data.warnings) ? data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Stores a successful result (written to a temporary name, then renamed, so a
 * reader never sees half a file).
 * @param {string | undefined} key
 * @param {CachedResult} result
 */
export async function writeCached(key, result) {
  if (!key) return;
  const dir = resultsDir();
  await mkdir(dir, { recursive: true });
  const temp = join(dir, `${key}.${process.pid}.tmp`);
  await writeFile(temp, JSON.stringify(result));
  await rename(temp, join(dir, `${key}.json`));
  await prune(dir);
}

/**
 * Keeps the newest MAX_RESULTS results.
 * @param {string} dir
 */
async function prune(dir) {
  const names = (await readdir(dir)).filter((n) => n.endsWith(".json"));
  if (names.length <= MAX_RESULTS) return;
  const dated = await Promise.all(names.map(async (n) => ({ n, t: (await stat(join(dir, n)).catch(() => ({ mtimeMs: 0 }))).mtimeMs })));
  dated.sort((a, b) => b.t - a.t);
  await Promise.all(dated.slice(MAX_RESULTS).map(({ n }) => rm(join(dir, n), { force: true })));
}
