/**
 * Options are read as own properties only. Reading `options.tokenUrl` on a
 * plain object falls through to `Object.prototype` when the key is absent, so
 * a prototype polluted anywhere in the process (`Object.prototype.baseUrl =
 * "https://evil.example"`) would redirect requests and secrets. Each options
 * object is therefore copied once into a null-prototype object, and only that
 * copy is read. Getters are called once, here, so a value cannot change
 * between its check and its use.
 */
export function own<T>(value: T): T {
  return Object.assign(Object.create(null) as object, value) as T;
}
