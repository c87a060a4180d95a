import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // Paths below are relative to the repository root.
  root: fileURLToPath(new URL("..", import.meta.url)),
  test: {
    include: ["test/**/*.test.ts"],
    // `npm run typecheck`, once, inside the test run: vitest starts `tsc
    // --noEmit --incremental -p tsconfig.json` beside the test workers and
    // reports each *.test-d.ts assertion as a test (a type error anywhere else
    // in the project fails the run as a source error), and
    // test/typecheck/browser.test.ts checks test/browser/tsconfig.json. So
    // `npm test` no longer type-checks everything a second time before vitest.
    typecheck: {
      enabled: true,
      include: ["test/**/*.test-d.ts"],
      tsconfig: "./tsconfig.json",
    },
    // Vitest's default is cores - 1 workers: one on a 2-core machine, which
    // leaves a core idle whenever a test waits on a child process (most slow
    // files do: the CLIs, git, npm). At least two keep both cores busy (see the
    // README's "How npm test stays quick"). VITEST_MAX_WORKERS overrides it.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // One module graph per worker instead of one per test file: most files
    // import the client and half of them the spec tooling, and re-importing
    // them per file was a quarter of the CPU time of the in-process tests.
    // Test files restore what they change (spies, fake timers) themselves.
    isolate: false,
    // Tests that run the generator spawn Redocly and openapi-typescript.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
