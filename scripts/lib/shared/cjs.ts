/**
 * The CommonJS packages of the pipeline, loaded with `require`. Imported from
 * ESM instead, Node scans each one's source for its export names
 * (cjs-module-lexer) and probes its format first: for typescript.js (9 MB)
 * alone that is about 0.5 s of CPU on every cold run.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export const ts = require("typescript") as typeof import("typescript");
export const openapiTS = require("openapi-typescript") as typeof import("openapi-typescript");
export const redocly = require("@redocly/openapi-core") as typeof import("@redocly/openapi-core");
