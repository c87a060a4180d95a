// @ts-check
/**
 * What generate and check:drift share: the generated files for a spec, from
 * the cache when its inputs are unchanged, else from the pipeline (loaded
 * only then), stored in the cache for the next run.
 */
import { inputKey, readCached, writeCached } from "./cache.mjs";
import { setFlagsFromString } from "node:v8";
import { importTs } from "./load-ts.mjs";

/**
 * @typedef {object} Generation
 * @property {Map<string, string>} files
 * @property {string[]} warnings
 * @property {boolean} cached whether the result came from the cache
 */

/**
 * @param {{ spec: string, out: string, force?: boolean }} args
 * @returns {Promise<Generation>} rejects with the pipeline's SpecError when the spec does not generate
 */
export async function generateFiles({ spec, out, force = false }) {
  const key = await inputKey({ spec, out });
  const hit = force ? undefined : await readCached(key);
  if (hit) return { files: new Map(Object.entries(hit.files)), warnings: hit.warnings, cached: true };
  setFlagsFromString("--heap-growing-percent=100");
  const pipeline = /** @type {typeof import("./pipeline.js")} */ (await importTs("scripts/lib/pipeline.ts"));
  const { files, warnings } = await pipeline.runPipeline({ spec, outDir: out });
  await writeCached(key, { files: Object.fromEntries(files), warnings });
  return { files, warnings, cached: false };
}

/**
 * The one-line cause of a failure, for people: a SpecError's message names
 * files and lines; anything else is a bug and keeps its stack.
 * @param {unknown} error
 */
export function describeFailure(error) {
  if (error instanceof Error && (error.name === "SpecError" || error.message.startsWith("--out "))) return error.message;
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
