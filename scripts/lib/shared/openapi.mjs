// Plain JavaScript (type-checked by // @ts-check): the lint rules, which Redocly loads as JavaScript, share it with the TypeScript modules.
// @ts-check
/** Words of OpenAPI documents that every reader of a spec needs, written once. */

/** The operations a path item can hold (OpenAPI 3.x), in the specification's order. */
export const HTTP_METHODS = /** @type {const} */ (["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

/**
 * A JSON object: not null, not an array.
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
export function isJsonObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
