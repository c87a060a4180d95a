// Plain JavaScript (type-checked by // @ts-check): it is the loader: it compiles the TypeScript modules the plain entry points need.
// @ts-check
/**
 * Loads one of the TypeScript modules of scripts/lib/ from plain Node: esbuild
 * bundles it (packages stay external; its dynamic imports become chunks of
 * their own, loaded only when reached) into node_modules/.cache, and it is
 * imported from there. About 0.1 s once per change of its sources, instead of
 * tsx's start-up (~0.7 s on a quiet machine, seconds under load) on every run.
 *
 * The key of a build is the sha256 of every file esbuild read for it (their
 * paths and bytes, recorded as it read them), tsconfig.json and esbuild's
 * version. Each checkout has a slot per entry whose manifest lists the files
 * of its last build: a run hashes those files, and imports the build of that
 * key if there is one. A changed file changes the key; a file newly imported
 * is reached only through a changed one. So a build is never served for
 * sources other than its own, whichever folders of scripts/lib it reaches.
 */
import { createHash } from "node:crypto";
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import module from "node:module";
import { extname, join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { cacheDir, repoRoot } from "./paths.mjs";

/** Changes with the build options below: builds of another format are never reused. */
const BUILD_FORMAT = "2";
/** Builds kept per entry and checkout (a concurrent run may still be importing an older one's chunks). */
const KEEP_BUILDS = 3;

/** @param {string} text */
const sha256 = (text) => createHash("sha256").update(text).digest("hex");

/**
 * @typedef {object} Manifest
 * @property {string} root the checkout the slot belongs to
 * @property {string[]} inputs the files of the last build, relative to root
 */

/**
 * The key of a build from its input files (relative to root), as they are on disk now.
 * @param {string} root
 * @param {readonly string[]} inputs
 */
async function keyOf(root, inputs) {
  const hash = createHash("sha256").update(`load-ts ${BUILD_FORMAT}\0`);
  const esbuild = await readFile(join(root, "node_modules", "esbuild", "package.json"), "utf8").catch(() => "");
  hash.update(esbuild.match(/"version":\s*"([^"]+)"/)?.[1] ?? "?").update("\0");
  for (const file of [...new Set(["tsconfig.json", ...inputs])].sort()) {
    const bytes = await readFile(join(root, file)).catch(() => undefined);
    hash.update(file).update("\0").update(bytes === undefined ? "missing" : `${bytes.length}`).update("\0");
    if (bytes) hash.update(bytes);
  }
  return hash.digest("hex").slice(0, 20);
}

/** @param {string} path */
const exists = (path) =>
  stat(path).then(
    () => true,
    () => false,
  );

/**
 * @param {string} entry path relative to the repository root, e.g. "scripts/lib/generate/pipeline.ts"
 * @param {{ root?: string, cache?: string }} [where] the checkout and the cache folder (tests use their own)
 * @returns {Promise<unknown>} the module's namespace
 */
export async function importTs(entry, { root = repoRoot, cache = join(cacheDir, "compiled") } = {}) {
  // Node 22.1+ keeps V8's compiled code of the tools between runs (typescript.js
  // alone is 9 MB of source to compile); Node 20 has no such cache and skips this.
  /** @type {{ enableCompileCache?: (dir: string) => unknown }} */ (/** @type {unknown} */ (module)).enableCompileCache?.(join(cacheDir, "v8"));
  // The build has the checkout's paths baked in (import.meta.url below), so each
  // checkout sharing this node_modules (a worktree, a temporary clone) has its own slot.
  const slot = join(cache, `${entry.replace(/[^a-z0-9]+/gi, "-")}-${sha256(root).slice(0, 12)}`);
  const manifest = await readManifest(slot, root);
  if (manifest) {
    const key = await keyOf(root, manifest.inputs);
    const main = join(slot, key, "main.mjs");
    if (await exists(main)) return import(pathToFileURL(main).href);
  }
  return import(pathToFileURL(await build(entry, root, cache, slot)).href);
}

/**
 * @param {string} slot
 * @param {string} root
 * @returns {Promise<Manifest | undefined>}
 */
async function readManifest(slot, root) {
  try {
    const data = JSON.parse(await readFile(join(slot, "manifest.json"), "utf8"));
    return data.root === root && Array.isArray(data.inputs) && data.inputs.every((/** @type {unknown} */ f) => typeof f === "string") ? data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Bundles `entry` into `slot`/<key>/ and points the slot's manifest at it.
 * @param {string} entry
 * @param {string} root
 * @param {string} cache
 * @param {string} slot
 * @returns {Promise<string>} the built entry file
 */
async function build(entry, root, cache, slot) {
  const esbuild = await import("esbuild");
  /** @type {Set<string>} */
  const inputs = new Set();
  await mkdir(slot, { recursive: true });
  const temp = join(slot, `build.${process.pid}.${Date.now()}.tmp`);
  await esbuild.build({
    entryPoints: { main: join(root, entry) },
    outdir: temp,
    outExtension: { ".js": ".mjs" },
    chunkNames: "chunk-[hash]",
    bundle: true,
    splitting: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "error",
    absWorkingDir: root,
    plugins: [
      {
        name: "record-inputs",
        setup(b) {
          // Every source file goes through here: its bytes are what the build is keyed by.
          b.onLoad({ filter: /.*/, namespace: "file" }, async (args) => {
            const text = await readFile(args.path, "utf8");
            inputs.add(relative(root, args.path).split("\\").join("/"));
            const ext = extname(args.path);
            /** @type {import("esbuild").Loader} */
            const loader = ext === ".json" ? "json" : ext === ".ts" || ext === ".mts" || ext === ".cts" ? "ts" : "js";
            // Modules locate the repository and their neighbours from their own URL: keep it theirs, not the cache's.
            const contents = loader === "json" ? text : text.replace(/\bimport\.meta\.url\b/g, JSON.stringify(pathToFileURL(args.path).href));
            return { contents, loader, resolveDir: join(args.path, "..") };
          });
        },
      },
    ],
  });
  const list = [...inputs].sort();
  // The key of what esbuild read; a file edited during the build makes it differ from the next run's, which rebuilds.
  const key = await keyOf(root, list);
  const dir = join(slot, key);
  await writeFile(join(temp, "inputs.json"), JSON.stringify(list));
  if (await exists(dir)) await rm(temp, { recursive: true, force: true });
  else await rename(temp, dir).catch(() => rm(temp, { recursive: true, force: true }));
  const manifestTemp = join(slot, `manifest.${process.pid}.tmp`);
  await writeFile(manifestTemp, JSON.stringify({ root, inputs: list }));
  await rename(manifestTemp, join(slot, "manifest.json"));
  await prune(cache, slot, dir);
  return join(dir, "main.mjs");
}

/**
 * Only on a build: drops this slot's older builds past KEEP_BUILDS, and the
 * slots of checkouts that no longer exist (temporary clones of the tests).
 * @param {string} cache
 * @param {string} slot
 * @param {string} current
 */
async function prune(cache, slot, current) {
  const builds = [];
  for (const name of await readdir(slot)) {
    if (name === "manifest.json" || join(slot, name) === current || name.endsWith(".tmp")) continue;
    const info = await stat(join(slot, name)).catch(() => undefined);
    if (info?.isDirectory()) builds.push({ name, time: info.mtimeMs });
  }
  builds.sort((a, b) => b.time - a.time);
  for (const old of builds.slice(KEEP_BUILDS - 1)) await rm(join(slot, old.name), { recursive: true, force: true });
  for (const other of await readdir(cache)) {
    const path = join(cache, other);
    if (path === slot) continue;
    const data = await readFile(join(path, "manifest.json"), "utf8").then(
      (text) => /** @type {{ root?: unknown }} */ (JSON.parse(text)),
      () => undefined,
    );
    // Slots of checkouts that are gone (builds of the earlier format, single .mjs files, are left to that loader).
    if (typeof data?.root === "string" && !(await exists(data.root))) await rm(path, { recursive: true, force: true });
  }
}
