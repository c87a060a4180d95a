/**
 * A spec that cannot generate fails `npm run generate` with a message that
 * names the file and line, and leaves generated/ exactly as it was.
 */
import { readdir } from "node:fs/promises";
import { dirname } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runScript } from "../helpers/run.js";
import { copySpecWorkspace, type SpecWorkspace } from "../helpers/workspace.js";

let ws: SpecWorkspace;
beforeEach(async () => {
  ws = await copySpecWorkspace();
});
afterEach(() => ws.remove());

describe("npm run generate on a broken spec", () => {
  it.each([
    [
      "a dangling $ref",
      "spec/paths/sources@initiateOAuth.yaml",
      (t: string) => t.replace("../components/schemas/InitiateOauthRequest.yaml", "../components/schemas/NoSuchSchema.yaml"),
      /spec\/paths\/sources@initiateOAuth\.yaml:\d+:\d+\s+error\s+Can't resolve \$ref.*\[no-unresolved-refs\]/,
    ],
    [
      "a duplicate operationId",
      "spec/paths/sources@{sourceId}.yaml",
      (t: string) => t.replace("operationId: getSource", "operationId: createSource"),
      /spec\/paths\/sources@\{sourceId\}\.yaml:\d+:\d+\s+error\s+operationId `createSource` of GET \/sources\/\{sourceId\} is already used by POST \/sources: .*\[airbyte\/operation-id-unique\]/,
    ],
    [
      "a YAML syntax error",
      "spec/components/schemas/Problem.yaml",
      (t: string) => t.replace("type: object", "type: object\n  : broken"),
      /Problem\.yaml/,
    ],
    [
      "an open enum of numbers",
      "spec/components/schemas/OAuthActorNames.yaml",
      (t: string) => t.replace("type: string\nx-open-enum: true\nenum:\n  - airtable", "type: integer\nx-open-enum: true\nenum:\n  - 1"),
      /OAuthActorNames\.yaml:\d+:\d+\s+error\s+`x-open-enum: true` needs an `enum` of strings.*\[airbyte\/open-enum-of-strings\]/,
    ],
  ])("%s: fails, names file and line, leaves generated/ untouched", async (_, file, change, message) => {
    const before = await ws.snapshotOut();
    await ws.edit(file, change);
    const result = await runScript("generate.ts", ws.args);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/generated\/ was left unchanged\./);
    expect(await ws.snapshotOut()).toEqual(before);
    // No staging folder is left behind.
    expect((await readdir(dirname(ws.out))).sort()).toEqual(["generated", "spec"]);
  });

  it("an unknown flag is rejected with the usage", async () => {
    const result = await runScript("generate.ts", ["--sepc", "x"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/Unknown or incomplete argument `--sepc`\.\nUsage: npm run generate/);
  });
});
