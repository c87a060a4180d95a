/**
 * The real configurations (test/fixtures/connectors/real/) against the
 * generated connector types: each one, as a user copies it, through
 * `sourceConfiguration(name, config)` / `destinationConfiguration(name, config)`
 * and, for comparison, with the discriminator written in and checked by
 * `satisfies SourceConfiguration<name>` (an annotation: excess-property checks
 * apply). One TypeScript program for all of them, errors mapped back to each
 * configuration by position. Used by test/connectors/real.test.ts and by
 * `npm run bench:connectors -- --real`.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import ts from "typescript";
import type { RealConfiguration } from "./real-configs.js";

export type Mode = "helper" | "annotation";

export interface Outcome {
  file: string;
  config: RealConfiguration;
  /** Whether the configuration type-checks, per mode. */
  compiles: Record<Mode, boolean>;
  /** The first error, per mode (empty when it compiles). */
  error: Record<Mode, string>;
}

export async function readRealConfigurations(folder: string): Promise<Array<{ file: string; config: RealConfiguration }>> {
  const files = (await readdir(folder)).filter((f) => f.endsWith(".json")).sort();
  return Promise.all(files.map(async (file) => ({ file, config: JSON.parse(await readFile(join(folder, file), "utf8")) as RealConfiguration })));
}

function statement(mode: Mode, config: RealConfiguration, i: number): string {
  const name = JSON.stringify(config.name);
  const json = JSON.stringify(config.configuration);
  if (mode === "helper") return `export const c${i} = ${config.kind}Configuration(${name}, ${json});`;
  const key = config.kind === "source" ? "sourceType" : "destinationType";
  const type = config.kind === "source" ? "SourceConfiguration" : "DestinationConfiguration";
  const withKey = JSON.stringify({ [key]: config.name, ...config.configuration });
  return `export const a${i} = ${withKey} satisfies ${type}<${name}>;`;
}

/**
 * Type-checks every configuration in both modes. `paths` maps
 * `airbyte-api-client` and `airbyte-api-client/connectors` as the
 * repository's tsconfig.json does.
 */
export function typeCheckReal(entries: Array<{ file: string; config: RealConfiguration }>, repoRoot: string): Outcome[] {
  const header =
    'import { sourceConfiguration, destinationConfiguration } from "airbyte-api-client/connectors";\n' +
    'import type { SourceConfiguration, DestinationConfiguration } from "airbyte-api-client/connectors";\n';
  const lines: Array<{ mode: Mode; index: number }> = [];
  const body: string[] = [];
  for (const mode of ["helper", "annotation"] as const) {
    entries.forEach(({ config }, index) => {
      body.push(statement(mode, config, index));
      lines.push({ mode, index });
    });
  }
  const code = header + body.join("\n") + "\n";
  const fileName = join(repoRoot, "test", "connectors", "__real_configurations__.ts");
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
    paths: {
      "airbyte-api-client": [join(repoRoot, "src", "index.ts")],
      "airbyte-api-client/connectors": [join(repoRoot, "generated", "connectors", "index.d.ts")],
    },
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, onError, create) =>
    name === fileName ? ts.createSourceFile(name, code, language) : getSourceFile(name, language, onError, create);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === fileName || fileExists(name);
  const program = ts.createProgram([fileName], options, host);
  const source = program.getSourceFile(fileName);
  if (!source) throw new Error("the generated check file was not loaded");
  const outcomes: Outcome[] = entries.map(({ file, config }) => ({ file, config, compiles: { helper: true, annotation: true }, error: { helper: "", annotation: "" } }));
  const headerLines = header.split("\n").length - 1;
  for (const d of program.getSemanticDiagnostics(source)) {
    const line = d.start === undefined ? -1 : source.getLineAndCharacterOfPosition(d.start).line - headerLines;
    const at = lines[line];
    if (!at) throw new Error(`a type error outside the configurations: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
    const outcome = outcomes[at.index];
    if (!outcome) continue;
    if (outcome.compiles[at.mode]) outcome.error[at.mode] = ts.flattenDiagnosticMessageText(d.messageText, " ").slice(0, 300);
    outcome.compiles[at.mode] = false;
  }
  return outcomes;
}

export interface Figures {
  valid: number;
  invalid: number;
  /** Of the configurations the schema accepts, how many compile; of those it rejects, how many do not. */
  validCompile: Record<Mode, number>;
  invalidRejected: Record<Mode, number>;
}

export function figures(outcomes: Outcome[]): Figures {
  const valid = outcomes.filter((o) => o.config.schema.valid);
  const invalid = outcomes.filter((o) => !o.config.schema.valid);
  const count = (list: Outcome[], mode: Mode, compiles: boolean) => list.filter((o) => o.compiles[mode] === compiles).length;
  return {
    valid: valid.length,
    invalid: invalid.length,
    validCompile: { helper: count(valid, "helper", true), annotation: count(valid, "annotation", true) },
    invalidRejected: { helper: count(invalid, "helper", false), annotation: count(invalid, "annotation", false) },
  };
}
