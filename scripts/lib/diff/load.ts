/**
 * One side of a spec diff as a single document. A split spec is bundled by
 * the same Redocly step `npm run generate` uses, so `$ref`s across files are
 * resolved exactly as the client sees them; a single-file spec (no external
 * `$ref`) is only parsed, which keeps fixture diffs fast.
 */
import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import type { Json, Node } from "../conformance/model.js";
import { isNode } from "../conformance/resolve.js";
import { bundleSpec } from "../spec/redocly.js";
import { SpecError } from "../spec/error.js";
import { BaseError } from "./git.js";

function hasExternalRef(value: Json): boolean {
  if (Array.isArray(value)) return value.some(hasExternalRef);
  if (!isNode(value)) return false;
  for (const [key, child] of Object.entries(value)) {
    if (key === "$ref" && typeof child === "string" && !child.startsWith("#")) return true;
    if (hasExternalRef(child)) return true;
  }
  return false;
}

/** Reads, parses (YAML alias guard on) and if needed bundles a spec; `label` names it in errors. */
export async function loadSpecDocument(file: string, label: string): Promise<Node> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new BaseError(`The ${label} has no spec at ${file}: pass --base <ref | spec file> pointing at an OpenAPI root file.`);
  }
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (error) {
    throw new BaseError(`The ${label} spec does not parse (${file}): ${(error as Error).message.split("\n")[0]}. Fix its YAML, or diff against another --base.`);
  }
  if (!isNode(doc) || !isNode(doc.paths)) throw new BaseError(`The ${label} spec (${file}) is not an OpenAPI document: it has no \`paths\`.`);
  if (!hasExternalRef(doc)) return doc;
  try {
    const bundled = await bundleSpec(file);
    if (!isNode(bundled)) throw new BaseError(`The ${label} spec (${file}) did not bundle into an OpenAPI document.`);
    return bundled;
  } catch (error) {
    if (error instanceof SpecError) {
      const first = error.problems[0];
      throw new BaseError(`The ${label} spec does not bundle: ${first ? `${first.file}${first.line ? `:${first.line}` : ""} ${first.message}` : error.message.split("\n")[0]}`);
    }
    throw error;
  }
}
