// scripts/lib/conformance/: our spec against a provider's: the comparison engine, its report, the documented exceptions. May import from scripts/lib: shared, spec.
/** Our spec vs a provider's: load both, compare, apply the exceptions. */
import { readFile } from "node:fs/promises";
import { loadYaml } from "../shared/yaml.js";
import { compareOperations } from "./compare-operations.js";
import { matcher } from "./exceptions.js";
import type { ConformanceResult, Difference, Exception, Node } from "./model.js";
import { isNode } from "./resolve.js";

export class ProviderFileError extends Error {
  override name = "ProviderFileError";
}

export async function loadProvider(file: string): Promise<Node> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new ProviderFileError(`${file}: cannot read the provider's spec. Pass the path of an OpenAPI YAML or JSON file.`);
  }
  let doc: unknown;
  try {
    // A provider file is untrusted input: the toolchain's one loader, with its
    // alias, depth and size limits (a 1 KB "billion laughs" file fails at once).
    doc = loadYaml(text, file);
  } catch (error) {
    throw new ProviderFileError(`${file}: not valid YAML/JSON: ${(error as { reason?: string }).reason ?? (error as Error).message.split("\n")[0]}`);
  }
  if (!isNode(doc) || !isNode(doc.paths)) throw new ProviderFileError(`${file}: not an OpenAPI document (no \`paths\`).`);
  return doc;
}

export async function runConformance(oursSpec: string, providerFile: string, exceptions: Exception[]): Promise<ConformanceResult> {
  // The provider's file first, then Redocly: a file that is not OpenAPI is refused
  // before Redocly is loaded (about half a CPU second of each run).
  const theirs = await loadProvider(providerFile);
  const { bundleSpec } = await import("../spec/redocly.js");
  const ours = await bundleSpec(oursSpec);
  const comparison = compareOperations(ours as Node, theirs);
  const patterns = exceptions.map((e) => ({ exception: e, re: matcher(e.match), used: false }));
  const differences = comparison.differences.map((d): Difference & { explainedBy?: string } => {
    const hit = patterns.find((p) => p.re.test(d.id));
    if (hit) hit.used = true;
    return hit ? { ...d, explainedBy: hit.exception.match } : d;
  });
  // Dangling refs are the provider's defects; they are listed apart and never counted against us.
  const counted = differences.filter((d) => d.kind !== "provider-dangling-ref");
  const info = isNode(theirs.info) ? theirs.info : {};
  return {
    provider: { file: providerFile, title: typeof info.title === "string" ? info.title : undefined, version: typeof info.version === "string" ? info.version : undefined },
    operations: { matched: comparison.matched, missing: comparison.missing, extra: comparison.extra },
    differences,
    unexplained: counted.filter((d) => !d.explainedBy).length,
    explained: counted.filter((d) => d.explainedBy).length,
    staleExceptions: patterns.filter((p) => !p.used).map((p) => p.exception),
    providerDefects: [
      ...comparison.providerDefects,
      ...differences.filter((d) => d.kind === "provider-dangling-ref").map((d) => `${d.operationId} ${d.location}: ${d.detail}`),
    ].filter((v, i, all) => all.indexOf(v) === i),
  };
}
