/**
 * Timeouts and cancellation on fake time: every timer runs through the public
 * `clock`, so these tests move time by hand and never wait on the wall clock.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { AirbyteTimeoutError, createAirbyteClient } from "../../src/index.js";
import { fakeClock, flush, hangingFetch } from "../helpers/fake-clock.js";

const id = "18dccc91-0ab1-4f72-9ed7-0b8fc27c5826";
const ok = () => Response.json({ sourceId: id });
afterEach(() => {
  vi.restoreAllMocks();
});

describe("attempt timeout (timeoutMs)", () => {
  it("aborts an attempt after timeoutMs on the client's clock, then retries with a new attempt", async () => {
    const time = fakeClock();
    const { fetch, requests } = hangingFetch();
    const airbyte = createAirbyteClient({ auth: false, fetch, clock: time.clock, timeoutMs: 1_000, retry: { maxRetries: 1, initialDelayMs: 0 } });
    // A caller signal, so each Request carries the call's signal (without one, a timeout settles the call without it).
    const call = airbyte.sources.getSource(id, undefined, { signal: new AbortController().signal }).catch((e: unknown) => e);
    await flush();
    expect(requests).toHaveLength(1);
    await time.advance(999);
    expect(requests[0]?.signal.aborted).toBe(false);
    await time.advance(1);
    expect(requests[0]?.signal.aborted).toBe(true);
    await flush();
    expect(requests).toHaveLength(2);
    // The retry runs on a live signal (a new controller), with its own timer.
    expect(requests[1]?.signal.aborted).toBe(false);
    await time.advance(1_000);
    const error = await call;
    expect(error).toBeInstanceOf(AirbyteTimeoutError);
    expect(error).toMatchObject({ scope: "attempt", timeoutMs: 1_000 });
    expect(time.pending()).toEqual([]);
  });

  it.each([
    ["client", { timeoutMs: false }, undefined],
    ["call", {}, { timeoutMs: false }],
  ] as const)("timeoutMs: false on the %s schedules no timer and sends no signal", async (_, clientOptions, callOptions) => {
    const time = fakeClock();
    const seen: Request[] = [];
    const airbyte = createAirbyteClient({ auth: false, ...clientOptions, clock: time.clock, fetch: async (r) => (seen.push(r), ok()) });
    await airbyte.sources.getSource(id, undefined, callOptions);
    expect(time.scheduled()).toEqual([]);
    // A Request built without a signal has one that can never abort.
    expect(seen[0]?.signal.aborted).toBe(false);
  });

  it("a call that finishes leaves no timer behind", async () => {
    const time = fakeClock();
    const airbyte = createAirbyteClient({ auth: false, clock: time.clock, totalTimeoutMs: 5_000, fetch: async () => ok() });
    await airbyte.sources.getSource(id);
    expect(time.scheduled().sort()).toEqual([5_000, 60_000]);
    expect(time.pending()).toEqual([]);
  });
});

describe("a timeout settles the call, with or without a signal on the Request", () => {
  it("without a caller signal the Request carries none, and the timer alone settles the call; a late answer is cancelled", async () => {
    const time = fakeClock();
    let cancelled = false;
    let answer: (response: Response) => void = () => undefined;
    const requests: Request[] = [];
    const late = new Response(new ReadableStream({ cancel: () => void (cancelled = true) }));
    const airbyte = createAirbyteClient({ auth: false, clock: time.clock, timeoutMs: 1_000, retry: false, fetch: (r) => (requests.push(r), new Promise((resolve) => (answer = resolve))) });
    let settled: unknown;
    const call = airbyte.sources.getSource(id).then(
      () => (settled = "resolved"),
      (e: unknown) => (settled = e),
    );
    await flush();
    await time.advance(999);
    expect(settled).toBeUndefined();
    await time.advance(1);
    await call;
    expect(settled).toMatchObject({ name: "AirbyteTimeoutError", scope: "attempt", timeoutMs: 1_000 });
    expect(requests[0]?.signal.aborted).toBe(false);
    answer(late);
    await flush();
    expect(cancelled).toBe(true);
  });
});

describe("total timeout (totalTimeoutMs)", () => {
  it("cuts an attempt in flight, even when the attempt timeout is longer", async () => {
    const time = fakeClock();
    const { fetch, requests } = hangingFetch();
    const airbyte = createAirbyteClient({ auth: false, fetch, clock: time.clock, timeoutMs: 10_000, totalTimeoutMs: 3_000 });
    const call = airbyte.sources.getSource(id, undefined, { signal: new AbortController().signal }).catch((e: unknown) => e);
    await flush();
    await time.advance(3_000);
    const error = await call;
    expect(error).toBeInstanceOf(AirbyteTimeoutError);
    expect(error).toMatchObject({ scope: "total", timeoutMs: 3_000 });
    expect(requests).toHaveLength(1);
    expect(requests[0]?.signal.aborted).toBe(true);
  });

  it("cuts a backoff wait", async () => {
    vi.spyOn(Math, "random").mockReturnValue(0.99); // a backoff of 4,950 ms
    const time = fakeClock();
    let calls = 0;
    const airbyte = createAirbyteClient({ auth: false,
      clock: time.clock,
      totalTimeoutMs: 2_000,
      retry: { initialDelayMs: 5_000, maxDelayMs: 5_000 },
      fetch: async () => (calls++, new Response(null, { status: 503 })),
    });
    const call = airbyte.sources.getSource(id).catch((e: unknown) => e);
    await flush();
    expect(calls).toBe(1);
    await time.advance(2_000);
    expect(await call).toMatchObject({ name: "AirbyteTimeoutError", scope: "total" });
    expect(calls).toBe(1);
  });
});

describe("the caller's signal", () => {
  /** A signal that counts its live abort listeners. */
  function countingSignal() {
    const controller = new AbortController();
    const signal = controller.signal;
    let live = 0;
    const add = signal.addEventListener.bind(signal);
    const remove = signal.removeEventListener.bind(signal);
    type Listener = Parameters<AbortSignal["addEventListener"]>[1];
    signal.addEventListener = ((type: string, listener: Listener, options?: Parameters<AbortSignal["addEventListener"]>[2]) => {
      live++;
      add(type, listener, options);
    }) as typeof signal.addEventListener;
    signal.removeEventListener = ((type: string, listener: Listener, options?: Parameters<AbortSignal["removeEventListener"]>[2]) => {
      live--;
      remove(type, listener, options);
    }) as typeof signal.removeEventListener;
    return { controller, signal, live: () => live };
  }

  it("keeps no listener on a long-lived signal once calls settle (success and failure)", async () => {
    const { signal, live } = countingSignal();
    let n = 0;
    const airbyte = createAirbyteClient({ auth: false, retry: false, fetch: async () => (n++ % 2 ? ok() : new Response(null, { status: 404 })) });
    for (let i = 0; i < 20; i++) await airbyte.sources.getSource(id, undefined, { signal }).catch(() => undefined);
    expect(live()).toBe(0);
  });

  it("aborting rejects with the signal's reason and clears the timers", async () => {
    const time = fakeClock();
    const { fetch } = hangingFetch();
    const { controller, signal, live } = countingSignal();
    const airbyte = createAirbyteClient({ auth: false, fetch, clock: time.clock, totalTimeoutMs: 9_000 });
    const call = airbyte.sources.getSource(id, undefined, { signal }).catch((e: unknown) => e);
    await flush();
    controller.abort();
    expect(await call).toMatchObject({ name: "AbortError" });
    expect(time.pending()).toEqual([]);
    expect(live()).toBe(0);
  });
});

