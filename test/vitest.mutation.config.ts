/**
 * The tests Stryker runs against each mutant of src/: the ones that call the
 * client. Generator, lint, package and type tests do not exercise src/ (or do
 * it through child processes Stryker cannot see), and would only slow it down.
 */
import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.js";

export default mergeConfig(
  base,
  defineConfig({
    test: {
      include: ["test/client/**/*.test.ts", "test/faults/**/*.test.ts"],
      // Spawns a child process that Stryker's per-test coverage cannot follow, and takes ~10 s.
      exclude: ["test/faults/load.test.ts"],
      typecheck: { enabled: false },
    },
  }),
);
