/**
 * The backend on the bundled spec: the OAuth flow's exact answers (consent
 * page, callback, redirectUrl refused and why), the secrets createSource
 * accepts, consents expiring on the given clock, and the workspace filter of
 * a list over what was created.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { BundledSpec } from "../../scripts/lib/generate/model.js";
import { API_ROOT, createMockApi, type MockApi, type MockResponse } from "../../scripts/lib/mock/backend.js";
import { CONSENT_TTL_MS } from "../../scripts/lib/mock/oauth.js";
import { defaultSpec } from "../../scripts/lib/shared/paths.js";
import { bundleSpec } from "../../scripts/lib/spec/redocly.js";

const spec = (await bundleSpec(defaultSpec)) as BundledSpec;
const ORIGIN = "http://localhost:7";
const WS_A = "871d9b60-11d1-44cb-8c92-c246d53bf87e";
const WS_B = "0526af00-248a-4dc3-a4c5-43a13f0f3bd6";
const EXAMPLE_SECRET = "6f2a3d6e-54b3-4b58-9e1e-4d0ad42c3f1b";
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const TYPE = "https://reference.airbyte.com/reference/errors#";

let now = 1_700_000_000_000;
let api: MockApi;
beforeEach(async () => {
  now = 1_700_000_000_000;
  api = await createMockApi(spec, { now: () => now });
});

const absolute = (method: string, url: string, body?: unknown) =>
  api.handle({ method, url: new URL(url), headers: { authorization: "Bearer t" }, body });
const call = (method: string, path: string, body?: unknown) => absolute(method, `${ORIGIN}${API_ROOT}${path}`, body);

const initiate = async (redirectUrl = "https://app.example.com/cb") =>
  ((await call("POST", "/sources/initiateOAuth", { sourceType: "github", workspaceId: WS_A, redirectUrl })).body as { consentUrl: string }).consentUrl;

function location(response: MockResponse): string {
  expect(response.status).toBe(302);
  return response.headers?.["location"] ?? "";
}

describe("initiateOAuth", () => {
  it("hands out a consent URL on the origin the caller reached", async () => {
    expect(await initiate()).toMatch(new RegExp(`^${ORIGIN}/mock/oauth/consent\\?state=${UUID}$`));
  });

  it.each([
    ["ftp://files.example.com/cb", "must be an http or https URL, not ftp:"],
    ["https://u:p@app.example.com/cb", "must not hold a user name or password"],
  ])("refuses %s: %s", async (redirectUrl, reason) => {
    const response = await call("POST", "/sources/initiateOAuth", { sourceType: "github", workspaceId: WS_A, redirectUrl });
    expect(response.status).toBe(400);
    expect(response.headers?.["content-type"]).toBe("application/problem+json");
    expect(response.body).toEqual({
      type: `${TYPE}bad-request`,
      title: "bad-request",
      status: 400,
      detail: `initiateOAuth: body.redirectUrl ${reason}.`,
      data: { errors: [{ field: "body.redirectUrl", message: reason }] },
    });
  });
});

describe("the consent page and oauthCallback", () => {
  it("consent -> callback -> redirectUrl with a secret_id, which createSource accepts", async () => {
    const consentUrl = await initiate("https://app.example.com/cb?keep=1");
    const state = new URL(consentUrl).searchParams.get("state") ?? "";
    const callback = location(await absolute("GET", consentUrl));
    expect(callback).toMatch(new RegExp(`^${ORIGIN}/v1/oauth/callback\\?code=mock-code-${UUID}&state=${state}$`));
    const back = location(await absolute("GET", callback));
    expect(back).toMatch(new RegExp(`^https://app\\.example\\.com/cb\\?keep=1&secret_id=${UUID}$`));
    const secretId = new URL(back).searchParams.get("secret_id") ?? "";
    const source = await call("POST", "/sources", { name: "GitHub", workspaceId: WS_A, secretId, configuration: { sourceType: "github" } });
    expect(source).toMatchObject({ status: 200, body: { name: "GitHub", workspaceId: WS_A } });
  });

  it("a consent page for an unknown state is a 400", async () => {
    const response = await absolute("GET", `${ORIGIN}/mock/oauth/consent?state=unknown`);
    expect(response).toEqual({
      status: 400,
      headers: { "content-type": "application/problem+json" },
      body: { type: `${TYPE}bad-request`, title: "bad-request", status: 400, detail: "query.state is not a consent this mock started (call initiateOAuth first)." },
    });
  });

  it("the consent page takes GET only; other paths under /mock are not the API", async () => {
    const consentUrl = await initiate();
    expect((await absolute("POST", consentUrl)).status).toBe(404);
    expect((await absolute("GET", consentUrl.replace("/consent", "/consent2"))).status).toBe(404);
  });

  it("a consent expires on the mock's clock", async () => {
    const consentUrl = await initiate();
    now += CONSENT_TTL_MS;
    expect((await absolute("GET", consentUrl)).status).toBe(400);
  });

  it.each([
    ["?state=forged&code=x", "forged"],
    ["?code=x", "(missing)"],
  ])("oauthCallback%s is a 400 naming the state", async (query, named) => {
    const response = await call("GET", `/oauth/callback${query}`);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      type: `${TYPE}bad-request`,
      title: "bad-request",
      status: 400,
      detail: `oauthCallback: query.state ${named} is not a consent this mock started (call initiateOAuth first).`,
      data: { errors: [{ field: "query.state", message: "is not a consent this mock started" }] },
    });
  });
});

describe("createSource and secrets", () => {
  const create = (secretId?: string) =>
    call("POST", "/sources", { name: "S", workspaceId: WS_A, configuration: { sourceType: "github" }, ...(secretId === undefined ? {} : { secretId }) });

  it("a secretId no consent issued is a 400 value-not-found", async () => {
    const response = await create("forged");
    expect(response.body).toEqual({
      type: `${TYPE}value-not-found`,
      title: "value-not-found",
      status: 400,
      detail: "createSource: body.secretId forged was not issued by an OAuth consent on this mock.",
      data: { errors: [{ field: "body.secretId", message: "was not issued by an OAuth consent on this mock" }] },
    });
  });

  it("the spec's example secretId is accepted; other strings of the spec are not secrets", async () => {
    expect((await create(EXAMPLE_SECRET)).status).toBe(200);
    expect((await create(WS_A)).status).toBe(400);
    expect((await create("github")).status).toBe(400);
  });

  it("without a secretId the source is created and kept", async () => {
    const created = await create();
    const id = (created.body as { sourceId: string }).sourceId;
    expect(created.status).toBe(200);
    expect((await call("GET", `/sources/${id}`)).body).toEqual(created.body);
  });
});

describe("a list filtered by workspace", () => {
  it("lists the created records of those workspaces first, and items of those workspaces only", async () => {
    const mk = async (name: string, workspaceId: string) =>
      (await call("POST", "/sources", { name, workspaceId, configuration: { sourceType: "github" } })).body as { sourceId: string; workspaceId: string };
    const a = await mk("a", WS_A);
    const b = await mk("b", WS_B);
    const ids = async (query: string) => ((await call("GET", `/sources${query}`)).body as { data: Array<{ sourceId: string; workspaceId: string }> }).data;

    const onlyA = await ids(`?workspaceIds=${WS_A}&limit=3`);
    expect(onlyA[0]).toEqual(a);
    expect(onlyA.map((s) => s.workspaceId)).toEqual([WS_A, WS_A, WS_A]);
    const onlyB = await ids(`?workspaceIds=${WS_B}&limit=2`);
    expect(onlyB[0]).toEqual(b);
    expect(onlyB.map((s) => s.workspaceId)).toEqual([WS_B, WS_B]);
    const both = await ids(`?workspaceIds=${WS_A}&workspaceIds=${WS_B}&limit=4`);
    expect(both.slice(0, 2)).toEqual([a, b]);
    expect(both.slice(2).map((s) => s.workspaceId)).toEqual([WS_A, WS_B]);
    expect((await ids("?limit=2")).map((s) => s.sourceId)).toEqual([a.sourceId, b.sourceId]);
  });

  it("a list that is not stored pages the example items", async () => {
    const page = (await call("GET", "/jobs?limit=2&offset=2")).body as { data: unknown[]; previous: string; next: string };
    expect(page.data).toHaveLength(2);
    expect(page.previous).toBe(`${ORIGIN}/v1/jobs?limit=2&offset=0`);
    expect(page.next).toBe(`${ORIGIN}/v1/jobs?limit=2&offset=4`);
  });
});
