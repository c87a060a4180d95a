/**
 * A client given no `fetch` uses the global one, looked up at each call, and
 * hands it the URL and init (fetch builds the Request once, following the
 * call's signal once). A timeout or a caller's abort then closes the request
 * on the network: the server sees its connection end, nothing waits for
 * undici's own 300 s limit.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { AirbyteTimeoutError, createAirbyteClient } from "../../src/index.js";
import { fakeClock } from "../helpers/fake-clock.js";
import { startServer, type TestServer } from "../helpers/server.js";

let server: TestServer | undefined;
afterEach(async () => {
  vi.unstubAllGlobals();
  await server?.close();
  server = undefined;
});

/** Waits for `event`, failing with `what` after 5 s rather than at the test's own timeout. */
function within(event: Promise<void>, what: string): Promise<void> {
  return Promise.race([event, new Promise<void>((_, reject) => setTimeout(() => reject(new Error(what)), 5000).unref())]);
}

/** A server that never answers, and resolves `closed` when the client's request is gone from the wire. */
async function hangingServer() {
  let arrived!: () => void;
  let closed!: () => void;
  const request = new Promise<void>((r) => (arrived = r));
  const gone = new Promise<void>((r) => (closed = r));
  server = await startServer((_req, res) => {
    arrived();
    res.on("close", () => closed());
  });
  return { baseUrl: `${server.origin}/v1`, request, gone };
}

describe("the default fetch", () => {
  it("is the global fetch at call time, called with the URL and an init carrying the call's signal", async () => {
    const client = createAirbyteClient({ baseUrl: "https://api.example.test/v1", auth: { bearerToken: "t0k3n-default-fetch" } });
    const seen: Array<{ input: unknown; init: RequestInit | undefined }> = [];
    // Patched in after the client was made: still used.
    vi.stubGlobal("fetch", async (input: unknown, init?: RequestInit) => {
      seen.push({ input, init });
      return new Response(JSON.stringify({ sourceId: "s-1" }), { headers: { "content-type": "application/json" } });
    });
    await expect(client.sources.getSource("s-1")).resolves.toMatchObject({ sourceId: "s-1" });
    expect(seen).toHaveLength(1);
    const [{ input, init }] = seen as [(typeof seen)[0]];
    expect(input).toBe("https://api.example.test/v1/sources/s-1");
    expect(init?.method).toBe("GET");
    expect(init?.redirect).toBe("manual");
    expect(new Headers(init?.headers).get("authorization")).toBe("Bearer t0k3n-default-fetch");
    expect(init?.signal).toBeInstanceOf(AbortSignal);
  });

  it("a fetch of the caller's gets a Request carrying the call's signal", async () => {
    let got: unknown;
    const client = createAirbyteClient({
      baseUrl: "https://api.example.test/v1",
      auth: false,
      fetch: async (request) => {
        got = request;
        return new Response("{}", { headers: { "content-type": "application/json" } });
      },
    });
    await client.sources.getSource("s-1");
    expect(got).toBeInstanceOf(Request);
    expect((got as Request).url).toBe("https://api.example.test/v1/sources/s-1");
    expect((got as Request).signal.aborted).toBe(false);
  });

  it("closes the request on the network when the attempt times out", async () => {
    const { baseUrl, request, gone } = await hangingServer();
    const time = fakeClock();
    const client = createAirbyteClient({ baseUrl, auth: false, clock: time.clock, timeoutMs: 30_000, retry: false });
    const call = client.sources.getSource("s-1");
    const settled = call.then(() => "resolved", (error: unknown) => error);
    await request;
    await time.advance(30_000);
    expect(await settled).toBeInstanceOf(AirbyteTimeoutError);
    await within(gone, "the server still holds the request: the abort did not reach the network");
  });

  it("closes the request on the network when the caller aborts", async () => {
    const { baseUrl, request, gone } = await hangingServer();
    const client = createAirbyteClient({ baseUrl, auth: false, retry: false });
    const controller = new AbortController();
    const call = client.sources.getSource("s-1", undefined, { signal: controller.signal });
    const settled = call.then(() => "resolved", (error: unknown) => error);
    await request;
    controller.abort(new Error("stop: the caller's reason"));
    expect(await settled).toMatchObject({ message: "stop: the caller's reason" });
    await within(gone, "the server still holds the request: the abort did not reach the network");
    // The server saw one request, and the client did not try again.
    expect(server?.requests).toHaveLength(1);
  });
});
