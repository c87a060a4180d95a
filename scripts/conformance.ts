/**
 * npm run conformance -- <provider-spec.yaml> [--ours spec/openapi.yaml]
 *                        [--exceptions spec/conformance-exceptions.yaml] [--json out.json]
 *
 * Compares our spec with a provider's, operation by operation and field by
 * field. Exit 0: every difference is explained by an exception. Exit 1: some
 * difference is not (or an operation is missing). Exit 2: bad input.
 */
import { writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { ExceptionsFileError, loadExceptions } from "./lib/conformance/exceptions.js";
import { formatReport } from "./lib/conformance/report.js";
import { ProviderFileError, runConformance } from "./lib/conformance/run.js";
import { defaultSpec, displayPath, repoRoot } from "./lib/shared/paths.js";
import { SpecError } from "./lib/spec/error.js";

const usage = "npm run conformance -- <provider-spec.yaml> [--ours <openapi.yaml>] [--exceptions <file>] [--json <out.json>]";
const argv = process.argv.slice(2);
let provider: string | undefined;
let ours = defaultSpec;
let exceptionsFile = join(repoRoot, "spec", "conformance-exceptions.yaml");
let jsonOut: string | undefined;
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i] ?? "";
  const value = argv[i + 1];
  if (["--ours", "--exceptions", "--json"].includes(arg)) {
    if (!value || value.startsWith("--")) {
      console.error(`${arg} needs a value.\nUsage: ${usage}`);
      process.exit(2);
    }
    if (arg === "--ours") ours = resolve(value);
    else if (arg === "--exceptions") exceptionsFile = resolve(value);
    else jsonOut = resolve(value);
    i++;
  } else if (!arg.startsWith("--") && provider === undefined) {
    provider = resolve(arg);
  } else {
    console.error(`Unknown argument \`${arg}\`.\nUsage: ${usage}`);
    process.exit(2);
  }
}
if (!provider) {
  console.error(`Which provider spec? Usage: ${usage}`);
  process.exit(2);
}

try {
  const exceptions = await loadExceptions(exceptionsFile);
  const result = await runConformance(ours, provider, exceptions);
  console.log(formatReport({ ...result, provider: { ...result.provider, file: displayPath(provider) } }, displayPath(ours)));
  if (jsonOut) await writeFile(jsonOut, `${JSON.stringify(result, null, 2)}\n`);
  process.exitCode = result.unexplained === 0 ? 0 : 1;
} catch (error) {
  if (error instanceof ExceptionsFileError || error instanceof ProviderFileError || error instanceof SpecError) {
    console.error(error.message);
    process.exitCode = 2;
  } else throw error;
}
