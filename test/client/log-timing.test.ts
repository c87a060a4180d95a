/**
 * Log lines time requests with the client's clock (the `clock` option), never
 * the wall clock: with a clock that moves only when the fake server answers,
 * every "in N ms" is exactly the time the server took.
 */
import { describe, expect, it } from "vitest";
import { createAirbyteClient, createRawClient } from "../../src/index.js";

function setup() {
  let t = 1_700_000_000_000;
  const log: string[] = [];
  const airbyte = createAirbyteClient({
    auth: { clientId: "client-id", clientSecret: "client-secret-value" },
    clock: { now: () => t },
    logger: { debug: (line) => log.push(line) },
    fetch: async (request) => {
      const token = request.url.endsWith("/applications/token");
      t += token ? 250 : 40;
      return Response.json(token ? { access_token: "minted-token-1", expires_in: 180 } : { sourceId: "s" });
    },
  });
  return { airbyte, log };
}

describe("log lines time requests with the client's clock", () => {
  it("the token request and the call", async () => {
    const { airbyte, log } = setup();
    await airbyte.sources.getSource("s");
    expect(log.find((line) => line.includes("(token request) in"))).toMatch(/ in 250 ms$/);
    expect(log.find((line) => line.startsWith("[airbyte-api-client] ← 200 GET"))).toMatch(/ in 40 ms \(attempt 1\)$/);
  });

  it("the raw client's calls", async () => {
    const { airbyte, log } = setup();
    await createRawClient(airbyte).GET("/sources/{sourceId}", { params: { path: { sourceId: "s" } } });
    expect(log.filter((line) => line.startsWith("[airbyte-api-client] ← 200 GET"))).toEqual([expect.stringMatching(/ in 40 ms \(attempt 1\)$/)]);
  });
});
