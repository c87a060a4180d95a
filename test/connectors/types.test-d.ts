/**
 * Type tests of the `airbyte-api-client/connectors` entry point, on the
 * committed connectors/ output: what must compile, what must not, and that the
 * client's methods take these configurations without a cast.
 */
import { describe, expectTypeOf, it } from "vitest";
import { createAirbyteClient, type DestinationConfiguration as OpenDestination, type SourceConfiguration as OpenSource } from "airbyte-api-client";
import type {
  DestinationConfiguration,
  DestinationConfigurationUpdate,
  SourceConfiguration,
  SourceConfigurationUpdate,
  SourceConfigurationWithSecret,
  Custom,
  SourceName,
  TypedSourceCreateRequest,
} from "airbyte-api-client/connectors";

const airbyte = createAirbyteClient();
const workspaceId = "871d9b60-11d1-44cb-8c92-c246d53bf87e";
const sourceId = "18dccc91-0ab1-4f72-9ed7-0b8fc27c5826";
const pat = { option_title: "PAT Credentials", personal_access_token: "ghp_x" } as const;

describe("SourceConfiguration<'github'>", () => {
  it("accepts a correct configuration, and createSource takes it without a cast", () => {
    const configuration: SourceConfiguration<"github"> = { sourceType: "github", repositories: ["airbytehq/airbyte"], credentials: pat };
    void airbyte.sources.createSource({ name: "GitHub", workspaceId, configuration });
    void airbyte.sources.createSource({
      name: "GitHub",
      workspaceId,
      configuration: { sourceType: "github", repositories: ["airbytehq/*"], credentials: pat, max_waiting_time: 30 } satisfies SourceConfiguration<"github">,
    });
  });

  it("rejects a wrong field type, a missing required field, a misspelt field and the wrong sourceType", () => {
    // @ts-expect-error repositories is a string array, not a string
    const wrongType: SourceConfiguration<"github"> = { sourceType: "github", repositories: "airbytehq/airbyte", credentials: pat };
    // @ts-expect-error repositories is required
    const missing: SourceConfiguration<"github"> = { sourceType: "github", credentials: pat };
    // @ts-expect-error credentials is required (without a secretId)
    const noCredentials: SourceConfiguration<"github"> = { sourceType: "github", repositories: ["a/b"] };
    // @ts-expect-error `repository` is not a field (typo of repositories)
    const typo: SourceConfiguration<"github"> = { sourceType: "github", repositories: ["a/b"], credentials: pat, repository: "a/b" };
    // @ts-expect-error sourceType is the literal "github"
    const otherType: SourceConfiguration<"github"> = { sourceType: "gitlab", repositories: ["a/b"], credentials: pat };
    void [wrongType, missing, noCredentials, typo, otherType];
  });

  it("types credentials as a union discriminated by its const option_title", () => {
    type Credentials = SourceConfiguration<"github">["credentials"];
    expectTypeOf<Extract<Credentials, { option_title?: "PAT Credentials" }>>().toHaveProperty("personal_access_token").toEqualTypeOf<string>();
    expectTypeOf<Extract<Credentials, { option_title?: "OAuth Credentials" }>>().toHaveProperty("access_token").toEqualTypeOf<string>();
    // @ts-expect-error the PAT branch needs personal_access_token, not access_token
    const mixed: Credentials = { option_title: "PAT Credentials", access_token: "x" };
    void mixed;
  });
});

describe("SourceConfigurationWithSecret<'github'> (createSource with the OAuth flow's secretId)", () => {
  it("makes the credentials Airbyte fills from the secret optional", () => {
    const configuration: SourceConfigurationWithSecret<"github"> = { sourceType: "github", repositories: ["airbytehq/airbyte"] };
    void airbyte.sources.createSource({ name: "GitHub", workspaceId, secretId: "secret-coordinate", configuration });
    const partial: SourceConfigurationWithSecret<"github"> = { sourceType: "github", repositories: ["a/b"], credentials: { option_title: "OAuth Credentials" } };
    void partial;
  });

  it("keeps every other field required and typed", () => {
    // @ts-expect-error repositories is still required
    const missing: SourceConfigurationWithSecret<"github"> = { sourceType: "github" };
    void missing;
  });

  it("is the plain configuration for a source without OAuth", () => {
    expectTypeOf<SourceConfigurationWithSecret<"postgres">>().toEqualTypeOf<SourceConfiguration<"postgres">>();
  });
});

