/**
 * Deadline rules that mutation testing (docs/reports/mutation.md, run 8) showed no
 * test pinned: the total timeout is final even when the attempt timer fires in
 * the same instant; a timeout aborts the request with a TimeoutError reason;
 * and `timeoutMs: false` really means no deadline on the token request too.
 */
import { describe, expect, it } from "vitest";
import { AirbyteTimeoutError, createAirbyteClient } from "../../src/index.js";
import { fakeClock, flush, hangingFetch } from "../helpers/fake-clock.js";

const id = "18dccc91-0ab1-4f72-9ed7-0b8fc27c5826";

describe("deadlines", () => {
  it("a total timeout is final: an attempt timer firing before the call has reacted does not turn it into a retry", async () => {
    // Both timers due in the same turn, fired back to back before the aborted fetch has
    // rejected (a real fetch may take a macrotask to reject): total first, then attempt.
    const timers: Array<{ ms: number; run: () => void }> = [];
    const clock = { schedule: (ms: number, run: () => void) => (timers.push({ ms, run }), () => undefined) };
    const { fetch, requests } = hangingFetch();
    const airbyte = createAirbyteClient({ auth: false, fetch, clock, timeoutMs: 100, totalTimeoutMs: 100, retry: { maxRetries: 2, initialDelayMs: 0 } });
    const call = airbyte.sources.getSource(id).catch((e: unknown) => e);
    await flush();
    expect(timers.map((t) => t.ms)).toEqual([100, 100]); // the total timer, then the first attempt's
    timers[0]?.run();
    timers[1]?.run();
    await flush();
    expect(timers.map((t) => t.ms)).toEqual([100, 100]); // no backoff scheduled for a retry
    const error = await call;
    expect(error).toBeInstanceOf(AirbyteTimeoutError);
    expect(error).toMatchObject({ scope: "total", timeoutMs: 100 });
    expect(requests).toHaveLength(1);
  });

  it("a timeout aborts the request (it carries a signal when the caller gave one) with a TimeoutError reason that names the timeout", async () => {
    const time = fakeClock();
    const { fetch, requests } = hangingFetch();
    const airbyte = createAirbyteClient({ auth: false, fetch, clock: time.clock, timeoutMs: 50, retry: false });
    const call = airbyte.sources.getSource(id, undefined, { signal: new AbortController().signal }).catch((e: unknown) => e);
    await flush();
    await time.advance(50);
    await call;
    const reason = requests[0]?.signal.reason as DOMException | undefined;
    expect(reason?.name).toBe("TimeoutError");
    expect(reason?.message).toBe("The attempt timeout passed");
  });

  it("timeoutMs: false puts no deadline on the token request either (a token endpoint answering after an hour still answers)", async () => {
    const time = fakeClock();
    let answerToken: () => void = () => undefined;
    const airbyte = createAirbyteClient({
      auth: { clientId: "client-id", clientSecret: "client-secret-value" },
      timeoutMs: false,
      retry: false,
      clock: time.clock,
      fetch: async (request) => {
        if (request.url.endsWith("/applications/token")) {
          await new Promise<void>((resolve) => (answerToken = resolve));
          if (request.signal.aborted) throw request.signal.reason;
          return Response.json({ access_token: "minted-token-1", expires_in: 180 });
        }
        return Response.json({ sourceId: id });
      },
    });
    const call = airbyte.sources.getSource(id);
    await flush();
    // No timer guards the token request, and an hour passing aborts nothing.
    expect(time.pending()).toEqual([]);
    await time.advance(3_600_000);
    answerToken();
    await expect(call).resolves.toMatchObject({ sourceId: id });
  });
});
