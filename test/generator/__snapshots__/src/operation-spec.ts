// See operation.ts beside this file (the operation entry type the generated table re-exports).
export type * from "../../../../src/operation-spec.js";
