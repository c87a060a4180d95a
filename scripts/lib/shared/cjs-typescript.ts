/**
 * TypeScript, loaded with `require` (see cjs.ts for why: as an ES import,
 * Node's scan of typescript.js for its export names alone costs about 0.6 s
 * of CPU per run). Only the modules that emit, format or parse code import it.
 */
import { createRequire } from "node:module";

export const ts = createRequire(import.meta.url)("typescript") as typeof import("typescript");
