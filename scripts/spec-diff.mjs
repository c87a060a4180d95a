// Plain JavaScript: npm run spec:diff starts without a TypeScript loader; the command (scripts/lib/diff/cli.ts) is compiled once per change of its sources and cached.
// @ts-check
/**
 * npm run spec:diff -- [--base <git ref | spec file>] [--head <spec file>] [--json]
 *                      [--output <file>] [--allow-breaking] [--fail-on warning] [--types]
 * npm run spec:diff -- --rules     (the rule table as Markdown: docs/spec-diff-rules.md)
 *
 * What a spec change does to users of the generated client; the command and
 * its exit codes are described in scripts/lib/diff/cli.ts. A run costs Node's
 * start, reading the two specs and the comparison: the TypeScript of
 * scripts/lib/diff/ comes from node_modules/.cache (scripts/lib/shared/load-ts.mjs,
 * keyed by every source file the build read).
 */
import { importTs } from "./lib/shared/load-ts.mjs";

const cli = /** @type {typeof import("./lib/diff/cli.js")} */ (await importTs("scripts/lib/diff/cli.ts"));
await cli.main(process.argv.slice(2));
