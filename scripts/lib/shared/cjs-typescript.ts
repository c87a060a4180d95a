/**
 * TypeScript and openapi-typescript, loaded with `require` (see cjs.ts for
 * why): only the modules that emit or format code import this file.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export const ts = require("typescript") as typeof import("typescript");
export const openapiTS = require("openapi-typescript") as typeof import("openapi-typescript");
