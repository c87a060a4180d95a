// scripts/lib/package/: generated/ + src/ -> dist/: compile, the CommonJS face, bundle sizes. May import from scripts/lib: shared.
/**
 * The build itself, loaded by build.mjs only when dist/ is out of date:
 * compile (compile.ts), then the CommonJS face (cjs-face.ts).
 */
import { buildCjs } from "./cjs-face.js";
import { compileDist } from "./compile.js";

export async function buildAll(): Promise<void> {
  await compileDist();
  await buildCjs();
}
