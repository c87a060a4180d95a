/**
 * The tests Stryker runs against each mutant of one group (stryker.config.mjs
 * GROUPS; the group is named by MUTATION_GROUP, which Stryker's test-runner
 * processes inherit). Standalone rather than merged with vitest.config.ts:
 * merging would append to `include` instead of replacing it.
 */
import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";
import { GROUPS } from "../stryker.config.mjs";

const name = process.env.MUTATION_GROUP ?? "src";
const group = GROUPS[name];
if (!group) throw new Error(`MUTATION_GROUP=${name} is not a group; choose from ${Object.keys(GROUPS).join(", ")}.`);

export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  resolve: {
    alias: [
      { find: /^airbyte-api-client$/, replacement: fileURLToPath(new URL("../src/index.ts", import.meta.url)) },
      { find: /^airbyte-api-client\/connectors$/, replacement: fileURLToPath(new URL("../generated/connectors/index.js", import.meta.url)) },
    ],
  },
  test: {
    include: group.tests,
    exclude: [...configDefaults.exclude, ...(group.exclude ?? [])],
    // Modules stay loaded between runs (Stryker switches mutants at run time): a mutant run costs its tests, not re-importing them.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
