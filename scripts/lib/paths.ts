import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (two levels above scripts/lib/). */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export const defaultSpec = join(repoRoot, "spec", "openapi.yaml");
export const defaultGenerated = join(repoRoot, "generated");
export const redoclyConfig = join(repoRoot, "redocly.yaml");
export const prettierConfig = join(repoRoot, ".prettierrc.json");

/** A path as people read it in messages: relative to the working directory. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") ? path : rel || ".";
}
