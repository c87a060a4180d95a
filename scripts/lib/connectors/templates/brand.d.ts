/**
 * Type-only brands of the connector types (there is no brand.js: nothing here
 * exists at run time, and no value is ever branded by them).
 */
/** Marks an object whose schema allows no keys but its own (`additionalProperties: false`). */
export declare const closedObject: unique symbol;
/** Marks a connector name opted out of the known names with `custom()` or `Custom<>`. */
export declare const customName: unique symbol;
