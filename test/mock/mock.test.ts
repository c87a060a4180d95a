/**
 * The mock behaves like Airbyte where a client can tell: the OAuth flow
 * completes through real redirects, lists page the way Airbyte pages, the
 * token endpoint works, and anything wrong is a Problem, never a stack trace.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAirbyteClient, readOAuthCallback, type AirbyteApiError } from "airbyte-api-client";
import type { BundledSpec } from "../../scripts/lib/generate/model.js";
import { defaultSpec } from "../../scripts/lib/shared/paths.js";
import { bundleSpec } from "../../scripts/lib/spec/redocly.js";
import { COLLECTION_SIZE } from "../../scripts/lib/mock/paging.js";
import { startMock, type RunningMock } from "../../scripts/lib/mock/server.js";

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock((await bundleSpec(defaultSpec)) as BundledSpec);
});
afterAll(() => mock?.close());

const workspaceId = "871d9b60-11d1-44cb-8c92-c246d53bf87e";
const client = (fetchImpl?: (r: Request) => Promise<Response>) =>
  createAirbyteClient({
    baseUrl: mock.baseUrl,
    auth: { bearerToken: "t" },
    retry: false,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });

describe("the OAuth flow", () => {
  it("initiateOAuth -> consent page -> oauthCallback -> redirectUrl?secret_id -> createSource", async () => {
    const airbyte = client();
    const redirectUrl = "http://127.0.0.1:1/oauth/callback";
    const { consentUrl } = await airbyte.sources.initiateOAuth({
      sourceType: "github",
      workspaceId,
      redirectUrl,
    });
    expect(consentUrl.startsWith(`${mock.origin}/`)).toBe(true);

    const consent = await fetch(consentUrl, { redirect: "manual" });
    expect(consent.status).toBe(302);
    const callback = new URL(consent.headers.get("location") ?? "");
    expect(`${callback.origin}${callback.pathname}`).toBe(`${mock.baseUrl}/oauth/callback`);

    const landing = await fetch(callback, { redirect: "manual" });
    expect(landing.status).toBe(302);
    const back = landing.headers.get("location") ?? "";
    expect(back.startsWith(`${redirectUrl}?secret_id=`)).toBe(true);

    const { secretId } = readOAuthCallback(back);
    const source = await airbyte.sources.createSource({
      name: "GitHub",
      workspaceId,
      secretId,
      configuration: { sourceType: "github" },
    });
    expect(source).toMatchObject({ name: "GitHub", workspaceId });

    // A consent is used once.
    const again = await fetch(callback, { redirect: "manual" });
    expect(again.status).toBe(400);
    expect(((await again.json()) as { detail: string }).detail).toContain("query.state");
  });
});

describe("paging", () => {
  // A mock of its own: what other tests create is listed too (first).
  let own: RunningMock;
  beforeAll(async () => {
    own = await startMock({ spec: (await bundleSpec(defaultSpec)) as BundledSpec });
  });
  afterAll(() => own?.close());
  const client = (fetchImpl?: (r: Request) => Promise<Response>) =>
    createAirbyteClient({ baseUrl: own.baseUrl, auth: { bearerToken: "t" }, retry: false, ...(fetchImpl ? { fetch: fetchImpl } : {}) });

  it('walks every item, a next link on each non-empty page and next: "" on the empty one', async () => {
    const seen: URL[] = [];
    const airbyte = client((request) => {
      seen.push(new URL(request.url));
      return fetch(request);
    });
    const ids: string[] = [];
    for await (const source of airbyte.sources.listSources({ workspaceIds: [workspaceId] })) {
      expect(source.workspaceId).toBe(workspaceId);
      ids.push(source.sourceId);
    }
    expect(ids).toHaveLength(COLLECTION_SIZE);
    expect(new Set(ids).size).toBe(COLLECTION_SIZE);
    expect(seen.map((u) => u.searchParams.get("offset") ?? "0")).toEqual([
      "0",
      "20",
      "40",
      "60",
      "80",
    ]);
  });

  it.each([
    [{ limit: 30 }, 30, "?limit=30&offset=30"],
    [{ limit: 30, offset: 60 }, 5, "?limit=30&offset=90"],
    [{ offset: 65 }, 0, ""],
  ])("a page of %o has %i items and next %s", async (query, count, nextQuery) => {
    const page = await client().sources.listSources(query);
    expect(page.data).toHaveLength(count);
    expect(page.next).toBe(nextQuery === "" ? "" : `${own.baseUrl}/sources${nextQuery}`);
  });
});

describe("credentials", () => {
  it.each(["json", "form"] as const)(
    "client credentials sent as %s get a token that the API accepts",
    async (format) => {
      const airbyte = createAirbyteClient({
        baseUrl: mock.baseUrl,
        auth: { clientId: "id", clientSecret: "s", tokenRequestFormat: format },
      });
      await expect(airbyte.workspaces.listWorkspaces()).resolves.toHaveProperty("data");
    },
  );

  it("a basic username and password are accepted", async () => {
    const airbyte = createAirbyteClient({
      baseUrl: mock.baseUrl,
      auth: { username: "u", password: "p" },
    });
    await expect(airbyte.workspaces.listWorkspaces()).resolves.toHaveProperty("data");
  });
});

describe("what is not the API", () => {
  it.each([
    ["a body that is not JSON", "POST", "/sources/initiateOAuth", "{nope", 400, "body"],
    ["an unknown path", "GET", "/nowhere", undefined, 404, "/v1/nowhere"],
    ["a method the path does not take", "PATCH", "/health", undefined, 405, "PATCH"],
  ])("%s is a Problem, not a stack trace", async (_name, method, path, body, status, named) => {
    const res = await fetch(`${mock.baseUrl}${path}`, {
      method,
      headers: { authorization: "Bearer t", "content-type": "application/json" },
      ...(body === undefined ? {} : { body }),
    });
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const text = await res.text();
    expect((JSON.parse(text) as AirbyteApiError["problem"])?.detail).toContain(named);
    expect(text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
  });
});