describe("TypedSourceCreateRequest<'github'> (the whole createSource body)", () => {
  it("relaxes the OAuth-filled fields exactly when a secretId is given", () => {
    void airbyte.sources.createSource({
      name: "GitHub",
      workspaceId,
      secretId: "secret-coordinate",
      configuration: { sourceType: "github", repositories: ["a/b"] },
    } satisfies TypedSourceCreateRequest<"github">);
    void airbyte.sources.createSource({
      name: "GitHub",
      workspaceId,
      configuration: { sourceType: "github", repositories: ["a/b"] },
      // @ts-expect-error without a secretId, credentials are required
    } satisfies TypedSourceCreateRequest<"github">);
    const body: TypedSourceCreateRequest<"github"> = { name: "GitHub", workspaceId, configuration: { sourceType: "github", repositories: ["a/b"], credentials: pat } };
    void airbyte.sources.createSource(body);
  });
});

describe("update variants (putSource, patchSource)", () => {
  it("has no sourceType and is taken by putSource and patchSource", () => {
    const update: SourceConfigurationUpdate<"github"> = { repositories: ["a/b"], credentials: pat };
    void airbyte.sources.putSource(sourceId, { name: "GitHub", configuration: update });
    void airbyte.sources.patchSource(sourceId, { configuration: { max_waiting_time: 20 } satisfies Partial<SourceConfigurationUpdate<"github">> });
    expectTypeOf<SourceConfigurationUpdate<"github">>().not.toHaveProperty("sourceType");
    // @ts-expect-error the update variant still requires repositories
    const missing: SourceConfigurationUpdate<"github"> = { credentials: pat };
    void missing;
  });
});

describe("destinations", () => {
  it("types Postgres, and createDestination, putDestination, patchDestination take it", () => {
    const configuration: DestinationConfiguration<"postgres"> = {
      destinationType: "postgres",
      host: "db.example.com",
      port: 5432,
      database: "warehouse",
      schema: "public",
      username: "airbyte",
      password: "secret",
      ssl_mode: { mode: "require" },
      tunnel_method: { tunnel_method: "NO_TUNNEL" },
    };
    void airbyte.destinations.createDestination({ name: "Warehouse", workspaceId, configuration });
    const update: DestinationConfigurationUpdate<"postgres"> = { host: "db2.example.com", port: 5432, database: "w", schema: "public", username: "u" };
    void airbyte.destinations.putDestination(sourceId, { name: "Warehouse", configuration: update });
    void airbyte.destinations.patchDestination(sourceId, { configuration: { port: 6432 } satisfies Partial<DestinationConfigurationUpdate<"postgres">> });
    // @ts-expect-error port is a number
    const wrong: DestinationConfiguration<"postgres"> = { ...configuration, port: "5432" };
    void wrong;
  });
});

describe("names this version does not know", () => {
  it("are a type error unless opted out with Custom<>, which gives the open JSON object createSource and createDestination take", () => {
    expectTypeOf<SourceConfiguration<Custom<"my-custom-source">>>().toEqualTypeOf<OpenSource>();
    expectTypeOf<SourceConfigurationUpdate<Custom<"my-custom-source">>>().toEqualTypeOf<OpenSource>();
    expectTypeOf<SourceConfigurationWithSecret<Custom<"my-custom-source">>>().toEqualTypeOf<OpenSource>();
    expectTypeOf<DestinationConfiguration<Custom<"my-warehouse">>>().toEqualTypeOf<OpenDestination>();
    const custom: SourceConfiguration<Custom<"my-custom-source">> = { sourceType: "my-custom-source", anything: { nested: [1, 2] } };
    void airbyte.sources.createSource({ name: "Custom", workspaceId, configuration: custom });
    // @ts-expect-error "githb" is not a known source name (a misspelling of "github")
    type Misspelt = SourceConfiguration<"githb">;
    // @ts-expect-error a plain string is not a name either: say Custom<string> for a name known only at run time
    type Wide = DestinationConfiguration<string>;
    expectTypeOf<DestinationConfiguration<Custom>>().toEqualTypeOf<OpenDestination>();
  });

  it("lists the known names", () => {
    expectTypeOf<"github">().toExtend<SourceName>();
    expectTypeOf<"my-custom-source">().not.toExtend<SourceName>();
  });
});
