/**
 * measure-real.ts on a miniature repository (a temp dir with a two-connector
 * generated/connectors/index.d.ts) instead of the 600 committed files: which
 * configurations compile per mode, the first error of each (flattened, cut at
 * 300 characters), a type error outside the configurations refused, the
 * figures, and the reading of a folder of configurations.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { figures, readRealConfigurations, typeCheckReal, type Outcome } from "../../scripts/lib/connectors/measure-real.js";
import type { RealConfiguration } from "../../scripts/lib/connectors/real-configs.js";

const INDEX = `
export interface SourceConfigurations {
  tiny: { sourceType: "tiny"; api_key: string; count?: number; nested?: { a: string; b: number } | { c: boolean } };
}
export interface DestinationConfigurations {
  sink: { destinationType: "sink"; path: string };
}
export type SourceConfiguration<N extends keyof SourceConfigurations> = SourceConfigurations[N];
export type DestinationConfiguration<N extends keyof DestinationConfigurations> = DestinationConfigurations[N];
export declare function sourceConfiguration<N extends keyof SourceConfigurations>(name: N, configuration: Omit<SourceConfigurations[N], "sourceType">): SourceConfigurations[N];
export declare function destinationConfiguration<N extends keyof DestinationConfigurations>(name: N, configuration: Omit<DestinationConfigurations[N], "destinationType">): DestinationConfigurations[N];
`;

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "unit-measure-real-"));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A miniature repository: package.json (an ES module package, as ours) and the generated index. */
async function miniRepository(index: string | undefined): Promise<void> {
  await writeFile(join(root, "package.json"), '{ "type": "module" }\n');
  if (index === undefined) return;
  await mkdir(join(root, "generated", "connectors"), { recursive: true });
  await writeFile(join(root, "generated", "connectors", "index.d.ts"), index);
}

function real(kind: RealConfiguration["kind"], name: string, configuration: Record<string, unknown>, valid = true): RealConfiguration {
  return { kind, name, origin: { repo: "airbytehq/airbyte", path: `${name}/config.json`, commit: "0".repeat(40) }, configuration, schema: { valid, errors: [] } };
}

function entry(file: string, config: RealConfiguration): { file: string; config: RealConfiguration } {
  return { file, config };
}

const LONG = "x".repeat(400);
const TINY = "{ sourceType: \"tiny\"; api_key: string; count?: number | undefined; nested?: { a: string; b: number; } | { c: boolean; } | undefined; }";

