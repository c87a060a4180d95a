/**
 * `npm run test:quick`: every test except the ones that start whole commands
 * in child processes (the generator pipeline, ci:pr, the CLIs of spec:diff,
 * conformance, connectors and the mock, the demo). Those run in `npm test`
 * (the packed-package tests are in `npm run test:consumers`); what is left
 * covers the client, the spec, the lint rules and the generators' in-process
 * units, in about a third of `npm test`'s CPU time.
 */
import { GATE, testConfig } from "./vitest.config.js";

export const SLOW = [
  "test/generator/**",
  "test/ci/**",
  "test/**/cli.test.ts",
  "test/conformance/**",
  "test/mock/demo.test.ts",
  "test/spec-diff/type-compat.test.ts",
];

export default testConfig([...GATE, ...SLOW]);
