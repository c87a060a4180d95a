/**
 * read-provider.ts on small inline documents: which components.schemas are
 * connectors, their order, the OAuth schemas, and the messages for bad input.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { JsonSchema } from "../../scripts/lib/connectors/json-schema.js";
import { compare, ConnectorInputError, readProvider, readProviderDocument, type Provider } from "../../scripts/lib/connectors/read-provider.js";

const HINT = "Pass Airbyte's SDK spec, api_sdk.yaml (airbytehq/airbyte-platform, airbyte-api/server-api/src/main/openapi/).";
const NO_CONNECTORS = `spec.yaml has no connector configuration schemas (no components.schemas named source-<name> or destination-<name>). ${HINT}`;

const config = (field: string): JsonSchema => ({ type: "object", properties: { [field]: { type: "string" } } });
const read = (schemas: Record<string, unknown>): Provider => readProviderDocument({ openapi: "3.1.0", components: { schemas } }, "spec.yaml", "abc");
const names = (provider: Provider): string[] => provider.connectors.map((c) => `${c.kind}-${c.name}`);
/** Asserts that `call` throws a ConnectorInputError with exactly `message`. */
const expectRefusal = (call: () => unknown, message: string): void => {
  expect(call).toThrow(ConnectorInputError);
  expect(call).toThrow(expect.objectContaining({ name: "ConnectorInputError", message }));
};

describe("readProviderDocument: the connector schemas", () => {
  it("takes source-<name> and destination-<name>, with <same>-update as the update variant", () => {
    const provider = read({ "source-a": config("x"), "source-a-update": config("y"), SourceCreateRequest: config("name") });
    expect(provider).toEqual({
      fileName: "spec.yaml",
      sha256: "abc",
      connectors: [{ kind: "source", name: "a", create: config("x"), update: config("y") }],
      oauth: new Map(),
    });
  });

  it("ignores schemas whose names only contain source- or destination- after another prefix", () => {
    expect(names(read({ "legacy-source-a": config("x"), "my-destination-b": config("x"), "destination-c": config("x") }))).toEqual(["destination-c"]);
  });

  it("keeps a connector whose name ends in -update when there is no connector without that suffix", () => {
    const provider = read({ "source-auto-update": config("x") });
    expect(provider.connectors).toEqual([{ kind: "source", name: "auto-update", create: config("x"), update: undefined }]);
  });

  it("keeps a connector whose name is another's plus a seven-character suffix other than -update", () => {
    expect(names(read({ "source-a": config("x"), "source-a-legacy": config("y") }))).toEqual(["source-a", "source-a-legacy"]);
  });

  it("orders sources before destinations, each by name", () => {
    const provider = read({ "destination-b": config("x"), "source-b": config("x"), "destination-a": config("x"), "source-a": config("x") });
    expect(names(provider)).toEqual(["source-a", "source-b", "destination-a", "destination-b"]);
  });

  it("orders names by code point, whatever the locale (upper case before lower case)", () => {
    expect(names(read({ "source-b": config("x"), "source-a": config("x"), "source-Z": config("x") }))).toEqual(["source-Z", "source-a", "source-b"]);
  });
});

describe("compare", () => {
  it("is -1, 0 or 1 in code-point order", () => {
    expect(compare("a", "b")).toBe(-1);
    expect(compare("b", "a")).toBe(1);
    expect(compare("a", "a")).toBe(0);
    expect(compare("Z", "a")).toBe(-1);
    expect(compare("ab", "a")).toBe(1);
  });
});

describe("readProviderDocument: the OAuth schemas", () => {
  it("maps each $ref of OAuthCredentialsConfiguration to its schema, in name order", () => {
    const zeta = { properties: { client_id: { type: "string" } } };
    const alpha = { properties: { client_secret: { type: "string" } } };
    const provider = read({
      "source-a": config("x"),
      OAuthCredentialsConfiguration: { oneOf: [{ $ref: "#/components/schemas/zeta" }, { $ref: "#/components/schemas/alpha" }] },
      zeta,
      alpha,
    });
    expect([...provider.oauth]).toEqual([
      ["alpha", alpha],
      ["zeta", zeta],
    ]);
  });

  it("skips choices without a $ref and $refs to schemas that do not exist", () => {
    const kept = { properties: { client_id: { type: "string" } } };
    const provider = read({
      "source-a": config("x"),
      OAuthCredentialsConfiguration: { oneOf: [null, "github", { title: "no ref" }, { $ref: 42 }, { $ref: "#/components/schemas/missing" }, { $ref: "#/components/schemas/kept" }] },
      kept,
    });
    expect([...provider.oauth]).toEqual([["kept", kept]]);
  });

  it.each([
    ["no OAuthCredentialsConfiguration", {}],
    ["an OAuthCredentialsConfiguration that is not an object", { OAuthCredentialsConfiguration: "github" }],
    ["an OAuthCredentialsConfiguration without oneOf", { OAuthCredentialsConfiguration: { type: "object" } }],
  ])("has no OAuth schemas with %s", (_case, extra) => {
    expect(read({ "source-a": config("x"), ...extra }).oauth).toEqual(new Map());
  });
});

describe("readProviderDocument: bad input", () => {
  it.each([
    ["an empty document", null],
    ["a list", [1, 2]],
    ["a document without components", { openapi: "3.1.0" }],
    ["components that are not an object", { components: "schemas" }],
    ["components without schemas", { components: {} }],
    ["components.schemas that is not an object", { components: { schemas: null } }],
    ["schemas with only the wrong prefixes", { components: { schemas: { "legacy-source-a": config("x"), "source-": config("x") } } }],
    ["connector schemas that are not objects", { components: { schemas: { "source-a": "a", "destination-b": [config("x")] } } }],
  ])("refuses %s: it names the file and says what to pass", (_case, doc) => {
    expectRefusal(() => readProviderDocument(doc, "spec.yaml", "abc"), NO_CONNECTORS);
  });

  it.each([
    ["sources and destinations", { sources: [], destinations: [] }],
    ["only sources", { sources: [{ name: "GitHub" }] }],
    ["only destinations", { destinations: [] }],
  ])("refuses a connector registry file with %s, and says which file to pass instead", (_case, doc) => {
    expectRefusal(
      () => readProviderDocument(doc, "registry.json", "abc"),
      "registry.json looks like a connector registry file (sources/destinations arrays); this generator reads the OpenAPI SDK spec instead, " +
        `whose schemas carry the sourceType/destinationType names the public API takes. ${HINT}`,
    );
  });
});

describe("readProvider: the file", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "read-provider-"));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("refuses a file that does not parse, with the parser's first line", async () => {
    const file = join(dir, "broken.yaml");
    writeFileSync(file, "components:\n  schemas: [a\n  b: }\n");
    const error = await readProvider(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorInputError);
    expect((error as Error).message).toBe(`broken.yaml is neither YAML nor JSON: ${file}:3:3: missed comma between flow collection entries. ${HINT}`);
  });

  it("refuses an empty file as one without connector schemas", async () => {
    const file = join(dir, "spec.yaml");
    writeFileSync(file, "");
    const error = await readProvider(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorInputError);
    expect((error as Error).message).toBe(NO_CONNECTORS);
  });

  it("records the file's name and sha256", async () => {
    const file = join(dir, "api.json");
    writeFileSync(file, JSON.stringify({ components: { schemas: { "destination-d": config("x") } } }));
    const provider = await readProvider(file);
    expect(provider.fileName).toBe("api.json");
    expect(provider.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(names(provider)).toEqual(["destination-d"]);
  });
});
