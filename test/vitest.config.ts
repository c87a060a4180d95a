import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // Paths below are relative to the repository root.
  root: fileURLToPath(new URL("..", import.meta.url)),
  test: {
    include: ["test/**/*.test.ts"],
    // The type check of the whole repository: vitest starts `tsc --noEmit
    // --incremental -p tsconfig.json` (the first half of `npm run typecheck`)
    // beside the test workers and reports each *.test-d.ts assertion as a
    // test; a type error anywhere else in the project fails the run as a
    // source error. `npm test` therefore runs only the other half
    // (test/browser/tsconfig.json) itself, instead of checking it all twice.
    typecheck: {
      enabled: true,
      include: ["test/**/*.test-d.ts"],
      tsconfig: "./tsconfig.json",
    },
    // Vitest's default on this 2-core machine is one worker (cores - 1), which
    // leaves a core idle whenever a test waits on a child process (most slow
    // files do: the CLIs, git, npm). Two workers keep both cores busy; measured
    // in the README's "How the tests stay quick". VITEST_MAX_WORKERS overrides it.
    maxWorkers: 2,
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
