/**
 * The tests Stryker runs against each mutant (`npm run test:mutation`): the
 * in-process tests of src/ (client, faults, security) and of the toolchain
 * folders it mutates (spec:diff rules, lint rules, generator units, connector
 * types, mock). Tests that run whole commands in child processes are left out:
 * Stryker's per-test coverage cannot see into a child, so they would run for
 * every mutant and kill none. Standalone rather than merged with
 * vitest.config.ts: merging would append to `include` instead of replacing it.
 */
import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig } from "vitest/config";
import { SLOW } from "./vitest.quick.config.js";

export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  resolve: {
    alias: [
      { find: /^airbyte-api-client$/, replacement: fileURLToPath(new URL("../src/index.ts", import.meta.url)) },
      { find: /^airbyte-api-client\/connectors$/, replacement: fileURLToPath(new URL("../generated/connectors/index.js", import.meta.url)) },
    ],
  },
  test: {
    include: [
      "test/client/**/*.test.ts",
      "test/faults/**/*.test.ts",
      "test/security/**/*.test.ts",
      "test/spec-diff/**/*.test.ts",
      "test/lint/**/*.test.ts",
      "test/connectors/**/*.test.ts",
      "test/mock/**/*.test.ts",
      "test/generator/fixtures.test.ts",
      "test/generator/format.test.ts",
    ],
    // Child processes (per-test coverage cannot follow them) and the slow command tests.
    exclude: [...configDefaults.exclude, ...SLOW, "test/faults/load.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
