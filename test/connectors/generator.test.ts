/**
 * The connector generator on a miniature api_sdk.yaml (test/fixtures/connectors/):
 * one connector per feature, asserted on the emitted code, plus the whole
 * output compared with the expected files beside the fixture.
 */
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { emitConnectors } from "../../scripts/lib/connectors/emit.js";
import { ConnectorInputError, readProvider } from "../../scripts/lib/connectors/read-provider.js";
import { syntaxErrors } from "../../scripts/lib/connectors/syntax-check.js";
import { repoRoot } from "../helpers/run.js";

const fixtures = join(repoRoot, "test/fixtures/connectors");
const origin = { source: "the miniature api_sdk.yaml of the tests", date: "2026-01-02" };
/**
 * Generated again before each test rather than once for the file: the work is
 * then counted to each test that reads it, so a mutant of the generator runs
 * these tests only (`npm run test:mutation -- connectors`), not the group's tsc runs.
 */
let output: ReturnType<typeof emitConnectors>;
beforeEach(async () => {
  output = emitConnectors(await readProvider(join(fixtures, "api_sdk.yaml")), origin);
});
const file = (name: string): string => {
  const code = output.files.get(name);
  if (code === undefined) throw new Error(`${name} was not generated`);
  return code;
};
/** The source of one exported type alias of a generated file. */
const typeOf = (name: string, typeName: string): string => {
  const match = new RegExp(`export type ${typeName} = [\\s\\S]*?;\\n(?=\\n|$)`).exec(file(name));
  if (!match) throw new Error(`${typeName} not in ${name}`);
  return match[0];
};

