/**
 * Connector names as a user meets them in an editor and in tsc: the
 * TypeScript language service completes them (in the helper's first argument
 * and in a type argument), and a misspelt one is a compile error that names it.
 * Run on the committed generated/connectors/ through the repository's paths.
 */
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/run.js";

const fileName = join(repoRoot, "test", "connectors", "__names__.ts");
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

/**
 * One registry for the file's language services: each parses the standard
 * library and the connector declarations (1.6 MB) once, not once per service.
 */
const registry = ts.createDocumentRegistry();
/** The test's own file changes from service to service: a new version each time, so the registry never hands back an old text. */
let versions = 0;

function service(code: string): ts.LanguageService {
  const version = String(++versions);
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [fileName],
    getScriptVersion: (name) => (name === fileName ? version : "1"),
    getScriptSnapshot: (name) => {
      const text = name === fileName ? code : ts.sys.readFile(name);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => repoRoot,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (name) => name === fileName || ts.sys.fileExists(name),
    readFile: (name) => (name === fileName ? code : ts.sys.readFile(name)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  return ts.createLanguageService(host, registry);
}

const IMPORT = 'import { sourceConfiguration, destinationConfiguration, type SourceConfiguration } from "airbyte-api-client/connectors";\n';

function completionsAt(code: string, marker: string): string[] {
  const source = IMPORT + code.replace(marker, "");
  const position = IMPORT.length + code.indexOf(marker);
  const completions = service(source).getCompletionsAtPosition(fileName, position, {});
  return (completions?.entries ?? []).map((e) => e.name);
}

describe("connector names", () => {
  it("complete in the helper's first argument", () => {
    const names = completionsAt('sourceConfiguration("gi|", {});', "|");
    expect(names).toContain("github");
    expect(names).toContain("gitlab");
    expect(names).toContain("postgres");
    expect(names.length).toBe(555);
    expect(completionsAt('destinationConfiguration("|", {});', "|")).toHaveLength(45);
  });

  it("complete in a type argument", () => {
    expect(completionsAt('type G = SourceConfiguration<"|">;', "|")).toContain("github");
  });

  it("a misspelt name is an error that names it, on the helper and on the type", () => {
    const code = IMPORT + 'export const a = sourceConfiguration("githb", { repositories: ["a/b"] });\nexport type B = SourceConfiguration<"githb">;\n';
    const diagnostics = service(code).getSemanticDiagnostics(fileName);
    const messages = diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, " "));
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/^Argument of type '"githb"' is not assignable to parameter of type /);
    expect(messages[1]).toMatch(/^Type '"githb"' does not satisfy the constraint /);
  });
}, 300_000);
