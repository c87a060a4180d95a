/**
 * The tests Stryker runs against each mutant of src/: the ones that call the
 * client. Generator, lint, package and type tests do not exercise src/ (or do
 * it through child processes Stryker cannot see), and would only slow it down.
 * Standalone rather than merged with vitest.config.ts: merging would append to
 * `include` instead of replacing it.
 */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  test: {
    include: ["test/client/**/*.test.ts", "test/faults/**/*.test.ts"],
    // Spawns a child process that Stryker's per-test coverage cannot follow, and takes ~10 s.
    exclude: ["test/faults/load.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
