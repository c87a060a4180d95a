/**
 * The hostile suite (the security and fault tests written as an attacker and a
 * heavy user would call the client) run against the packed package instead of
 * the sources: every `src/<module>.js` the tests import is replaced by the
 * built `dist/src/<module>.js` installed from the tarball. Run by
 * test/consumers/hostile.consumer.ts with AIRBYTE_PACKAGE_DIR set to the
 * installed package; not a configuration to run by hand on the sources.
 *
 * With AIRBYTE_PACKAGE_FORMAT=cjs the entry is the CommonJS build instead
 * (dist/cjs/src/index.js, one bundled file), and only the files that import
 * nothing but the entry run.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";

/** The hostile cases: the findings of the transport and secrets reviews, each file named after what it guards. */
export const HOSTILE = [
  "test/security/transport-findings.test.ts",
  "test/security/path-segments.property.test.ts",
  "test/faults/secrets.test.ts",
  "test/faults/secrets-property.test.ts",
  "test/faults/redaction.test.ts",
  "test/faults/redaction-hostile.test.ts",
  "test/faults/gc-timeouts.test.ts",
  "test/client/transport-security.test.ts",
  "test/client/token-hardening.test.ts",
  "test/client/url-rules.test.ts",
  "test/client/raw-client-rules.test.ts",
  "test/consumers/hostile-entry.check.ts",
];

const root = fileURLToPath(new URL("../..", import.meta.url));
const pkg = process.env.AIRBYTE_PACKAGE_DIR;
if (!pkg) throw new Error("test/consumers/hostile.config.ts: set AIRBYTE_PACKAGE_DIR to the installed package (node_modules/airbyte-api-client); run it through npm run test:consumers.");
const cjs = process.env.AIRBYTE_PACKAGE_FORMAT === "cjs";
const entry = join(pkg, "dist", ...(cjs ? ["cjs", "src", "index.js"] : ["src", "index.js"]));
// The gc-timeouts child imports the client itself: it reads the entry from here.
process.env.AIRBYTE_CLIENT_ENTRY = entry;

/** Files that import a module of src/ other than the entry (the CommonJS build has only the entry). */
const importsInternals = (file: string) =>
  [...readFileSync(join(root, file), "utf8").matchAll(/from "(?:\.\.\/)+src\/([^"]+)\.js"/g)].some(([, name]) => name !== "index");

export default defineConfig({
  root,
  resolve: {
    alias: [
      { find: /^(?:\.\.\/)+src\/index\.js$/, replacement: entry },
      { find: /^(?:\.\.\/)+src\/(.+)\.js$/, replacement: join(pkg, "dist", "src", "$1.js") },
    ],
  },
  test: {
    include: cjs ? HOSTILE.filter((file) => !importsInternals(file)) : HOSTILE,
    exclude: [...configDefaults.exclude],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
