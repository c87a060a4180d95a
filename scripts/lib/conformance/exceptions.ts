/**
 * spec/conformance-exceptions.yaml: the differences from the provider's spec
 * that we mean, each with its reason. `match` is a pattern on a difference id
 * where `*` stands for any run of characters.
 */
import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import type { Exception } from "./model.js";

export class ExceptionsFileError extends Error {
  override name = "ExceptionsFileError";
}

export async function loadExceptions(file: string): Promise<Exception[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new ExceptionsFileError(`${file}: cannot read the exceptions file. Create it (a YAML list of { match, reason }) or pass --exceptions <file>.`);
  }
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    throw new ExceptionsFileError(`${file}: not valid YAML: ${(error as Error).message}`);
  }
  if (data === null || data === undefined) return [];
  if (!Array.isArray(data)) throw new ExceptionsFileError(`${file}: must be a YAML list of { match, reason } entries.`);
  return data.map((entry: unknown, i) => {
    const e = entry as Partial<Exception> | null;
    if (!e || typeof e.match !== "string" || e.match.trim() === "") {
      throw new ExceptionsFileError(`${file}: entry ${i + 1} has no \`match\` (a pattern on a difference id, e.g. "getSource response.200.body.sourceType required-removed").`);
    }
    if (typeof e.reason !== "string" || e.reason.trim() === "") {
      throw new ExceptionsFileError(`${file}: entry ${i + 1} (\`${e.match}\`) has no \`reason\`: say why this difference is intended.`);
    }
    return { match: e.match, reason: e.reason.trim() };
  });
}

export function matcher(pattern: string): RegExp {
  const escaped = pattern.split("*").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${escaped.join(".*")}$`);
}
