// See operation.ts beside this file.
export type * from "../../../../src/types.js";