describe("typeCheckReal", () => {
  it("checks each configuration through the helper and as a `satisfies` annotation, keeping the first error of each", async () => {
    await miniRepository(INDEX);
    const entries = [
      entry("source-ok.json", real("source", "tiny", { api_key: "k", count: 2 })),
      entry("destination-ok.json", real("destination", "sink", { path: "/data" })),
      entry("null.json", real("source", "tiny", { api_key: null })),
      entry("two-errors.json", real("source", "tiny", { api_key: 1, count: "x" })),
      entry("nested.json", real("source", "tiny", { api_key: "k", nested: { a: "x" } })),
      entry("long.json", real("source", "tiny", { api_key: "k", [LONG]: 1 })),
      entry("wrong-kind.json", real("destination", "tiny", { path: "/data" })),
    ];
    const outcomes = typeCheckReal(entries, root);
    const both = (message: string): Record<"helper" | "annotation", string> => ({ helper: message, annotation: message });
    const failed = { helper: false, annotation: false };
    const nested =
      "Type '{ a: string; }' is not assignable to type '{ a: string; b: number; } | { c: boolean; } | undefined'.   Property 'b' is missing in type '{ a: string; }' but required in type '{ a: string; b: number; }'.";
    expect(outcomes.map(({ file, compiles, error }) => ({ file, compiles, error }))).toEqual([
      { file: "source-ok.json", compiles: { helper: true, annotation: true }, error: both("") },
      { file: "destination-ok.json", compiles: { helper: true, annotation: true }, error: both("") },
      // strict: null is no string.
      { file: "null.json", compiles: failed, error: both("Type 'null' is not assignable to type 'string'.") },
      // Two errors on one line: the first one stays.
      { file: "two-errors.json", compiles: failed, error: both("Type 'number' is not assignable to type 'string'.") },
      // A chained message, flattened with spaces.
      { file: "nested.json", compiles: failed, error: both(nested) },
      { file: "long.json", compiles: failed, error: both(`Object literal may only specify known properties, and '"${LONG}"' does not exist in type`.slice(0, 300)) },
      {
        file: "wrong-kind.json",
        compiles: failed,
        error: { helper: `Argument of type '"tiny"' is not assignable to parameter of type '"sink"'.`, annotation: `Type '"tiny"' does not satisfy the constraint '"sink"'.` },
      },
    ]);
    expect(outcomes[0]?.config).toBe(entries[0]?.config);
  });

  it("writes the annotation with the configuration's fields after the discriminator, so a wrong one in the file is reported", async () => {
    await miniRepository(INDEX);
    const outcomes = typeCheckReal([entry("a.json", real("source", "tiny", { api_key: "k", sourceType: "other" }))], root);
    expect(outcomes.map((o) => o.error)).toEqual([
      {
        helper: `Object literal may only specify known properties, and '"sourceType"' does not exist in type 'Omit<${TINY}, "sourceType">'.`,
        annotation: `Type '"other"' is not assignable to type '"tiny"'.`,
      },
    ]);
  });

  it("refuses a type error outside the configurations (here: the generated index is missing), quoting it", async () => {
    await miniRepository(undefined);
    expect(() => typeCheckReal([entry("a.json", real("source", "tiny", { api_key: "k" }))], root)).toThrow(
      /^a type error outside the configurations: Cannot find module 'airbyte-api-client\/connectors' or its corresponding type declarations\.$/,
    );
  });
});

function outcome(valid: boolean, helper: boolean, annotation: boolean): Outcome {
  return { file: "f.json", config: real("source", "tiny", {}, valid), compiles: { helper, annotation }, error: { helper: "", annotation: "" } };
}

describe("figures", () => {
  it("count, per mode, the valid configurations that compile and the invalid ones that do not", () => {
    const outcomes = [
      outcome(true, true, true),
      outcome(true, true, false),
      outcome(true, false, false),
      outcome(false, false, false),
      outcome(false, false, true),
      outcome(false, true, true),
      outcome(false, true, true),
    ];
    expect(figures(outcomes)).toEqual({ valid: 3, invalid: 4, validCompile: { helper: 2, annotation: 1 }, invalidRejected: { helper: 2, annotation: 1 } });
    expect(figures([])).toEqual({ valid: 0, invalid: 0, validCompile: { helper: 0, annotation: 0 }, invalidRejected: { helper: 0, annotation: 0 } });
  });
});

describe("readRealConfigurations", () => {
  it("reads the .json files of a folder, parsed, in JavaScript's sort order, and nothing else", async () => {
    // Code-unit order, whatever order the file system lists them in: upper case
    // before lower case, a character outside the BMP (a surrogate pair) before U+FF01.
    const names = ["source-b.json", "\u{ff01}.json", "Source-Z.json", "\u{1f600}.json", "destination-a.json"];
    for (const [i, name] of names.entries()) await writeFile(join(root, name), JSON.stringify(real("source", `n${i}`, { i })));
    await writeFile(join(root, "README.md"), "# not a configuration\n");
    await mkdir(join(root, "nested"));
    const read = await readRealConfigurations(root);
    expect(read.map((r) => [r.file, r.config.name, r.config.configuration])).toEqual([
      ["Source-Z.json", "n2", { i: 2 }],
      ["destination-a.json", "n4", { i: 4 }],
      ["source-b.json", "n0", { i: 0 }],
      ["\u{1f600}.json", "n3", { i: 3 }],
      ["\u{ff01}.json", "n1", { i: 1 }],
    ]);
  });
});
