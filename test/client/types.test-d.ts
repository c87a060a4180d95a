/**
 * Type tests: what must compile and what must not. Run by vitest's typecheck
 * (and by `npm run typecheck`).
 */
import { describe, expectTypeOf, it } from "vitest";
import {
  createAirbyteClient,
  type InitiateOauthRequest,
  type InitiateOauthResponse,
  type OAuthActorNames,
  type Problem,
  type SourceCreateRequest,
  type SourceResponse,
} from "../../src/index.js";
import { operation } from "../../src/operation.js";
import { serializeQuery } from "../../src/url.js";

const airbyte = createAirbyteClient();
const workspaceId = "871d9b60-11d1-44cb-8c92-c246d53bf87e";

describe("initiateOAuth", () => {
  it("resolves to the typed consent URL", () => {
    expectTypeOf(airbyte.sources.initiateOAuth).returns.resolves.toEqualTypeOf<InitiateOauthResponse>();
    expectTypeOf<InitiateOauthResponse>().toEqualTypeOf<{ consentUrl: string }>();
  });

  it("requires redirectUrl, sourceType and workspaceId with their types", () => {
    // @ts-expect-error workspaceId is required
    void airbyte.sources.initiateOAuth({ redirectUrl: "https://a.example.com", sourceType: "github" });
    // @ts-expect-error redirectUrl is a string, not a number
    void airbyte.sources.initiateOAuth({ redirectUrl: 42, sourceType: "github", workspaceId });
    // @ts-expect-error sourceType is required
    void airbyte.sources.initiateOAuth({ redirectUrl: "https://a.example.com", workspaceId });
    // @ts-expect-error the body is required
    void airbyte.sources.initiateOAuth();
    expectTypeOf<InitiateOauthRequest["oAuthInputConfiguration"]>().toEqualTypeOf<{ [key: string]: unknown } | undefined>();
    expectTypeOf<InitiateOauthRequest["requestedScopes"]>().toEqualTypeOf<string[] | undefined>();
  });

  it("offers the known source types and accepts any other string", () => {
    expectTypeOf<"google-ads">().toExtend<OAuthActorNames>();
    expectTypeOf<"zendesk-talk">().toExtend<OAuthActorNames>();
    expectTypeOf<"a-source-added-tomorrow">().toExtend<OAuthActorNames>();
    // Autocomplete works because the known literals survive in the union (not collapsed to string).
    expectTypeOf<Extract<OAuthActorNames, "github">>().toEqualTypeOf<"github">();
    expectTypeOf<Extract<OAuthActorNames, "snowflake">>().toEqualTypeOf<never>();
    // @ts-expect-error not a string
    const notString: OAuthActorNames = 3;
    void notString;
  });
});

describe("argument rule", () => {
  it("path parameters come first, positional, in path order", () => {
    expectTypeOf(airbyte.workspaces.deleteWorkspaceOAuthCredentials).parameters.toEqualTypeOf<
      [workspaceId: string, actorType: "source" | "destination", name: string, options?: import("../../src/index.js").RequestOptions]
    >();
    // @ts-expect-error one path parameter missing
    void airbyte.workspaces.deleteWorkspaceOAuthCredentials(workspaceId, "source");
    // @ts-expect-error actorType is a closed enum
    void airbyte.workspaces.deleteWorkspaceOAuthCredentials(workspaceId, "connection", "github");
    // @ts-expect-error getSource needs its sourceId
    void airbyte.sources.getSource();
    // @ts-expect-error too many arguments
    void airbyte.sources.getSource("id", {}, {}, "extra");
  });

  it("then the body, or the query object, then per-call options", () => {
    void airbyte.sources.getSource("id", { includeSecretCoordinates: true }, { signal: AbortSignal.timeout(1000) });
    // @ts-expect-error unknown query parameter
    void airbyte.sources.getSource("id", { includeSecrets: true });
    expectTypeOf(airbyte.sources.createSource).parameter(0).toEqualTypeOf<SourceCreateRequest>();
    expectTypeOf(airbyte.sources.getSource).returns.resolves.toEqualTypeOf<SourceResponse>();
  });

  it("empty success bodies resolve to void", () => {
    expectTypeOf(airbyte.health.getHealthCheck).returns.resolves.toEqualTypeOf<void>();
    expectTypeOf(airbyte.organizations.deleteOrganizationOAuthCredentials).returns.resolves.toEqualTypeOf<void>();
  });

  it("every schema is exported by name", () => {
    expectTypeOf<Problem["title"]>().toEqualTypeOf<string | undefined>();
    // @ts-expect-error no such group
    void airbyte.nothing;
  });
});

describe("standalone functions and response metadata", () => {
  it("an operation function takes the core, then the method's arguments, and returns the same promise type", async () => {
    const { createAirbyteCore, bearer, initiateOAuth, getSource, listSources } = await import("../../src/index.js");
    const core = createAirbyteCore({ auth: bearer("t") });
    expectTypeOf(initiateOAuth).parameters.toEqualTypeOf<[core: import("../../src/index.js").AirbyteCore, body: InitiateOauthRequest, options?: import("../../src/index.js").RequestOptions]>();
    expectTypeOf(initiateOAuth(core, { redirectUrl: "r", sourceType: "github", workspaceId })).resolves.toEqualTypeOf<InitiateOauthResponse>();
    expectTypeOf(getSource(core, "id").withResponse()).resolves.toEqualTypeOf<{ data: SourceResponse; response: Response; requestId: string | undefined }>();
    expectTypeOf(listSources(core)).toEqualTypeOf<ReturnType<typeof airbyte.sources.listSources>>();
    // @ts-expect-error the core comes first
    void getSource("id");
    // @ts-expect-error a plain-object auth is for createAirbyteClient; the core takes a strategy
    void createAirbyteCore({ auth: { bearerToken: "t" } });
  });

  it("every method's promise offers withResponse()", () => {
    expectTypeOf(airbyte.sources.getSource("id").withResponse()).resolves.toHaveProperty("requestId").toEqualTypeOf<string | undefined>();
    expectTypeOf(airbyte.sources.listSources().withResponse()).resolves.toHaveProperty("response").toEqualTypeOf<Response>();
  });

  it("timeouts take false, not strings", () => {
    void createAirbyteClient({ timeoutMs: false, totalTimeoutMs: false, maxResponseBytes: 1_000, allowInsecureHttp: true, dangerouslyAllowBrowser: false });
    void airbyte.sources.getSource("id", undefined, { timeoutMs: false });
    // @ts-expect-error not a string
    void createAirbyteClient({ timeoutMs: "5s" });
    // @ts-expect-error true does not turn anything on
    void createAirbyteClient({ timeoutMs: true });
  });
});

describe("the standalone function builder (generated code)", () => {
  const entry = { method: "GET", path: "/x", pathParams: [], body: null, success: "json", authenticated: true } as const;
  it("an operation with a query must be given the query serializer; one without may not need it", () => {
    void operation("a", { ...entry, queryParams: [] });
    void operation("b", { ...entry, queryParams: ["limit"] }, serializeQuery);
    // @ts-expect-error without the serializer its query would be dropped
    void operation("c", { ...entry, queryParams: ["limit"] });
  });
});
