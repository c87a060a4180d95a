/**
 * Type tests of the helpers of `airbyte-api-client/connectors`
 * (sourceConfiguration, destinationConfiguration, custom), on the committed
 * generated/connectors/ output: a configuration copied from a connector's
 * config.json goes in as it is; what the schema allows compiles, what it
 * forbids does not, and a misspelt key or name is still an error.
 */
import { describe, expectTypeOf, it } from "vitest";
import { createAirbyteClient } from "airbyte-api-client";
import {
  custom,
  destinationConfiguration,
  sourceConfiguration,
  type DestinationConfiguration,
  type SourceConfiguration,
  type SourceName,
} from "airbyte-api-client/connectors";

const airbyte = createAirbyteClient();
const workspaceId = "871d9b60-11d1-44cb-8c92-c246d53bf87e";
const pat = { option_title: "PAT Credentials", personal_access_token: "ghp_x" } as const;

describe("sourceConfiguration(name, copied config)", () => {
  it("adds sourceType to a copied configuration, and createSource takes the result", () => {
    const configuration = sourceConfiguration("github", { repositories: ["airbytehq/airbyte"], credentials: pat, start_date: "2025-01-01T00:00:00Z" });
    expectTypeOf(configuration.sourceType).toEqualTypeOf<"github">();
    expectTypeOf(configuration.repositories).toEqualTypeOf<["airbytehq/airbyte"]>();
    void airbyte.sources.createSource({ name: "GitHub", workspaceId, configuration });
  });

  it("accepts a key the schema does not name where the schema is open (additionalProperties not false)", () => {
    sourceConfiguration("github", { repositories: ["a/b"], credentials: pat, branch_filter: "main" });
    sourceConfiguration("github", { repositories: ["a/b"], credentials: { ...pat, note: "rotated monthly" } });
    // every field of airtable is optional: a config sharing none of its keys is still accepted
    sourceConfiguration("airtable", { api_key: "key", base_id: "app1", tables: ["t"] });
  });

  it("rejects a key that looks like a misspelling of one the schema names, naming the one meant", () => {
    // @ts-expect-error `repository` for `repositories` (same stem, another ending)
    sourceConfiguration("github", { repository: ["a/b"], repositories: ["a/b"], credentials: pat });
    // @ts-expect-error `startDate` for `start_date` (case and separators)
    sourceConfiguration("github", { repositories: ["a/b"], credentials: pat, startDate: "2025-01-01T00:00:00Z" });
    // @ts-expect-error `personal_acess_token` for `personal_access_token` (one edit), inside a oneOf branch
    sourceConfiguration("github", { repositories: ["a/b"], credentials: { personal_access_token: "x", personal_acess_token: "x" } });
  });

  it("rejects a missing required field, a wrong type, an enum value not listed and a const of another branch", () => {
    // @ts-expect-error credentials is required
    sourceConfiguration("github", { repositories: ["a/b"] });
    // @ts-expect-error repositories is a string array
    sourceConfiguration("github", { repositories: "a/b", credentials: pat });
    // @ts-expect-error data_region is "Standard Server" or "EU Residency Server"
    sourceConfiguration("amplitude", { api_key: "k", secret_key: "s", start_date: "2021-05-25T00:00:00Z", data_region: "eu" });
    // @ts-expect-error option_title "OAuth Credentials" is the other branch, which needs access_token
    sourceConfiguration("github", { repositories: ["a/b"], credentials: { option_title: "OAuth Credentials", personal_access_token: "x" } });
  });

  it("carries date patterns: a date where a date-time is wanted, or fractional seconds where the pattern has none, is an error", () => {
    sourceConfiguration("github", { repositories: ["a/b"], credentials: pat, start_date: "2021-06-30T11:30:03Z" });
    // @ts-expect-error the pattern is YYYY-MM-DDTHH:MM:SSZ
    sourceConfiguration("github", { repositories: ["a/b"], credentials: pat, start_date: "2021-06-30" });
    // @ts-expect-error the pattern has no fractional seconds
    sourceConfiguration("github", { repositories: ["a/b"], credentials: pat, start_date: "2021-06-30T11:30:03.540Z" });
  });

  it("rejects a name that is not a known source, and offers the names as a union", () => {
    // @ts-expect-error "githb" is not a source name
    sourceConfiguration("githb", { repositories: ["a/b"] });
    expectTypeOf<Parameters<typeof sourceConfiguration>[0]>().toExtend<string>();
    expectTypeOf<"github" | "postgres" | "stripe">().toExtend<SourceName>();
  });

  it("takes any name opted out with custom(), with the open JSON object", () => {
    const configuration = sourceConfiguration(custom("my-source"), { anything: { nested: [1] } });
    expectTypeOf(configuration.sourceType).toEqualTypeOf<"my-source">();
    void airbyte.sources.createSource({ name: "Mine", workspaceId, configuration });
  });
});

describe("destinationConfiguration(name, copied config)", () => {
  const postgres = { host: "db", port: 5432, database: "w", schema: "public", username: "u" } as const;

  it("adds destinationType, and createDestination takes the result", () => {
    const configuration = destinationConfiguration("postgres", { ...postgres, ssl_mode: { mode: "require" } });
    expectTypeOf(configuration.destinationType).toEqualTypeOf<"postgres">();
    void airbyte.destinations.createDestination({ name: "Warehouse", workspaceId, configuration });
  });

  it("rejects any other key in an object the schema closes (additionalProperties: false), and accepts one where it is open", () => {
    destinationConfiguration("postgres", { ...postgres, ssl_mode: { mode: "require" }, drop_cascade_later: true });
    // @ts-expect-error ssl_mode's branches allow no other keys
    destinationConfiguration("postgres", { ...postgres, ssl_mode: { mode: "require", verify: true } });
  });
});

describe("the trade-off: annotations stay closed, the helpers follow the schema", () => {
  it("an annotation or `satisfies` still refuses every key it does not know, the helper only the misspelt ones", () => {
    const copied = { repositories: ["a/b"], credentials: pat, branch_filter: "main" };
    sourceConfiguration("github", copied);
    // @ts-expect-error branch_filter: an object literal against a declared type gets the excess-property check
    void ({ sourceType: "github", repositories: ["a/b"], credentials: pat, branch_filter: "main" } satisfies SourceConfiguration<"github">);
    // @ts-expect-error ssl_mode is closed in the annotation too
    void ({ destinationType: "postgres", host: "db", port: 5432, database: "w", schema: "p", username: "u", ssl_mode: { mode: "require", verify: true } } satisfies DestinationConfiguration<"postgres">);
  });
});
