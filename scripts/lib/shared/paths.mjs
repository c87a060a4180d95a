// Plain JavaScript (type-checked by // @ts-check): the no-op paths of generate, check:drift, lint:spec and build read it before any TypeScript loader.
// @ts-check
/**
 * Where things are. Plain JavaScript so the no-op path of `npm run generate`
 * and `check:drift` (scripts/*.mjs) runs without loading TypeScript tooling.
 */
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (three levels above scripts/lib/shared/). */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

export const defaultSpec = join(repoRoot, "spec", "openapi.yaml");
export const defaultGenerated = join(repoRoot, "generated");
export const redoclyConfig = join(repoRoot, "redocly.yaml");
export const prettierConfig = join(repoRoot, ".prettierrc.json");

/**
 * The cache of generation results and of the compiled pipeline. Inside the
 * repository's node_modules so that a fresh clone starts cold and `npm ci`
 * clears it; AIRBYTE_GENERATE_CACHE moves the results (tests isolate theirs).
 */
export const cacheDir = join(repoRoot, "node_modules", ".cache", "airbyte-api-client");

/**
 * A path as people read it in messages: relative to the working directory.
 * @param {string} path
 */
export function displayPath(path) {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") ? path : rel || ".";
}
