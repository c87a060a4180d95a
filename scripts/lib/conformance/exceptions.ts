/**
 * spec/conformance-exceptions.yaml: the differences from the provider's spec
 * that we mean, each with its reason.
 *
 * The file is a mapping of two lists:
 * - `policies`: the few rules stated once at the top of the file that may use
 *   `*` in their `match` (e.g. `* enum-open`: every server enum is open);
 * - `exceptions`: one difference each, named by `operation` (or a list of
 *   `operations`), `location` and `kind`, with no wildcard, so an exception
 *   never hides a future difference nobody has looked at.
 * Every reason cites the server file (or fixture) it rests on.
 *
 * A wildcard may never explain `required-added` or `type-differs`: those make
 * a request fail or a response mistyped, and each must be argued on its own.
 * The older format (a plain list of `{ match, reason }`) is still read, with
 * that rule enforced too.
 */
import { readFile } from "node:fs/promises";
import { loadYaml } from "../shared/yaml.js";
import type { Exception } from "./model.js";

export class ExceptionsFileError extends Error {
  override name = "ExceptionsFileError";
}

/** Kinds no wildcard may explain (`type-changed` is an alias some people write for `type-differs`). */
export const KINDS_NEVER_WILDCARDED = ["required-added", "type-differs", "type-changed"] as const;

/** A file, line or URL the reason rests on: `SourceReadMapper.kt:25`, `test/fixtures/real/x.json`, `https://...`. */
const CITATION = /(?:[\w.@{}-]+\/)*[\w.@{}-]+\.(?:kt|java|ya?ml|json|ts|md)\b|https?:\/\/\S+/;

type Entry = Record<string, unknown>;
const isEntry = (v: unknown): v is Entry => typeof v === "object" && v !== null && !Array.isArray(v);
const text = (v: unknown): string | undefined => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

export async function loadExceptions(file: string): Promise<Exception[]> {
  let source: string;
  try {
    source = await readFile(file, "utf8");
  } catch {
    throw new ExceptionsFileError(`${file}: cannot read the exceptions file. Create it (\`policies:\` and \`exceptions:\` lists) or pass --exceptions <file>.`);
  }
  let data: unknown;
  try {
    data = loadYaml(source, file);
  } catch (error) {
    throw new ExceptionsFileError(`${file}: not valid YAML: ${(error as { reason?: string }).reason ?? (error as Error).message}`);
  }
  return parseExceptions(data, file);
}

