import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { configDefaults, defineConfig, type ViteUserConfig } from "vitest/config";
import { SlowestFirst } from "./helpers/sequencer.js";

/**
 * The pull-request gate's own tests (`npm run test:gate`, which CI runs after
 * `npm test`): each clones the repository and runs whole `ci:pr` loops, a
 * minute or more apiece, so they run on their own instead of inside `npm test`.
 */
export const GATE = ["test/ci/**"];

/** The test configuration: every test in `include` (default: all of test/) less the files in `skip`. */
export function testConfig(skip: readonly string[] = GATE, include: readonly string[] = ["test/**/*.test.ts"]): ViteUserConfig {
  const exclude = [...configDefaults.exclude, ...skip];
  return defineConfig({
    // Paths below are relative to the repository root.
    root: fileURLToPath(new URL("..", import.meta.url)),
    // Tests that import the package by its name get the sources, as tsconfig.json's `paths` do for
    // the type check: `npm test` runs right after `npm ci`, before anything has built dist/ (the
    // packed package itself is tested by `npm run test:consumers`).
    resolve: {
      alias: [
        { find: /^airbyte-api-client$/, replacement: fileURLToPath(new URL("../src/index.ts", import.meta.url)) },
        { find: /^airbyte-api-client\/connectors$/, replacement: fileURLToPath(new URL("../generated/connectors/index.js", import.meta.url)) },
        { find: /^airbyte-api-client\/validate$/, replacement: fileURLToPath(new URL("../src/validate/index.ts", import.meta.url)) },
      ],
    },
    test: {
      // `npm run typecheck` runs once, inside the test run, as two test files
      // (test/typecheck/: tsc on tsconfig.json, whose *.test-d.ts files are
      // the type tests, and on test/browser/tsconfig.json) that overlap the
      // others. Vitest's own typecheck would run the same tsc, but only after
      // every other file, with a core idle; `npx vitest --typecheck` still runs it.
      typecheck: {
        enabled: false,
        include: ["test/**/*.test-d.ts"],
        tsconfig: "./tsconfig.json",
      },
      // Vitest's default is cores - 1 workers: one on a 2-core machine, which
      // leaves a core idle whenever a test waits on a child process (most slow
      // files do: the CLIs, git, npm). At least two keep both cores busy (see
      // docs/maintaining.md, "How npm test stays quick"). VITEST_MAX_WORKERS overrides it.
      maxWorkers: Math.max(2, availableParallelism() - 1),
      // One module graph per worker instead of one per test file: most files
      // import the client and half of them the spec tooling, and re-importing
      // them per file was a quarter of the CPU time of the in-process tests.
      // Test files restore what they change (spies, fake timers) themselves.
      isolate: false,
      // The longest files start first, so that they overlap the short ones
      // instead of ending the run on one core (test/helpers/sequencer.ts);
      // `--sequence.shuffle` still shuffles.
      sequence: { sequencer: SlowestFirst },
      // Tests that run the generator spawn Redocly and openapi-typescript.
      testTimeout: 60_000,
      hookTimeout: 60_000,
      // No test waits on the wall clock for less than 2 s: time is a fake clock
      // (test/helpers/fake-clock.ts) and "later" is an event or an I/O turn, so
      // the machine's load cannot change a result.
      include: [...include],
      exclude,
    },
  });
}

export default testConfig();
