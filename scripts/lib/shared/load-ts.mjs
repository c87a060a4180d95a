// Plain JavaScript (type-checked by // @ts-check): it is the loader: it compiles the TypeScript modules the plain entry points need.
// @ts-check
/**
 * Loads one of the TypeScript modules of scripts/lib/ from plain Node: esbuild
 * bundles it (packages stay external) into node_modules/.cache, named by the
 * hash of the generator's sources, and it is imported from there. About 0.1 s
 * once per change of the sources, instead of tsx's start-up on every run;
 * only cache misses get here.
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import module from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { generatorKey } from "./fingerprint.mjs";
import { cacheDir, repoRoot } from "./paths.mjs";

/**
 * @param {string} entry path relative to the repository root, e.g. "scripts/lib/generate/pipeline.ts"
 * @returns {Promise<unknown>} the module's namespace
 */
export async function importTs(entry) {
  // Node 22.1+ keeps V8's compiled code of the tools between runs (typescript.js
  // alone is 9 MB of source to compile); Node 20 has no such cache and skips this.
  /** @type {{ enableCompileCache?: (dir: string) => unknown }} */ (/** @type {unknown} */ (module)).enableCompileCache?.(join(cacheDir, "v8"));
  const name = entry.replace(/[^a-z0-9]+/gi, "-");
  // The build has the repository's path baked in (import.meta.url below), so
  // the key holds it too: a copy of the repository sharing node_modules (a
  // symlink, a moved checkout) never loads a build that points elsewhere.
  const key = createHash("sha256").update(await generatorKey()).update(repoRoot).digest("hex").slice(0, 16);
  const compiled = join(cacheDir, "compiled", `${name}-${key}.mjs`);
  const exists = await stat(compiled).then(
    () => true,
    () => false,
  );
  if (!exists) {
    const { build } = await import("esbuild");
    await mkdir(join(cacheDir, "compiled"), { recursive: true });
    const temp = `${compiled}.${process.pid}.tmp`;
    await build({
      entryPoints: [join(repoRoot, entry)],
      outfile: temp,
      bundle: true,
      packages: "external",
      platform: "node",
      format: "esm",
      target: "node20",
      logLevel: "error",
      // Modules locate the repository from their own URL: keep it theirs, not the cache's.
      define: { "import.meta.url": JSON.stringify(pathToFileURL(join(repoRoot, entry)).href) },
    });
    await rename(temp, compiled);
    // Builds of older sources are never used again.
    for (const old of await readdir(join(cacheDir, "compiled"))) {
      if (old.startsWith(`${name}-`) && old.endsWith(".mjs") && join(cacheDir, "compiled", old) !== compiled) await rm(join(cacheDir, "compiled", old), { force: true });
    }
  }
  return import(pathToFileURL(compiled).href);
}