describe("renewing credentials after a 401", () => {
  it("asks a bearerToken function again and replays once with the new token", async () => {
    const tokens = ["old-token-1", "new-token-2"];
    const sent: Array<string | null> = [];
    const airbyte = createAirbyteClient({
      auth: { bearerToken: () => tokens.shift() ?? "none" },
      fetch: async (r) => {
        sent.push(r.headers.get("authorization"));
        return sent.length === 1 ? new Response(null, { status: 401 }) : ok();
      },
    });
    await expect(airbyte.sources.getSource(id)).resolves.toEqual({ sourceId: id });
    expect(sent).toEqual(["Bearer old-token-1", "Bearer new-token-2"]);
  });
});

describe("token requests", () => {
  it("time out on the client's clock too", async () => {
    const time = fakeClock();
    const { fetch, requests } = hangingFetch();
    const airbyte = createAirbyteClient({ fetch, clock: time.clock, timeoutMs: 4_000, retry: false, auth: { clientId: "c", clientSecret: "s" } });
    const call = airbyte.sources.getSource(id).catch((e: unknown) => e);
    await flush();
    expect(requests.map((r) => new URL(r.url).pathname)).toEqual(["/v1/applications/token"]);
    await time.advance(4_000);
    expect(await call).toMatchObject({ name: "AirbyteTimeoutError", scope: "attempt" });
  });
});

describe("per-call secrets", () => {
  it("a per-call Cookie is redacted value by value in the error, while the call is in flight", async () => {
    const airbyte = createAirbyteClient({ auth: false,
      retry: false,
      fetch: async () => Response.json({ title: "bad", detail: "saw pref=dark and only sid-SECRET-31" }, { status: 400 }),
    });
    const error = (await airbyte.sources.getSource(id, undefined, { headers: { Cookie: "pref=dark-ish; sid=sid-SECRET-31" } }).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain("[REDACTED]");
    expect(error.message).not.toContain("sid-SECRET-31");
  });
});
