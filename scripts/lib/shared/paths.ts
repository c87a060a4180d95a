// scripts/lib/shared/: the ground floor of the toolchain: where things are, arguments, fingerprints, atomic writes, loading TypeScript from plain Node. May import from scripts/lib: nothing.
// The paths live in paths.mjs (plain JavaScript, for the fast entry points); TypeScript modules import them from here.
export * from "./paths.mjs";