describe("connector generator: files", () => {
  it("writes one declaration file per typed connector, the index, the helpers' module, their support types and a README", () => {
    expect([...output.files.keys()].sort()).toEqual([
      "README.md",
      "brand.d.ts",
      "check.d.ts",
      "destinations/postgres.d.ts",
      "index.d.ts",
      "index.js",
      "sources/github.d.ts",
      "sources/salesforce.d.ts",
      "sources/trello.d.ts",
    ]);
    expect(file("index.js")).toMatch(/\nexport function sourceConfiguration\(name, configuration\) \{\n/);
    expect(file("index.js")).toContain('export const CONNECTOR_DATA = Object.freeze({"source":"the miniature api_sdk.yaml of the tests","date":"2026-01-02","input":"api_sdk.yaml",');
    expect(syntaxErrors(output.files)).toEqual([]);
  });

  it("records the data's source and date in the README and the index", () => {
    expect(file("README.md")).toContain("- data: the miniature api_sdk.yaml of the tests, as of 2026-01-02\n");
    expect(file("index.d.ts")).toContain("api_sdk.yaml (sha256 6f75ee35");
    expect(file("index.d.ts")).toContain("the miniature api_sdk.yaml of the tests, as of 2026-01-02.");
  });

  it("records the input's sha256 in every banner and in the README", () => {
    expect(file("README.md")).toContain("sha256 `6f75ee35cfe53f7415f92012cafa57f5564fd72fe5ac9853205bfa1a80dc66b5`");
    for (const [name, code] of output.files) {
      if (name.endsWith(".d.ts")) expect(code.split("\n")[0]).toContain("from api_sdk.yaml (sha256 6f75ee35");
    }
  });

  it("is byte for byte the expected output (test/fixtures/connectors/expected/)", async () => {
    for (const [name, code] of output.files) await expect(code).toMatchFileSnapshot(join(fixtures, "expected", name));
  });

  it("is deterministic", async () => {
    const again = emitConnectors(await readProvider(join(fixtures, "api_sdk.yaml")), origin);
    expect(again.files).toEqual(output.files);
  });
});

describe("connector generator: types", () => {
  it.each([
    ["const discriminator kept as a literal type", "sources/github.d.ts", /\n  sourceType: "github";\n/],
    ["oneOf as a union discriminated by its consts", "sources/github.d.ts", /credentials:\n    \| \{\n        option_title\?: "OAuth Credentials";\n[\s\S]*?\n      \}\n    \| \{\n        option_title\?: "PAT Credentials";/],
    ["secret marked in the doc comment", "sources/github.d.ts", /Secret \(`airbyte_secret`\): Airbyte stores it encrypted and returns it masked\.\n\s+\*\/\n\s+personal_access_token: string;/],
    ["description and examples in the doc comment", "sources/github.d.ts", /List of GitHub organizations\/repositories\.\n\s+\* @example "airbytehq\/airbyte"\n\s+\* @example "airbytehq\/\*"\n\s+\*\/\n\s+repositories: string\[\];/],
    ["default and bounds in the doc comment", "sources/github.d.ts", /@default 10\n\s+\* @minimum 1\n\s+\* @maximum 60\n\s+\*\/\n\s+max_waiting_time\?: number;/],
    ["format and pattern in the doc comment; a digits pattern as a template literal type", "sources/github.d.ts", /@format date-time\n\s+\* @pattern \^\[0-9\]\{4\}\$\n\s+\*\/\n\s+start_date\?: `\$\{number\}`;/],
    ["a format as a template literal type", "destinations/postgres.d.ts", /\n  run_on\?: `\$\{number\}-\$\{number\}-\$\{number\}`;\n/],
    ["a pattern with an empty branch as a union, preferred to the format", "destinations/postgres.d.ts", /\n  cutoff\?: "" \| `\$\{number\}-\$\{number\}-\$\{number\}T\$\{number\}:\$\{number\}:\$\{number\}Z`;\n/],
    ["a pattern no template can say stays string", "destinations/postgres.d.ts", /\n  label\?: string;\n/],
    ["additionalProperties: false marks the object closed for the helpers, and the file imports the marker", "destinations/postgres.d.ts", /^\/\/ Generated[^\n]*\n[^\n]*\n\nimport type \{ closedObject \} from "\.\.\/brand\.js";\n[\s\S]*\| \{\n        readonly \[closedObject\]\?: never;\n        mode: "disable";/],
    ["`*/` in a description cannot end the comment", "sources/github.d.ts", /comma-separated \*\\\/ not the end/],
    ["a key that is not an identifier is quoted; a type list is a union", "sources/github.d.ts", /\n  "page-size"\?: number \| null;\n/],
    ["title in the doc comment", "destinations/postgres.d.ts", /\/\*\*\n   \* Host\n   \*\/\n  host: string;/],
    ["enum as a union of literals", "destinations/postgres.d.ts", /\n  level\?: "debug" \| "info";\n/],
    ["object without properties as a map of its additionalProperties", "destinations/postgres.d.ts", /\n  options\?: \{ \[key: string\]: string \};\n/],
  ])("%s", (_feature, name, pattern) => {
    expect(file(name)).toMatch(pattern);
  });

  it("closes objects with declared properties to annotations (a misspelt key is an error), with no index signature or marker where the schema is open", () => {
    expect(typeOf("sources/github.d.ts", "SourceGithub")).not.toContain("[key: string]");
    expect(file("sources/github.d.ts")).not.toContain("closedObject");
  });

  it("derives the update variant by Omit when it only lacks the discriminator", () => {
    expect(file("sources/github.d.ts")).toContain('export type SourceGithubUpdate = Omit<SourceGithub, "sourceType">;');
  });

  it("renders the update variant in full when it differs otherwise", () => {
    const update = typeOf("destinations/postgres.d.ts", "DestinationPostgresUpdate");
    expect(update).toMatch(/host: string;[\s\S]*port\?: number;\n\};/);
    expect(update).not.toContain("destinationType");
  });
});

describe("connector generator: OAuth sources (WithSecret variant)", () => {
  it.each([
    ["credentials in a oneOf (github)", "sources/github.d.ts", "SourceGithubWithSecret", ["credentials?:", "access_token?: string;", "client_id?: string;", "client_secret?: string;", "personal_access_token: string;", "repositories: string[];"]],
    ["fields at the root (salesforce)", "sources/salesforce.d.ts", "SourceSalesforceWithSecret", ["client_id?: string;", "client_secret?: string;", "refresh_token?: string;", 'sourceType: "salesforce";']],
    ["an OAuth schema without fields (trello): the root's secrets", "sources/trello.d.ts", "SourceTrelloWithSecret", ["key?: string;", "token?: string;", "board_ids: string[];"]],
  ])("%s", (_case, name, typeName, lines) => {
    const type = typeOf(name, typeName);
    for (const line of lines) expect(type).toContain(`  ${line}`);
    expect(type).toContain("Optional here: Airbyte fills it from the OAuth secret given as `secretId`.");
  });

  it("keeps the fields required in the plain create variant", () => {
    const plain = typeOf("sources/github.d.ts", "SourceGithub");
    expect(plain).toMatch(/\n  credentials:\n/);
    expect(plain).toContain("        access_token: string;");
  });

  it("names the filled fields in the type's doc comment", () => {
    expect(file("sources/github.d.ts")).toContain("Airbyte fills `credentials.access_token`, `credentials.client_id`, `credentials.client_secret` from the secret");
  });

  it("maps only OAuth sources in SourceConfigurationsWithSecret, and warns about an OAuth schema with no source", () => {
    const index = file("index.d.ts");
    const withSecret = /export interface SourceConfigurationsWithSecret \{\n([\s\S]*?)\n\}/.exec(index)?.[1] ?? "";
    expect(withSecret.split("\n").map((l) => l.trim().split(":")[0])).toEqual(['"github"', '"salesforce"', '"trello"']);
    expect(output.warnings).toEqual(["OAuth schema retired has no source-retired configuration schema; ignored."]);
    expect(output.oauthSources).toBe(3);
  });
});

describe("connector generator: what it cannot express, and bad input", () => {
  it("types a connector with an unsupported construct as the open JSON object and lists it", () => {
    expect(output.fallbacks).toEqual([{ connector: "source-broken", problems: [{ path: "properties.filter", construct: "allOf" }] }]);
    expect(output.files.has("sources/broken.d.ts")).toBe(false);
    expect(file("index.d.ts")).not.toContain('"broken"');
    expect(file("README.md")).toContain("- `source-broken`: allOf at `properties.filter`");
    expect(output.typed).toEqual({ source: 3, destination: 1 });
  });

  it.each([
    ["a provider file without connector schemas", "no-connectors.yaml", /^no-connectors\.yaml has no connector configuration schemas \(no components\.schemas named source-<name> or destination-<name>\)\. Pass Airbyte's SDK spec, api_sdk\.yaml/],
    ["a connector registry file", "registry.json", /^registry\.json looks like a connector registry file/],
    ["a file that does not exist", "missing.yaml", /^Cannot read .*missing\.yaml: ENOENT\./],
  ])("%s gets a clear message", async (_case, name, message) => {
    const error = await readProvider(join(fixtures, name)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorInputError);
    expect((error as Error).message).toMatch(message);
  });

  it("the parser check names the file and line of invalid output", () => {
    expect(syntaxErrors(new Map([["sources/x.d.ts", "export type X = {\n  a:\n    | \n    | null;\n};\n"]]))).toEqual(["sources/x.d.ts:4:5 Type expected."]);
  });
});
