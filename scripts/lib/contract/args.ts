/**
 * Command-line arguments of `npm run contract`. Credentials never come from
 * the command line, where `ps` and shell history show them to others: the
 * token and the client secret are read from the environment (the client's
 * own variable names) or from a file (`-` for stdin).
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { defaultSpec } from "../shared/paths.js";

export type ContractAuth = { bearerToken: string } | { clientId: string; clientSecret: string };

export interface ContractArgs {
  baseUrl: string;
  auth: ContractAuth;
  /** How many ids of each kind to take from the lists for the get* calls. */
  limit: number;
  json: boolean;
  spec: string;
}

export const contractUsage =
  "AIRBYTE_BEARER_TOKEN=<token> npm run contract -- --base-url <url> [--token-file <file | ->] [--client-id <id>] [--client-secret-file <file | ->] [--limit <n>] [--json] [--spec <openapi.yaml>] " +
  "(or AIRBYTE_CLIENT_ID and AIRBYTE_CLIENT_SECRET for client credentials)";

/** The environment variables read, as the client's examples name them. */
export const CONTRACT_ENV = { token: "AIRBYTE_BEARER_TOKEN", clientId: "AIRBYTE_CLIENT_ID", clientSecret: "AIRBYTE_CLIENT_SECRET" } as const;

/** Reads a credential file, `-` meaning stdin; trailing whitespace (the newline of `echo`) dropped. */
function readSecretFile(path: string): string {
  return readFileSync(path === "-" ? 0 : path, "utf8").trimEnd();
}

/** Bad command-line input: the message says what was wrong and how to fix it. */
export class ContractArgsError extends Error {
  override readonly name = "ContractArgsError";
}

const valued = new Set(["--base-url", "--token-file", "--client-id", "--client-secret-file", "--limit", "--spec"]);
/** Flags that would put a credential on the command line, and where to put it instead. */
const ON_ARGV: Record<string, string> = {
  "--token": `${CONTRACT_ENV.token} in the environment, or --token-file <file> (- reads stdin)`,
  "--client-secret": `${CONTRACT_ENV.clientSecret} in the environment, or --client-secret-file <file> (- reads stdin)`,
};

/**
 * @param env where AIRBYTE_BEARER_TOKEN, AIRBYTE_CLIENT_ID and AIRBYTE_CLIENT_SECRET are read
 * @param readSecret reads a --token-file or --client-secret-file (`-`: stdin)
 */
export function parseContractArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = process.env,
  readSecret: (path: string) => string = readSecretFile,
): ContractArgs {
  const values = new Map<string, string>();
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = (argv[i] ?? "").split("=", 1)[0] ?? "";
    const instead = ON_ARGV[flag];
    if (instead !== undefined) {
      throw new ContractArgsError(`${flag} is refused: a credential on the command line is visible to every user of this machine (ps, shell history). Set ${instead}.`);
    }
    if (flag === "--json") {
      json = true;
      continue;
    }
    if (!valued.has(flag)) throw new ContractArgsError(`unknown argument \`${flag}\`. Usage: ${contractUsage}`);
    const value = argv[i + 1];
    // Never echo the value: it may be a credential.
    if (value === undefined || value.startsWith("--") || value === "") throw new ContractArgsError(`${flag} needs a value. Usage: ${contractUsage}`);
    values.set(flag, value);
    i++;
  }
  const baseUrl = values.get("--base-url");
  if (!baseUrl) throw new ContractArgsError(`--base-url is required, e.g. https://airbyte.example.com/api/public/v1. Usage: ${contractUsage}`);
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new ContractArgsError("--base-url is not an absolute URL; give it with its scheme, e.g. https://airbyte.example.com/api/public/v1.");
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new ContractArgsError("--base-url must be an http or https URL.");
  if (parsed.username || parsed.password) throw new ContractArgsError(`--base-url must not hold credentials; set ${CONTRACT_ENV.token} (or ${CONTRACT_ENV.clientId} and ${CONTRACT_ENV.clientSecret}) instead.`);

  const fromFile = (flag: string): string | undefined => {
    const path = values.get(flag);
    if (path === undefined) return undefined;
    let text: string;
    try {
      text = readSecret(path);
    } catch (error) {
      throw new ContractArgsError(`${flag} ${path}: cannot read it (${(error as NodeJS.ErrnoException).code ?? "error"}).`);
    }
    if (text === "") throw new ContractArgsError(`${flag} ${path} is empty.`);
    return text;
  };
  const nonEmpty = (v: string | undefined) => (v === undefined || v === "" ? undefined : v);
  const token = fromFile("--token-file") ?? nonEmpty(env[CONTRACT_ENV.token]);
  const clientId = values.get("--client-id") ?? nonEmpty(env[CONTRACT_ENV.clientId]);
  const clientSecret = fromFile("--client-secret-file") ?? nonEmpty(env[CONTRACT_ENV.clientSecret]);
  let auth: ContractAuth;
  if (token !== undefined && (clientId !== undefined || clientSecret !== undefined)) {
    throw new ContractArgsError(`give either a token (${CONTRACT_ENV.token} or --token-file) or client credentials (${CONTRACT_ENV.clientId} and ${CONTRACT_ENV.clientSecret}), not both.`);
  } else if (token !== undefined) {
    auth = { bearerToken: token };
  } else if (clientId !== undefined && clientSecret !== undefined) {
    auth = { clientId, clientSecret };
  } else {
    throw new ContractArgsError(
      `credentials are required: set ${CONTRACT_ENV.token} (or pass --token-file <file>, - for stdin), or ${CONTRACT_ENV.clientId} with ${CONTRACT_ENV.clientSecret} (or --client-secret-file).`,
    );
  }

  const limitText = values.get("--limit") ?? "2";
  const limit = Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 20) throw new ContractArgsError(`--limit must be a whole number from 1 to 20; got ${limitText}.`);
  return { baseUrl, auth, limit, json, spec: resolve(values.get("--spec") ?? defaultSpec) };
}
