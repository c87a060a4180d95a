// @ts-check
/** The incremental build of dist/ (see scripts/build.mjs). */
import { spawn } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { hashRepoInputs } from "./cache.mjs";
import { repoRoot } from "./paths.mjs";
import { listFiles } from "./write-atomic.mjs";

const dist = join(repoRoot, "dist");
const stampFile = join(dist, ".build-stamp");
/** What the build reads. */
const INPUTS = ["src", "generated", "connectors", "tsconfig.json", "scripts/tsconfig.build.json", "scripts/build-cjs.ts", "package.json", "package-lock.json"];
/** dist/<folder>/ holds the outputs of <folder>/. */
const COMPILED = ["src", "generated"];

/** Removes dist/ files whose .ts source no longer exists. */
async function pruneOrphans() {
  for (const folder of COMPILED) {
    const sources = new Set((await listFiles(join(repoRoot, folder))).map((f) => f.replace(/\.ts$/, "")));
    for (const out of await listFiles(join(dist, folder))) {
      const stem = out.replace(/(\.d\.ts|\.js)(\.map)?$/, "");
      if (!sources.has(stem)) await rm(join(dist, folder, out), { force: true });
    }
  }
}

/**
 * Builds dist/. Without `force`, returns at once when the inputs are those of
 * the last successful build.
 * @param {{ force?: boolean }} [options]
 * @returns {Promise<boolean>} whether dist/ is built
 */
export async function buildDist({ force = false } = {}) {
  const hash = await hashRepoInputs(INPUTS);
  if (!force && (await readFile(stampFile, "utf8").catch(() => "")) === hash) return true;
  const require = createRequire(import.meta.url);
  const tsc = require.resolve("typescript/bin/tsc");
  let code = await run([tsc, "-b", join(repoRoot, "scripts", "tsconfig.build.json")]);
  // The CommonJS face of the package (require(esm) shims and CommonJS-typed declarations).
  if (code === 0) code = await run(["--import", "tsx", join(repoRoot, "scripts", "build-cjs.ts")]);
  if (code !== 0) {
    await rm(stampFile, { force: true });
    return false;
  }
  await pruneOrphans();
  await writeFile(stampFile, hash);
  return true;
}

/**
 * `node <argv...>`, inheriting stdio.
 * @param {string[]} argv
 * @returns {Promise<number | null>}
 */
function run(argv) {
  return new Promise((done) => spawn(process.execPath, argv, { stdio: "inherit", cwd: repoRoot }).on("close", done));
}
