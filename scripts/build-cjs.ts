/**
 * Writes the CommonJS face of the package into dist/cjs (scripts/lib/package/cjs-face.ts
 * says what it is). `npm run build` does this itself; this entry point is for
 * running that step alone: `tsx scripts/build-cjs.ts`.
 */
import { buildCjs } from "./lib/package/cjs-face.js";

await buildCjs();
