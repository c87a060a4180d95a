/**
 * The connectors entry point as a user installs it: the tarball packed once by
 * global-setup.ts, installed into the shared consumer project, type-checked
 * with strict NodeNext settings. Part of `npm run test:consumers` (moved out of
 * `npm test`, which packed the package once more for it alone).
 */
import { execFile } from "node:child_process";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { THREE_TYPED, THREE_UNTYPED } from "../../scripts/lib/connectors/consumer.js";

const ERRORS = `import type { Custom, SourceConfiguration } from "airbyte-api-client/connectors";
const pat = { option_title: "PAT Credentials", personal_access_token: "token" } as const;
export const wrongType: SourceConfiguration<"github"> = { sourceType: "github", repositories: "airbytehq/airbyte", credentials: pat };
export const missingRequired: SourceConfiguration<"github"> = { sourceType: "github", credentials: pat };
export const correct: SourceConfiguration<"github"> = { sourceType: "github", repositories: ["airbytehq/airbyte"], credentials: pat };
export const unknownConnector: SourceConfiguration<Custom<"my-custom-source">> = { sourceType: "my-custom-source", anything: { nested: [1] } };
`;

/** This file's folder in the shared consumer project (its node_modules resolve from there). */
const dir = join(inject("consumerDir"), "connectors-check");
beforeAll(async () => {
  await mkdir(dir, { recursive: true });
  for (const [name, content] of Object.entries({ "typed.ts": THREE_TYPED, "untyped.ts": THREE_UNTYPED, "errors.ts": ERRORS })) {
    await writeFile(join(dir, name), content);
  }
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function check(file: string): { program: ts.Program; problems: Array<{ line: number; code: number; message: string }> } {
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  };
  const program = ts.createProgram([join(dir, file)], options);
  const problems = ts.getPreEmitDiagnostics(program).map((d) => ({
    line: d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0,
    code: d.code,
    message: ts.flattenDiagnosticMessageText(d.messageText, " "),
  }));
  return { program, problems };
}

describe("airbyte-api-client/connectors from the packed tarball", () => {
  // 3.11 MB measured: the connector types are 1.6 MB of it; the compiled response
  // validators of airbyte-api-client/validate (dist/generated/validators.js) 0.4 MB.
  it("stays under 3.3 MB unpacked", () => {
    expect(inject("unpackedSize")).toBeLessThan(3_300_000);
  });

  it("compiles three typed configurations in the calls that take them", () => {
    expect(check("typed.ts").problems).toEqual([]);
  });

  it("rejects a wrong field type and a missing required field on GitHub; accepts the correct one and an unknown connector", () => {
    const { problems } = check("errors.ts");
    expect(problems.map(({ line, code }) => ({ line, code }))).toEqual([
      { line: 3, code: 2322 },
      { line: 4, code: 2741 },
    ]);
    expect(problems[0]?.message).toMatch(/Type 'string' is not assignable to type 'string\[\]'/);
    expect(problems[1]?.message).toMatch(/Property 'repositories' is missing/);
  });

  it("costs nothing to a consumer that does not import it: no file of connectors/ is read", () => {
    const { program, problems } = check("untyped.ts");
    expect(problems).toEqual([]);
    const files = program.getSourceFiles().map((f) => f.fileName);
    expect(files.some((f) => f.includes("/airbyte-api-client/dist/"))).toBe(true);
    expect(files.filter((f) => f.includes("/airbyte-api-client/generated/connectors/"))).toEqual([]);
  });

  it("adds only the tiny helpers at run time: the module exports them and CONNECTOR_DATA", async () => {
    const script = 'const m = await import("airbyte-api-client/connectors"); console.log(JSON.stringify(Object.keys(m)));';
    const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], { cwd: dir });
    expect(JSON.parse(stdout.trim())).toEqual(["CONNECTOR_DATA", "custom", "destinationConfiguration", "sourceConfiguration"]);
  });
});
