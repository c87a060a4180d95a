// The paths live in paths.mjs (plain JavaScript, for the fast entry points); TypeScript modules import them from here.
export * from "./paths.mjs";
