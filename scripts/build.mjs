// Plain JavaScript: npm run build starts without a TypeScript loader (nothing to do when dist/ is up to date).
// @ts-check
/**
 * npm run build: compiles src/ and generated/ to dist/ (JavaScript by esbuild,
 * declarations by TypeScript without a type-check: scripts/lib/package/compile.ts),
 * writes the CommonJS face, then removes outputs whose source is gone.
 * `npm run generate` calls the same build, skipping it when nothing it reads
 * has changed since the last one. Type errors are `npm run typecheck`'s to
 * report (part of `npm test`).
 */
import { buildDist } from "./lib/package/build.mjs";

process.exitCode = (await buildDist({ force: true })) ? 0 : 1;
