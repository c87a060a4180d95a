// Plain JavaScript (type-checked by // @ts-check): write-atomic.mjs and the other plain entry points sort with it before any TypeScript loader.
// @ts-check
/**
 * The one order for everything the toolchain writes or prints: code points
 * (UTF-16 code units, as `<` compares strings). Never `localeCompare`: its
 * answer depends on the machine's locale (tr_TR puts "I" elsewhere than en),
 * so two maintainers would commit different bytes for the same spec.
 */

/**
 * @param {string} a
 * @param {string} b
 * @returns {number}
 */
export function byCodePoint(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
