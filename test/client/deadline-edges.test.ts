/**
 * Timeouts and aborts at the edges of a call, on fake time: an abort while a
 * body that already holds valid JSON is still streaming, two deadlines that
 * fall due in the same synchronous tick, a timeout that passes while the
 * credentials are being produced, a response that arrives after the call
 * gave up, a body cut mid-way, the duration a failure line logs, and what a
 * call without any deadline leaves behind (no signal, no timer).
 */
import { getEventListeners } from "node:events";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AirbyteConnectionError, AirbyteTimeoutError, bearer, createAirbyteClient, type Clock, type ClientOptions } from "../../src/index.js";
import { resolveClock } from "../../src/clock.js";
import { fakeClock, flush } from "../helpers/fake-clock.js";

const id = "18dccc91-0ab1-4f72-9ed7-0b8fc27c5826";
const base = "https://api.example.com/v1";
const source = { sourceId: id, name: "pg", sourceType: "postgres", workspaceId: id, configuration: {} };

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const settle = (promise: Promise<unknown>) => promise.then((value) => ({ value }), (error: unknown) => ({ error }));

/** A 200 whose body sends `first` (complete JSON), then stays open until cancelled. */
function openBody(first: string): Response {
  let sent = false;
  return new Response(
    new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) return new Promise<void>(() => undefined);
        sent = true;
        controller.enqueue(new TextEncoder().encode(first));
        return undefined;
      },
    }),
    { headers: { "content-type": "application/json" } },
  );
}

function client(fetch: (request: Request) => Promise<Response>, options: ClientOptions = {}) {
  return createAirbyteClient({ baseUrl: base, auth: { bearerToken: "tok-1234" }, retry: false, ...options, fetch });
}

describe("an abort while the body streams", () => {
  it("the attempt timeout ends a read whose first chunk was already valid JSON: a timeout, not a success", async () => {
    const f = fakeClock();
    const outcome = settle(client(async () => openBody(JSON.stringify(source)), { clock: f.clock, timeoutMs: 1_000 }).sources.getSource(id));
    await flush();
    await f.advance(1_000);
    const { error } = (await outcome) as { error?: unknown };
    expect(error).toBeInstanceOf(AirbyteTimeoutError);
    expect(error).toMatchObject({ scope: "attempt" });
  });

  it("the caller's abort ends such a read with the caller's reason", async () => {
    const controller = new AbortController();
    const outcome = settle(client(async () => openBody(JSON.stringify(source)), { timeoutMs: false }).sources.getSource(id, undefined, { signal: controller.signal }));
    await flush();
    const reason = new Error("user cancelled");
    controller.abort(reason);
    expect(await outcome).toEqual({ error: reason });
  });

  it("a body cut mid-way is a connection error naming the request", async () => {
    const cut = () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"sourceId":'));
            controller.error(new TypeError("terminated"));
          },
        }),
      );
    const { error } = (await settle(client(async () => cut()).sources.getSource(id))) as { error?: Error };
    expect(error).toBeInstanceOf(AirbyteConnectionError);
    expect(error).toMatchObject({ method: "GET", url: `${base}/sources/${id}` });
    expect(error?.message).toMatch(new RegExp(`^GET ${base}/sources/${id} `));
  });
});

