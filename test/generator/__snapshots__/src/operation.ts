// The snapshot operations.ts files import the runtime as generated/ does ("../src/…"); this shim makes
// those imports resolve here too, so the snapshots type-check against the real src/.
export * from "../../../../src/operation.js";
