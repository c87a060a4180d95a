/** openapi-typescript, loaded with `require` (see cjs.ts): only the type emitter imports it. */
import { createRequire } from "node:module";

export const openapiTS = createRequire(import.meta.url)("openapi-typescript") as typeof import("openapi-typescript");
