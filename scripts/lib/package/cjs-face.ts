/**
 * The CommonJS face of the package, written after `tsc` has built the ESM in dist/.
 *
 * There is one copy of the code: the ES modules in dist/src and dist/generated.
 * For `require()` every entry point of package.json's `exports` that has a
 * `require` condition gets a two-line shim in dist/cjs that hands back the ES
 * module through Node's `require(esm)` (unflagged in Node 20.19+ and 22.12+).
 * So `import` and `require` share the same module instance: error classes
 * compare with `instanceof`, and nothing is bundled twice (no dual-package
 * hazard). Beside each shim sit copies of the declarations under a
 * `{"type": "commonjs"}` package.json, so TypeScript types a `require` as
 * CommonJS (node16 and node10 resolution included) instead of reporting
 * "CJS resolves to ESM".
 *
 * Adding an entry point is one line in `exports`:
 *   "./core": { "require": "./dist/cjs/src/core.js", "default": "./dist/src/core.js" }
 */
import { cp, mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { repoRoot as root } from "../shared/paths.js";

const dist = join(root, "dist");
const cjs = join(dist, "cjs");

interface EntryConditions {
  require?: string;
  default?: string;
}

/** The entry points that offer `require`, as [shim path, ES module path]. */
function requireEntries(exportsMap: Record<string, unknown>): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  for (const [subpath, target] of Object.entries(exportsMap)) {
    if (typeof target !== "object" || target === null) continue;
    const { require: shim, default: esm } = target as EntryConditions;
    if (shim === undefined) continue;
    if (esm === undefined || !shim.startsWith("./dist/cjs/") || !(esm.startsWith("./dist/") || esm.startsWith("./generated/connectors/"))) {
      throw new Error(
        `package.json exports["${subpath}"]: a "require" entry needs a "default" ES module in dist/ and a shim path under ./dist/cjs/ ` +
          `(e.g. { "require": "./dist/cjs/src/core.js", "default": "./dist/src/core.js" })`,
      );
    }
    entries.push([shim, esm]);
  }
  return entries;
}

/** Writes dist/cjs from the ES modules and declarations already in dist/. */
export async function buildCjs(): Promise<void> {
  const pkg = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as {
    exports: Record<string, unknown>;
  };
  // Declarations only: the code itself is never copied.
  for (const tree of ["src", "generated"]) {
    await cp(join(dist, tree), join(cjs, tree), {
      recursive: true,
      filter: (f) => !/\.(js|map)$/.test(f),
    });
  }
  // connectors/ is type-only, 600 files (written by `npm run connectors`): a
  // copy would double the package, so the CommonJS face re-exports the ES
  // declarations with `resolution-mode: "import"` (TypeScript 5.3+).
  await mkdir(join(cjs, "connectors"), { recursive: true });
  await writeFile(
    join(cjs, "connectors", "index.d.ts"),
    `export type * from "../../../generated/connectors/index.js" with { "resolution-mode": "import" };\n`,
  );
  await writeFile(join(cjs, "package.json"), JSON.stringify({ type: "commonjs" }, null, 2) + "\n");
  for (const [shim, esm] of requireEntries(pkg.exports)) {
    const shimFile = join(root, shim);
    const target = relative(dirname(shimFile), join(root, esm));
    await mkdir(dirname(shimFile), { recursive: true });
    await writeFile(
      shimFile,
      `"use strict";\n// require(esm): the same module instance that \`import\` gets (see scripts/lib/package/cjs-face.ts).\nmodule.exports = require(${JSON.stringify(target)});\n`,
    );
  }
}

