import { resolve } from "node:path";
import { defaultGenerated, defaultSpec } from "./paths.js";

export interface CliArgs {
  spec: string;
  out: string;
}

/** `--spec <file>` and `--out <dir>` (defaults: spec/openapi.yaml, generated/). */
export function parseArgs(argv: readonly string[], usage: string): CliArgs {
  const args: CliArgs = { spec: defaultSpec, out: defaultGenerated };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if ((flag === "--spec" || flag === "--out") && value && !value.startsWith("--")) {
      args[flag === "--spec" ? "spec" : "out"] = resolve(value);
      i++;
    } else {
      console.error(`Unknown or incomplete argument \`${flag}\`.\nUsage: ${usage}`);
      process.exit(2);
    }
  }
  return args;
}
