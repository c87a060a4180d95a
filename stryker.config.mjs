// stryker.config.mjs: plain JavaScript because Stryker loads its config before any TypeScript loader.
/**
 * Mutation testing (`npm run test:mutation`, scripts/mutation.ts) runs Stryker
 * once per group: each group mutates one part of the code and runs only the
 * in-process tests that exercise it. A mutant in module-level code (a rule
 * table, a constant: "static", which per-test coverage cannot narrow) then
 * costs one group's tests rather than the whole suite, so nothing needs
 * `ignoreStatic`. Tests that run whole commands in child processes are left
 * out: coverage cannot follow a child, so they would run for every mutant.
 *
 *   MUTATION_GROUP=diff npx stryker run   one group by hand (default: src)
 */

/** @type {Record<string, { mutate: string[], tests: string[], exclude?: string[], timeoutMS?: number }>} */
export const GROUPS = {
  src: {
    mutate: ["src/**/*.ts", "!src/version.ts"],
    tests: ["test/client/**/*.test.ts", "test/faults/**/*.test.ts", "test/security/**/*.test.ts", "test/validate/**/*.test.ts"],
    exclude: ["test/faults/load.test.ts", "test/security/scripts-inputs.test.ts"],
  },
  diff: {
    mutate: ["scripts/lib/diff/**/*.ts"],
    tests: ["test/spec-diff/**/*.test.ts"],
    // entry-cache.test.ts runs spec-diff.mjs in a child too, and edits a copy of rules-doc.ts by its text, which Stryker's instrumentation changes.
    exclude: ["test/spec-diff/cli.test.ts", "test/spec-diff/type-compat.test.ts", "test/spec-diff/entry-cache.test.ts"],
  },
  lint: {
    mutate: ["scripts/lint/rules/*.js"],
    tests: ["test/lint/**/*.test.ts", "test/security/scripts-inputs.test.ts"],
  },
  generate: {
    mutate: ["scripts/lib/generate/**/*.ts"],
    tests: ["test/generator/fixtures.test.ts", "test/generator/format.test.ts", "test/generator/compile.test.ts", "test/generator/atomic.test.ts", "test/generator/unit-*.test.ts", "test/client/operation-table.test.ts"],
  },
  connectors: {
    // The generator. Left out: the tools around it that `npm test` never runs in process: bench.ts
    // (npm run bench:connectors), consumer.ts (the packed-package install, run by npm run test:consumers)
    // and real-configs.ts + terraform.ts (collecting test/fixtures/connectors/real/ once, by hand).
    mutate: ["scripts/lib/connectors/*.ts", "!scripts/lib/connectors/{bench,consumer,real-configs,terraform}.ts"],
    tests: ["test/connectors/**/*.test.ts"],
    exclude: ["test/connectors/cli.test.ts"],
  },
  mock: {
    mutate: ["scripts/lib/mock/**/*.ts"],
    tests: ["test/mock/**/*.test.ts"],
    exclude: ["test/mock/cli.test.ts", "test/mock/demo.test.ts"],
    // A mutant of the server often leaves a request unanswered: the test then hangs until Stryker's timeout,
    // so a shorter one (the tests' own run time still comes on top) saves most of this group's hours.
    timeoutMS: 8000,
  },
};

const name = process.env.MUTATION_GROUP ?? "src";
const group = GROUPS[name];
if (!group) throw new Error(`MUTATION_GROUP=${name} is not a group; choose from ${Object.keys(GROUPS).join(", ")}.`);

export default {
  packageManager: "npm",
  testRunner: "vitest",
  // test/vitest.mutation.config.ts reads MUTATION_GROUP too (the child processes inherit it).
  vitest: { configFile: "test/vitest.mutation.config.ts", related: false },
  mutate: group.mutate,
  // Only the mutated files get `// @ts-nocheck` (the connectors' .d.ts templates are copied verbatim into output).
  disableTypeChecks: "{src/**/*.ts,scripts/lib/*/*.ts,scripts/lint/rules/*.js}",
  coverageAnalysis: "perTest",
  ignoreStatic: false,
  concurrency: 2,
  timeoutMS: group.timeoutMS ?? 20000,
  // Results of unchanged mutants and tests are reused from the last run of the group.
  incremental: true,
  incrementalFile: `node_modules/.cache/stryker/${name}.json`,
  reporters: ["clear-text", "progress", "json"],
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: false },
  jsonReporter: { fileName: `docs/reports/mutation/${name}.json` },
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: ".stryker-tmp",
  ignorePatterns: ["dist", ".stryker-tmp", "bench", "docs/reports", "node_modules/.cache"],
  cleanTempDir: "always",
};
