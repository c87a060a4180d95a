// @ts-check
/**
 * npm run build: compiles src/ and generated/ to dist/ incrementally
 * (`tsc -b` with its build info in dist/), then removes outputs whose source
 * is gone, which `rm -rf dist` used to do at the price of a full rebuild.
 * `npm run generate` calls the same build, skipping it when nothing it reads
 * has changed since the last one.
 */
import { buildDist } from "./lib/build.mjs";

process.exitCode = (await buildDist({ force: true })) ? 0 : 1;