/** Validates a parsed exceptions file and flattens it to the `{ match, reason }` list the matcher uses. */
export function parseExceptions(data: unknown, file: string): Exception[] {
  if (data === null || data === undefined) return [];
  if (Array.isArray(data)) return data.map((entry: unknown, i) => legacyEntry(entry, i, file));
  if (!isEntry(data)) throw new ExceptionsFileError(`${file}: must be a mapping with \`policies:\` and \`exceptions:\` lists.`);
  const unknown = Object.keys(data).filter((key) => key !== "policies" && key !== "exceptions");
  if (unknown.length) throw new ExceptionsFileError(`${file}: unknown key \`${unknown[0]}\`; the file has only \`policies:\` and \`exceptions:\`.`);
  const list = (key: string): unknown[] => {
    const value = data[key];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) throw new ExceptionsFileError(`${file}: \`${key}\` must be a list.`);
    return value;
  };
  const names = new Set<string>();
  const policies = list("policies").map((raw, i) => {
    const where = `${file}: policy ${i + 1}`;
    if (!isEntry(raw)) throw new ExceptionsFileError(`${where} must be a mapping with \`name\`, \`match\` and \`reason\`.`);
    const name = text(raw.name);
    const match = text(raw.match);
    if (!name) throw new ExceptionsFileError(`${where} has no \`name\` (say which policy it states, e.g. open-enums).`);
    if (names.has(name)) throw new ExceptionsFileError(`${where}: the policy \`${name}\` is stated twice; state each policy once.`);
    names.add(name);
    if (!match) throw new ExceptionsFileError(`${where} (\`${name}\`) has no \`match\` (a pattern on difference ids, e.g. "* enum-open").`);
    refuseBlanket(match, `${where} (\`${name}\`)`);
    return { match, reason: citedReason(raw.reason, `${where} (\`${name}\`)`) };
  });
  const exceptions = list("exceptions").flatMap((raw, i) => {
    const where = `${file}: exception ${i + 1}`;
    if (!isEntry(raw)) throw new ExceptionsFileError(`${where} must be a mapping with \`operation\`, \`location\`, \`kind\` and \`reason\`.`);
    const operations = raw.operations === undefined ? [raw.operation] : raw.operations;
    if (raw.operations !== undefined && raw.operation !== undefined) throw new ExceptionsFileError(`${where} has both \`operation\` and \`operations\`; keep one.`);
    if (!Array.isArray(operations) || operations.length === 0 || !operations.every((op) => text(op))) {
      throw new ExceptionsFileError(`${where} names no operation: give \`operation: <operationId>\` or \`operations: [<operationId>, ...]\`.`);
    }
    const location = text(raw.location);
    const kind = text(raw.kind);
    if (!location) throw new ExceptionsFileError(`${where} has no \`location\` (e.g. response.200.body.sourceType, request.body, param.query.limit).`);
    if (!kind) throw new ExceptionsFileError(`${where} has no \`kind\` (e.g. required-removed, property-added).`);
    const ids = (operations as string[]).map((op) => `${op.trim()} ${location} ${kind}`);
    const wild = ids.find((id) => id.includes("*"));
    if (wild) {
      throw new ExceptionsFileError(`${where} (\`${wild}\`): \`*\` is allowed only in a policy stated under \`policies:\`; name each operation and location here.`);
    }
    const reason = citedReason(raw.reason, `${where} (\`${ids[0]}\`)`);
    return ids.map((match) => ({ match, reason }));
  });
  return [...policies, ...exceptions];
}

/** The older format: `- match: <pattern>` + `reason:`; citations are not required there, blanket wildcards are still refused. */
function legacyEntry(entry: unknown, i: number, file: string): Exception {
  const e = isEntry(entry) ? entry : {};
  const match = text(e.match);
  if (!match) throw new ExceptionsFileError(`${file}: entry ${i + 1} has no \`match\` (a pattern on a difference id, e.g. "getSource response.200.body.sourceType required-removed").`);
  const reason = text(e.reason);
  if (!reason) throw new ExceptionsFileError(`${file}: entry ${i + 1} (\`${match}\`) has no \`reason\`: say why this difference is intended.`);
  refuseBlanket(match, `${file}: entry ${i + 1} (\`${match}\`)`);
  return { match, reason };
}

/** A wildcard pattern whose kind could be one of KINDS_NEVER_WILDCARDED is an error. */
function refuseBlanket(match: string, where: string): void {
  if (!match.includes("*")) return;
  const kindPattern = match.trim().split(/\s+/).pop() ?? match;
  const re = matcher(kindPattern);
  const hit = KINDS_NEVER_WILDCARDED.find((kind) => re.test(kind));
  if (hit) {
    throw new ExceptionsFileError(
      `${where}: a wildcard may not explain \`${hit}\` differences; list each one under \`exceptions:\` with its operation, location and the server file it rests on.`,
    );
  }
}

function citedReason(value: unknown, where: string): string {
  const reason = text(value);
  if (!reason) throw new ExceptionsFileError(`${where} has no \`reason\`: say why this difference is intended.`);
  if (!CITATION.test(reason)) {
    throw new ExceptionsFileError(`${where}: the reason cites no source; name the server file it rests on (e.g. SourceReadMapper.kt:25) or the fixture.`);
  }
  return reason;
}

export function matcher(pattern: string): RegExp {
  const escaped = pattern.split("*").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${escaped.join(".*")}$`);
}
