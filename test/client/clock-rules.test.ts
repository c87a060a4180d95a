/**
 * A partial `clock`: given only `schedule` (and `now`), the client's own
 * backoff wait runs on it, and an abort or the total timeout during that wait
 * cancels its timer. Written against the mutants Stryker left alive in
 * src/clock.ts and src/timeout.ts; timeouts.test.ts drives a full fake clock.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { AirbyteTimeoutError, createAirbyteClient } from "../../src/index.js";
import { fakeClock, flush } from "../helpers/fake-clock.js";

const id = "18dccc91-0ab1-4f72-9ed7-0b8fc27c5826";
afterEach(() => {
  vi.restoreAllMocks();
});

/** The fake clock without its `sleep`: the client must build the wait from `schedule`. */
function scheduleOnly() {
  const time = fakeClock();
  const { now, schedule } = time.clock;
  return { time, clock: { now, schedule } };
}

describe("the default sleep runs on a custom schedule", () => {
  it("waits the backoff on the given schedule, then retries", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    const { time, clock } = scheduleOnly();
    let sent = 0;
    const airbyte = createAirbyteClient({ auth: false,
      clock,
      timeoutMs: false,
      retry: { maxRetries: 1, initialDelayMs: 400 },
      fetch: async () => (++sent === 1 ? new Response(null, { status: 503 }) : Response.json({ sourceId: "s" })),
    });
    const call = airbyte.sources.getSource(id);
    await flush();
    expect(sent).toBe(1);
    expect(time.pending()).toEqual([200]);
    await time.advance(199);
    expect(sent).toBe(1);
    await time.advance(1);
    await expect(call).resolves.toEqual({ sourceId: "s" });
    expect(sent).toBe(2);
    expect(time.pending()).toEqual([]);
  });

  it("the caller's abort ends the wait at once and cancels its timer", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    const { time, clock } = scheduleOnly();
    const controller = new AbortController();
    let sent = 0;
    const airbyte = createAirbyteClient({ auth: false, clock, timeoutMs: false, retry: { maxRetries: 1, initialDelayMs: 400 }, fetch: async () => (sent++, new Response(null, { status: 503 })) });
    const call = airbyte.sources.getSource(id, undefined, { signal: controller.signal }).catch((e: unknown) => e);
    await flush();
    expect(time.pending()).toEqual([200]);
    const reason = new Error("stop");
    controller.abort(reason);
    expect(await call).toBe(reason);
    expect(time.pending()).toEqual([]);
    expect(sent).toBe(1);
  });

  it("the total timeout during the wait is a total-scope timeout error", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    const { time, clock } = scheduleOnly();
    const airbyte = createAirbyteClient({ auth: false, clock, timeoutMs: false, totalTimeoutMs: 100, retry: { maxRetries: 1, initialDelayMs: 400 }, fetch: async () => new Response(null, { status: 503 }) });
    const call = airbyte.sources.getSource(id).catch((e: unknown) => e);
    await flush();
    expect(time.pending().sort()).toEqual([100, 200]);
    await time.advance(100);
    const error = await call;
    expect(error).toBeInstanceOf(AirbyteTimeoutError);
    expect(error).toMatchObject({ scope: "total", timeoutMs: 100 });
    // The error of the last attempt's request is kept.
    expect((error as AirbyteTimeoutError).request?.url).toBe(`https://api.airbyte.com/v1/sources/${id}`);
    expect(time.pending()).toEqual([]);
  });

  it("an already aborted signal sends nothing and rejects with its reason", async () => {
    const { clock } = scheduleOnly();
    let sent = 0;
    const airbyte = createAirbyteClient({ auth: false, clock, fetch: async () => (sent++, Response.json({})) });
    const reason = new Error("already");
    await expect(airbyte.sources.getSource(id, undefined, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(sent).toBe(0);
  });

  it("a clock with only now keeps the real timers (nothing scheduled on the fake one)", async () => {
    const { time } = scheduleOnly();
    const airbyte = createAirbyteClient({ auth: false, clock: { now: time.clock.now }, fetch: async () => Response.json({ sourceId: "s" }) });
    await expect(airbyte.sources.getSource(id)).resolves.toEqual({ sourceId: "s" });
    expect(time.scheduled()).toEqual([]);
  });
});

describe("the attempt timer ends with its attempt", () => {
  it("the first attempt's timer never fires into the next attempt", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.5);
    const time = fakeClock();
    const requests: Request[] = [];
    const airbyte = createAirbyteClient({ auth: false,
      clock: time.clock,
      timeoutMs: 1_000,
      retry: { maxRetries: 1, initialDelayMs: 1_000 },
      fetch: (r) => {
        requests.push(r);
        // The first attempt fails at once; the second hangs until its signal aborts.
        if (requests.length === 1) return Promise.resolve(new Response(null, { status: 503 }));
        return new Promise((_, reject) => r.signal.addEventListener("abort", () => reject(r.signal.reason)));
      },
    });
    // A caller signal, so the Requests carry the call's signal and its aborts can be watched.
    const call = airbyte.sources.getSource(id, undefined, { signal: new AbortController().signal }).catch((e: unknown) => e);
    await flush();
    await time.advance(500);
    await flush();
    expect(requests).toHaveLength(2);
    // 1 000 ms after the first attempt started, 500 ms into the second.
    await time.advance(500);
    expect(requests[1]?.signal.aborted).toBe(false);
    await time.advance(500);
    expect(requests[1]?.signal.aborted).toBe(true);
    expect(await call).toMatchObject({ name: "AirbyteTimeoutError", scope: "attempt" });
  });
});

describe("the token request's deadline", () => {
  it.each([
    ["timeoutMs: false: none", false, []],
    ["timeoutMs: 700: 700 ms", 700, [700]],
  ] as const)("%s", async (_, timeoutMs, token) => {
    const time = fakeClock();
    const airbyte = createAirbyteClient({
      clock: time.clock,
      timeoutMs,
      auth: { clientId: "c", clientSecret: "s" },
      fetch: async (r) => (r.url.endsWith("/applications/token") ? Response.json({ access_token: "t", expires_in: 3600 }) : Response.json({ sourceId: "s" })),
    });
    await airbyte.sources.getSource(id);
    // The call's attempt timer, and the token request's own deadline (none when off).
    expect(time.scheduled()).toEqual(timeoutMs === false ? [] : [...token, timeoutMs]);
    expect(time.pending()).toEqual([]);
  });
});

describe("the caller's signal keeps no listener of the call's", () => {
  it.each([
    ["a success", () => Response.json({ sourceId: "s" })],
    ["a failure", () => new Response(null, { status: 404 })],
  ])("after %s, every abort listener added was removed (same type, same function)", async (_, answer) => {
    const controller = new AbortController();
    const live = new Set<unknown>();
    const { signal } = controller;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((type: string, listener: never, options?: never) => {
      if (type === "abort") live.add(listener);
      add(type, listener, options);
    }) as typeof signal.addEventListener;
    signal.removeEventListener = ((type: string, listener: never) => {
      if (type === "abort") live.delete(listener);
      remove(type, listener);
    }) as typeof signal.removeEventListener;
    const airbyte = createAirbyteClient({ auth: false, retry: false, fetch: async () => answer() });
    await airbyte.sources.getSource(id, undefined, { signal }).catch(() => undefined);
    expect(live.size).toBe(0);
  });
});
