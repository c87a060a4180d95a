/** The versions the consumer matrix runs, and README "Compatibility" states (test/package/metadata.test.ts keeps them equal). */

/** The lowest release of each line where require(esm) is on by default (package.json engines), and the newest 24. */
export const NODE_VERSIONS = ["20.19.0", "22.12.0", "24.21.0"];

/** The oldest TypeScript that compiles our declarations (and openapi-fetch's), the current 5.x, and 7.x. */
export const TYPESCRIPT_VERSIONS = ["5.4.5", "5.9.3", "7.0.2"];
