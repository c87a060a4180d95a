// Plain JavaScript (type-checked by // @ts-check): generate and check:drift reach the cache before loading the TypeScript pipeline.
// @ts-check
/**
 * What generate and check:drift share: the generated files for a spec, from
 * the cache when its inputs are unchanged, else from the pipeline (loaded
 * only then), stored in the cache for the next run.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { inputKey, readCached, writeCached } from "./cache.mjs";
import { importTs } from "../shared/load-ts.mjs";

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
  const pipeline = /** @type {typeof import("./pipeline.js")} */ (await importTs("scripts/lib/generate/pipeline.ts"));
  const { files, warnings } = await pipeline.runPipeline({ spec, outDir: out, collectGarbage: boundHeap() });
  await writeCached(key, { files: Object.fromEntries(files), warnings });
  return { files, warnings, cached: false };
}

/**
 * Peak memory, made stable (bench/generation.ts, Scale). V8 sets its next
 * heap limit at a factor of what a full collection found live, a factor it
 * picks from its measured GC and allocation speeds: on a loaded machine that
 * swung the peak of a 10x spec between ~350 and ~415 MiB. A fixed factor of 2
 * keeps it low (at the CPU of the default, measured); a full collection the
 * pipeline requests between steps (the returned function; V8's own `gc`,
 * reached from a new context) sets the limit from what the next step keeps,
 * not from a peak in the middle of the last one (openapi-typescript's syntax
 * tree beside the bundled document). The flags are set for this process
 * only, which is about to run the pipeline.
 * @returns {() => void}
 */
function boundHeap() {
  setFlagsFromString("--heap-growing-percent=100");
  setFlagsFromString("--expose-gc");
  try {
    return /** @type {() => void} */ (runInNewContext("gc"));
  } catch {
    return () => {}; // a runtime without it only keeps V8's own schedule
  }
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
