import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * `npm run test:consumers`: the packed package as users install it, on several
 * Node and TypeScript versions and in Chromium. Slow (downloads Node and
 * TypeScript builds on a fresh machine), so not part of `npm test`; .ci/run
 * runs it. Files are named *.consumer.ts so the main config never picks them up.
 */
export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  test: {
    include: ["test/consumers/**/*.consumer.ts", "test/browser/**/*.consumer.ts"],
    globalSetup: ["test/consumers/global-setup.ts"],
    // Two cores shared with other work: one file at a time.
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 600_000,
  },
});
