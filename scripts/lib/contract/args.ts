/** Command-line arguments of `npm run contract`. */
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
  "npm run contract -- --base-url <url> (--token <token> | --client-id <id> --client-secret <secret>) [--limit <n>] [--json] [--spec <openapi.yaml>]";

/** Bad command-line input: the message says what was wrong and how to fix it. */
export class ContractArgsError extends Error {
  override readonly name = "ContractArgsError";
}

const valued = new Set(["--base-url", "--token", "--client-id", "--client-secret", "--limit", "--spec"]);

export function parseContractArgs(argv: readonly string[]): ContractArgs {
  const values = new Map<string, string>();
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] ?? "";
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
  if (parsed.username || parsed.password) throw new ContractArgsError("--base-url must not hold credentials; pass --token or --client-id/--client-secret instead.");

  const token = values.get("--token");
  const clientId = values.get("--client-id");
  const clientSecret = values.get("--client-secret");
  let auth: ContractAuth;
  if (token !== undefined && (clientId !== undefined || clientSecret !== undefined)) {
    throw new ContractArgsError("give either --token or --client-id with --client-secret, not both.");
  } else if (token !== undefined) {
    auth = { bearerToken: token };
  } else if (clientId !== undefined && clientSecret !== undefined) {
    auth = { clientId, clientSecret };
  } else {
    throw new ContractArgsError("credentials are required: --token <token>, or --client-id <id> with --client-secret <secret>.");
  }

  const limitText = values.get("--limit") ?? "2";
  const limit = Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 20) throw new ContractArgsError(`--limit must be a whole number from 1 to 20; got ${limitText}.`);
  return { baseUrl, auth, limit, json, spec: resolve(values.get("--spec") ?? defaultSpec) };
}
