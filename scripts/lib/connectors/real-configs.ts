/**
 * tsx scripts/lib/connectors/real-configs.ts --provider <api_sdk.yaml> --terraform <git dir> --commit <sha> --airbyte <list.txt> --out <dir>
 *
 * Builds the sample of real connector configurations the connector types are
 * measured against (test/fixtures/connectors/real/): one small JSON file per
 * configuration, recording where it came from (repository, path, commit), its
 * configuration with every `airbyte_secret` value replaced by a placeholder,
 * and the verdict of a JSON Schema validator (ajv, with formats) on the
 * connector's create schema from the provider spec. The verdict is stored so
 * the test needs no copy of the provider spec (it is not ours to commit); the
 * test re-derives it when one is at hand.
 *
 * Inputs:
 *  - `--airbyte`: configurations read from airbytehq/airbyte
 *    (`airbyte-integrations/connectors/<connector>/integration_tests/*config*.json`),
 *    as pairs of lines: `<kind> <name> <commit> <path>` then the JSON;
 *  - `--terraform`: the examples of airbytehq/terraform-provider-airbyte at
 *    `--commit` (the last one with a resource per connector), `examples/resources/
 *    airbyte_<kind>_<name>/resource.tf`, converted from HCL to the API's JSON
 *    (terraform.ts): every destination and every fifth source.
 */
import { execFileSync } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { readProvider, type ConnectorKind, type ConnectorSchemas } from "./read-provider.js";
import { isSchema, type JsonSchema } from "./json-schema.js";
import { terraformConfiguration } from "./terraform.js";
import { schemaVerdict, type Verdict } from "./verdict.js";

export interface RealConfiguration {
  kind: ConnectorKind;
  name: string;
  origin: { repo: string; path: string; commit: string; converted?: string };
  configuration: Record<string, unknown>;
  /** ajv on the connector's create schema (with the discriminator added). */
  schema: Verdict;
}

const SECRET = "<secret>";

/** Every `airbyte_secret` string value, wherever the schema (or a oneOf branch of it) has one, becomes SECRET. */
export function redactSecrets(value: unknown, schema: JsonSchema): unknown {
  if (Array.isArray(value)) return value.map((item) => (isSchema(schema.items) ? redactSecrets(item, schema.items) : item));
  if (!isSchema(value)) return schema.airbyte_secret === true && typeof value === "string" ? SECRET : value;
  const candidates = [schema, ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])].filter(isSchema);
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const field = candidates.map((c) => c.properties?.[key]).find(isSchema);
    out[key] = field ? redactSecrets(child, field) : child;
  }
  return out;
}

function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { provider: { type: "string" }, terraform: { type: "string" }, commit: { type: "string" }, airbyte: { type: "string" }, out: { type: "string" } },
  });
  if (!values.provider || !values.out) throw new Error("Usage: real-configs.ts --provider <api_sdk.yaml> --out <dir> [--airbyte <list>] [--terraform <git dir> --commit <sha>]");
  const provider = await readProvider(values.provider);
  const byId = new Map(provider.connectors.map((c) => [`${c.kind}-${c.name}`, c]));
  const found: RealConfiguration[] = [];
  const add = (connector: ConnectorSchemas, origin: RealConfiguration["origin"], raw: Record<string, unknown>) => {
    const configuration = redactSecrets(raw, connector.create) as Record<string, unknown>;
    found.push({ kind: connector.kind, name: connector.name, origin, configuration, schema: schemaVerdict(connector, configuration) });
  };

  if (values.airbyte) {
    const lines = (await readFile(values.airbyte, "utf8")).split("\n").filter((l) => l.trim());
    for (let i = 0; i + 1 < lines.length; i += 2) {
      const [kind, name, commit, path] = (lines[i] ?? "").split(" ");
      const connector = byId.get(`${kind}-${name}`);
      if (!connector || !commit || !path) continue;
      add(connector, { repo: "airbytehq/airbyte", path, commit }, JSON.parse(lines[i + 1] ?? "{}") as Record<string, unknown>);
    }
  }

  if (values.terraform && values.commit) {
    const git = (...args: string[]) => execFileSync("git", ["--git-dir", values.terraform ?? "", ...args], { encoding: "utf8", maxBuffer: 64 << 20 });
    const files = git("ls-tree", "-r", "--name-only", values.commit, "examples/resources")
      .split("\n")
      .filter((f) => /^examples\/resources\/airbyte_(source|destination)_[a-z0-9_]+\/resource\.tf$/.test(f))
      .sort();
    let sourceIndex = 0;
    for (const path of files) {
      const [, kind = "", tfName = ""] = /airbyte_(source|destination)_([a-z0-9_]+)\//.exec(path) ?? [];
      if (kind === "source" && sourceIndex++ % 5 !== 0) continue;
      const connector = byId.get(`${kind}-${tfName.replaceAll("_", "-")}`) ?? [...byId.values()].find((c) => c.kind === kind && c.name.replace(/[^a-z0-9]/g, "") === tfName.replace(/_/g, ""));
      if (!connector) continue;
      const hcl = git("show", `${values.commit}:${path}`);
      const converted = terraformConfiguration(hcl, connector.create);
      if (!converted) continue;
      add(connector, { repo: "airbytehq/terraform-provider-airbyte", path, commit: values.commit, converted: "HCL to JSON; oneOf branches unwrapped by title, their const discriminators added (terraform.ts)" }, converted);
    }
  }

  await rm(values.out, { recursive: true, force: true });
  await mkdir(values.out, { recursive: true });
  const names = new Set<string>();
  for (const config of found) {
    const base = `${config.kind}-${config.name}--${slug(config.origin.repo.split("/")[1] ?? "")}-${slug(config.origin.path.split("/").pop()?.replace(/\.(json|tf)$/, "") ?? "")}`;
    let name = base;
    for (let n = 2; names.has(name); n++) name = `${base}-${n}`;
    names.add(name);
    await writeFile(join(values.out, `${name}.json`), `${JSON.stringify(config, null, 2)}\n`);
  }
  const valid = found.filter((c) => c.schema.valid).length;
  console.log(`${found.length} configurations written to ${values.out}: ${valid} valid, ${found.length - valid} invalid under the provider's schemas.`);
}

if (process.argv[1]?.endsWith("real-configs.ts")) await main();
