/**
 * The runtime half of `airbyte-api-client/connectors`: the helpers add the
 * discriminator and nothing else, refuse bad input with a message that says
 * what to pass, and CONNECTOR_DATA states where the types came from.
 */
import { describe, expect, it } from "vitest";
import { CONNECTOR_DATA, custom, destinationConfiguration, sourceConfiguration } from "airbyte-api-client/connectors";

describe("sourceConfiguration / destinationConfiguration at run time", () => {
  it("return a copy with sourceType / destinationType added, the input untouched", () => {
    const copied = { repositories: ["airbytehq/airbyte"], credentials: { personal_access_token: "x" } };
    const configuration = sourceConfiguration("github", copied);
    expect(configuration).toEqual({ ...copied, sourceType: "github" });
    expect(configuration).not.toBe(copied);
    expect(copied).not.toHaveProperty("sourceType");
    expect(destinationConfiguration("postgres", { host: "db", port: 5432, database: "w", schema: "public", username: "u" })).toMatchObject({ destinationType: "postgres", host: "db" });
  });

  it("accept a configuration that already names the same connector", () => {
    expect(sourceConfiguration("github", { sourceType: "github", repositories: ["a/b"], credentials: { personal_access_token: "x" } }).sourceType).toBe("github");
  });

  it.each([
    ["an empty name", () => custom(""), /^custom\(\): the connector name must be a non-empty string, such as "github"; got an empty string\.$/],
    ["a name that is not a string", () => sourceConfiguration(42 as unknown as "github", {} as never), /^sourceConfiguration: the connector name must be a non-empty string, such as "github"; got number\.$/],
    ["an array as configuration", () => destinationConfiguration("postgres", [] as never), /^destinationConfiguration\("postgres", configuration\): the configuration must be a JSON object, such as the connector's config\.json; got an array\.$/],
    ["null as configuration", () => sourceConfiguration("github", null as never), /got null\.$/],
    ["another connector's discriminator", () => sourceConfiguration("github", { sourceType: "gitlab" } as never), /^sourceConfiguration\("github", configuration\): the configuration says sourceType "gitlab"; remove sourceType from it \(the helper adds it\) or pass that name\.$/],
  ])("refuse %s with a TypeError that says what to pass", (_case, call, message) => {
    expect(call).toThrow(TypeError);
    expect(call).toThrow(message);
  });

  it("custom() hands the name back for a connector the package does not know", () => {
    expect(sourceConfiguration(custom("my-source"), { anything: 1 })).toEqual({ anything: 1, sourceType: "my-source" });
  });
});

describe("CONNECTOR_DATA", () => {
  it("states the source, date and input of the data, and how many connectors are typed", () => {
    expect(CONNECTOR_DATA.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(CONNECTOR_DATA.source).toContain("airbytehq/airbyte-platform");
    expect(CONNECTOR_DATA).toMatchObject({ input: "api_sdk.yaml", sources: 555, destinations: 45 });
    expect(CONNECTOR_DATA.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.isFrozen(CONNECTOR_DATA)).toBe(true);
  });
});