describe("deadlines that meet", () => {
  it("when the total and the attempt timeout fire in one synchronous tick, the total one is final (no retry)", async () => {
    // A clock whose timers fire synchronously, back to back, as sinon's or Vitest's fake timers do.
    const timers: Array<{ at: number; run: () => void; live: boolean }> = [];
    let now = 0;
    const clock: Partial<Clock> = {
      now: () => now,
      schedule(ms, run) {
        const timer = { at: now + ms, run, live: true };
        timers.push(timer);
        return () => void (timer.live = false);
      },
    };
    const tick = (ms: number) => {
      now += ms;
      for (const timer of timers) if (timer.live && timer.at <= now) (timer.live = false), timer.run();
    };
    const sent: Request[] = [];
    const airbyte = createAirbyteClient({
      baseUrl: base,
      auth: { bearerToken: "tok-1234" },
      clock,
      timeoutMs: 1_000,
      totalTimeoutMs: 1_000,
      retry: { maxRetries: 2, initialDelayMs: 0, maxDelayMs: 0 },
      fetch: (request) => (sent.push(request), new Promise<Response>(() => undefined)),
    });
    const outcome = settle(airbyte.sources.getSource(id));
    await flush();
    tick(1_000);
    await flush();
    const { error } = (await Promise.race([outcome, flush().then(() => ({ error: "still pending" }))])) as { error?: unknown };
    expect(error).toBeInstanceOf(AirbyteTimeoutError);
    expect(error).toMatchObject({ scope: "total" });
    expect(sent).toHaveLength(1);
  });

  it("a timeout that passes while the credentials are produced ends the call, even with a fetch that ignores signals", async () => {
    const f = fakeClock();
    let release!: () => void;
    const produced = new Promise<void>((resolve) => (release = resolve));
    const airbyte = createAirbyteClient({
      baseUrl: base,
      auth: bearer(async () => (await produced, "tok-late")),
      clock: f.clock,
      timeoutMs: 1_000,
      retry: false,
      // Never settles and never looks at its request's signal.
      fetch: () => new Promise<Response>(() => undefined),
    });
    const outcome = settle(airbyte.sources.getSource(id));
    await flush();
    await f.advance(1_000);
    release();
    await flush();
    const { error } = (await Promise.race([outcome, flush().then(() => ({ error: "still pending" }))])) as { error?: unknown };
    expect(error).toBeInstanceOf(AirbyteTimeoutError);
  });

  it("a response without a body that arrives after the timeout is dropped quietly", async () => {
    const f = fakeClock();
    let answer!: (response: Response) => void;
    const outcome = settle(client(() => new Promise<Response>((resolve) => (answer = resolve)), { clock: f.clock, timeoutMs: 1_000 }).sources.getSource(id));
    await flush();
    await f.advance(1_000);
    expect(((await outcome) as { error?: unknown }).error).toBeInstanceOf(AirbyteTimeoutError);
    // An unhandled rejection here (reading .cancel of a null body) would fail the test run.
    answer(new Response(null, { status: 204 }));
    await flush();
  });
});

describe("logging and leftovers", () => {
  it("a failed request logs how long it took", async () => {
    const f = fakeClock();
    const lines: string[] = [];
    let fail!: (error: Error) => void;
    const outcome = settle(
      client(() => new Promise<Response>((_, reject) => (fail = reject)), { clock: f.clock, timeoutMs: 10_000, logger: { debug: (line) => void lines.push(line) } }).sources.getSource(id),
    );
    await flush();
    await f.advance(1_500);
    fail(new TypeError("fetch failed"));
    await outcome;
    expect(lines.filter((line) => line.includes("✗"))).toEqual([`[airbyte-api-client] ✗ GET ${base}/sources/${id} failed after 1500 ms (TypeError) (attempt 1)`]);
  });

  it("the default timers are cleared when the call settles", async () => {
    vi.useFakeTimers();
    await client(async () => Response.json(source), { timeoutMs: 5_000, totalTimeoutMs: 9_000 }).sources.getSource(id);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a call that nothing can abort (no timeout, no signal) gives the global fetch no signal", async () => {
    const inits: Array<RequestInit | undefined> = [];
    vi.stubGlobal("fetch", async (_url: string, init?: RequestInit) => (inits.push(init), Response.json(source)));
    await createAirbyteClient({ baseUrl: base, auth: { bearerToken: "tok-1234" }, timeoutMs: false }).sources.getSource(id);
    expect(inits).toHaveLength(1);
    expect(inits[0]?.signal).toBeUndefined();
  });
});

describe("the default sleep of a clock given only `schedule`", () => {
  // No client path hands the default sleep an aborted signal or keeps its signal alive: checked on the clock itself.
  const manual = () => {
    const due: Array<() => void> = [];
    const clock = resolveClock({ schedule: (_ms, run) => (due.push(run), () => undefined) });
    return { clock, fire: () => due.splice(0).forEach((run) => run()) };
  };

  it("rejects at once with the reason of a signal already aborted", async () => {
    const { clock } = manual();
    const reason = new Error("gone");
    await expect(clock.sleep(1_000, AbortSignal.abort(reason))).rejects.toBe(reason);
  });

  it("leaves no listener on the signal once the wait is over", async () => {
    const { clock, fire } = manual();
    const signal = new AbortController().signal;
    const slept = clock.sleep(1_000, signal);
    expect(getEventListeners(signal, "abort")).toHaveLength(1);
    fire();
    await slept;
    expect(getEventListeners(signal, "abort")).toHaveLength(0);
  });
});
