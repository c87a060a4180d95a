/**
 * The client as users run it: the built package (dist/), built first when
 * src/ or generated/ changed since the last build.
 *
 * Through tsx, src/ carries esbuild's keepNames wrappers (a `__name(fn, "...")`
 * call for each function a call creates) and tsx's own loader; the published
 * JavaScript has neither. Measured side by side (Node 20, in-memory fetch),
 * the same client cost about 10% more CPU per call from src/ than from dist/,
 * while bare openapi-fetch is plain JavaScript in both cases: the per-call
 * and pagination figures measure dist/.
 */
import { fileURLToPath, pathToFileURL } from "node:url";
import type { buildDist } from "../scripts/lib/package/build.mjs";

export type ClientModule = typeof import("../src/index.js");

const here = fileURLToPath(new URL("..", import.meta.url));

/** Builds dist/ of this checkout, or of another one (`BENCH_BASELINE`), when its inputs changed since its last build. */
export async function ensureBuilt(checkout = here): Promise<void> {
  const build = (await import(pathToFileURL(`${checkout}/scripts/lib/package/build.mjs`).href)) as { buildDist: typeof buildDist };
  if (!(await build.buildDist())) throw new Error(`bench: the build of ${checkout} failed (see above); the figures measure the built client.`);
}

/** The built client of a checkout (this one by default), as `ensureBuilt` left it. */
export async function importBuilt(checkout = here): Promise<ClientModule> {
  return (await import(pathToFileURL(`${checkout}/dist/src/index.js`).href)) as ClientModule;
}
