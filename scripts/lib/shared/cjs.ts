/**
 * The CommonJS packages of the pipeline, loaded with `require`. Imported from
 * ESM instead, Node scans each one's source for its export names
 * (cjs-module-lexer) and probes its format first: for typescript.js (9 MB)
 * alone that is about 0.5 s of CPU on every cold run.
 *
 * Redocly only: lint, bundling, conformance, docs and the mock read the spec
 * through it and never need TypeScript. TypeScript (cjs-typescript.ts) and
 * openapi-typescript (cjs-openapi-typescript.ts) have files of their own, so
 * that loading them (about 0.9 s of CPU together) is paid only by the runs
 * that emit or parse code.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export const redocly = require("@redocly/openapi-core") as typeof import("@redocly/openapi-core");
