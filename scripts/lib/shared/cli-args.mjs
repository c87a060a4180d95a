// Plain JavaScript (type-checked by // @ts-check): the arguments of generate, check:drift and lint:spec, read before any TypeScript loader.
// @ts-check
/** Command-line arguments of generate, check:drift and lint:spec. */
import { resolve } from "node:path";
import { defaultGenerated, defaultSpec } from "./paths.mjs";

/**
 * @typedef {object} CliArgs
 * @property {string} spec absolute path of the spec's root file
 * @property {string} out absolute path of the generated folder
 * @property {boolean} force regenerate even when the cache has the result
 * @property {string} format lint output format
 * @property {boolean} defaults whether both --spec and --out were left out (the repository's own spec and generated/)
 */

/**
 * `--spec <file>`, `--out <dir>`, `--force` and `--format <name>`. Anything
 * else exits with code 2 and the usage, before any work is done.
 * @param {readonly string[]} argv
 * @param {string} usage
 * @param {{ allow?: ReadonlyArray<"--spec" | "--out" | "--force" | "--format"> }} [options]
 * @returns {CliArgs}
 */
export function parseArgs(argv, usage, options = {}) {
  const allow = new Set(options.allow ?? ["--spec", "--out", "--force"]);
  /** @type {CliArgs} */
  const args = { spec: defaultSpec, out: defaultGenerated, force: false, format: "stylish", defaults: true };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? "";
    const value = argv[i + 1];
    if (!allow.has(/** @type {"--spec"} */ (flag))) fail(`Unknown argument \`${flag}\`.`, usage);
    if (flag === "--force") {
      args.force = true;
      continue;
    }
    if (!value || value.startsWith("--")) fail(`\`${flag}\` needs a value.`, usage);
    if (flag === "--spec") args.spec = resolve(value);
    else if (flag === "--out") args.out = resolve(value);
    else args.format = value;
    if (flag !== "--format") args.defaults = false;
    i++;
  }
  return args;
}

/**
 * @param {string} message
 * @param {string} usage
 * @returns {never}
 */
function fail(message, usage) {
  console.error(`${message}\nUsage: ${usage}`);
  process.exit(2);
}
