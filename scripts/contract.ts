/**
 * AIRBYTE_BEARER_TOKEN=<token> npm run contract -- --base-url <url> [--limit <n>] [--json] [--spec <file>]
 * (or AIRBYTE_CLIENT_ID and AIRBYTE_CLIENT_SECRET; or --token-file / --client-secret-file, `-` for stdin).
 * A credential on the command line (--token, --client-secret) is refused: `ps` shows it to every user.
 *
 * A read-only live check of a real Airbyte server against our spec: the
 * health check, every list, then the get* operations on ids the lists gave
 * (at most --limit per kind, default 2). Every answer is validated with Ajv.
 * It sends no write: only GETs (and, with client credentials, the token request).
 * Exit 0: the server matches the spec; 1: differences (see the report);
 * 2: bad arguments, or the check cannot run (wrong base URL, wrong credentials, an HTML answer).
 */
import { ContractArgsError, parseContractArgs } from "./lib/contract/args.js";
import { differenceCount, formatJson, formatMarkdown } from "./lib/contract/report.js";
import { ContractFatalError, runContract } from "./lib/contract/run.js";
import { SpecError } from "./lib/spec/error.js";
import { loadSpecValidator } from "./lib/spec/validator.js";

const argv = process.argv.slice(2);
let secrets: string[] = [];

try {
  const args = parseContractArgs(argv);
  secrets = Object.values(args.auth).filter((value) => value.length >= 4);
  const validator = await loadSpecValidator(args.spec);
  const report = await runContract(args, validator);
  process.stdout.write(redact(args.json ? formatJson(report) : formatMarkdown(report)));
  process.exitCode = differenceCount(report) === 0 ? 0 : 1;
} catch (error) {
  if (error instanceof ContractArgsError || error instanceof ContractFatalError || error instanceof SpecError) {
    console.error(redact(`contract: ${error.message.split("\n")[0] ?? ""}`));
    process.exitCode = 2;
  } else {
    console.error(redact(`contract: unexpected failure: ${error instanceof Error ? error.message : String(error)}`));
    process.exitCode = 2;
  }
}

function redact(text: string): string {
  return secrets.reduce((t, secret) => t.split(secret).join("[REDACTED]"), text);
}
