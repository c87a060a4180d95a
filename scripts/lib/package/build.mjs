// Plain JavaScript (type-checked by // @ts-check): a build with nothing changed returns after hashing, without loading TypeScript.
// @ts-check
/**
 * The build of dist/ (see scripts/build.mjs), in this process: the compiler
 * (scripts/lib/package/compile.ts) is loaded only when the inputs changed since the
 * last successful build, and a generate that has just run the pipeline
 * already has TypeScript loaded.
 */
import { spawn } from "node:child_process";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { hashRepoInputs } from "../shared/fingerprint.mjs";
import { importTs } from "../shared/load-ts.mjs";
import { repoRoot } from "../shared/paths.mjs";
import { listFiles } from "../shared/write-atomic.mjs";

const dist = join(repoRoot, "dist");
const stampFile = join(dist, ".build-stamp");
/** What the build reads. */
const INPUTS = ["src", "generated", "tsconfig.json", "scripts/tsconfig.build.json", "scripts/lib/package/compile.ts", "scripts/lib/package/cjs-face.ts", "package.json", "package-lock.json"];
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
 * Compiles dist/ and writes its CommonJS face, in this process.
 * @returns {Promise<boolean>} whether it succeeded (errors are printed)
 */
export async function compileHere() {
  try {
    const { buildAll } = /** @type {typeof import("./build-dist.js")} */ (await importTs("scripts/lib/package/build-dist.ts"));
    await buildAll();
    return true;
  } catch (error) {
    console.error(error instanceof Error && error.name === "CompileError" ? `build: ${error.message}` : error);
    return false;
  }
}

/**
 * Builds dist/: the whole build, step by step. Without `force`, returns at
 * once when the inputs are those of the last successful build.
 *
 * `separateProcess` compiles in a child process (this file run by Node).
 * generate asks for it after running the pipeline: what Redocly, prettier and
 * openapi-typescript leave in memory (~160 MB resident) plus the declaration
 * emitter's program (~40 MB) would make the build the run's memory peak, ~1.25x
 * the stock tools; apart, each stays near 175 MB, for ~0.5 s more CPU (a second
 * Node start and load of TypeScript).
 * @param {{ force?: boolean, separateProcess?: boolean }} [options]
 * @returns {Promise<boolean>} whether dist/ is built
 */
export async function buildDist({ force = false, separateProcess = false } = {}) {
  // 1. Up to date? The inputs' fingerprint against the stamp of the last build.
  const hash = await hashRepoInputs(INPUTS);
  if (!force && (await readFile(stampFile, "utf8").catch(() => "")) === hash) return true;
  // 2. No stamp while dist/ is half written: an interrupted build is redone.
  await rm(stampFile, { force: true });
  // 3. Compile src/ and generated/, then write the CommonJS face (build-dist.ts).
  const built = separateProcess && process.env[CHILD] !== "1" ? await compileInChild() : await compileHere();
  if (!built) return false;
  // 4. Remove outputs whose source is gone, and stamp.
  await pruneOrphans();
  await writeFile(stampFile, hash);
  return true;
}

/** Set in the child's environment: a child never starts another one, whatever its command line. */
const CHILD = "AIRBYTE_BUILD_CHILD";

/** Step 3 in a child process: this very file, run by Node. */
function compileInChild() {
  return new Promise((done) =>
    spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], { stdio: "inherit", cwd: repoRoot, env: { ...process.env, [CHILD]: "1" } }).on("close", (code) => done(code === 0)),
  );
}

// Run as a program (by compileInChild): compile here; the parent prunes and stamps.
if (process.env[CHILD] === "1" && process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = (await compileHere()) ? 0 : 1;
