/**
 * Redaction against a hostile or careless server: secrets echoed back in
 * escaped forms, Set-Cookie in the error's headers, unbounded or multi-line
 * problem titles, deeply nested problem bodies; and redaction memory that
 * stays bounded over many calls with per-call secrets.
 */
import { inspect } from "node:util";
import { describe, expect, it, vi } from "vitest";
import { AirbyteApiError, AirbyteBadRequestError, AirbyteError, createAirbyteClient, type AuthOptions } from "../../src/index.js";
import { Redactor } from "../../src/redact.js";
import { problem, useTestServer } from "../helpers/server.js";

const t = useTestServer();
const originalHold = Redactor.prototype.hold;
const sourceId = "18dccc91-0ab1-4f72-9ed7-0b8fc27c5826";

const getSource = (auth: AuthOptions, headers?: Record<string, string>) =>
  createAirbyteClient({ baseUrl: t.baseUrl, auth, retry: false })
    .sources.getSource(sourceId, undefined, headers ? { headers } : {})
    .then(
      () => {
        throw new Error("expected the call to throw");
      },
      (e: unknown) => e as AirbyteApiError,
    );

/** Everything a caller could print of an error. */
const shown = (e: Error) => [e.message, String(e), e.stack ?? "", JSON.stringify(e), inspect(e, { depth: 10 })].join("\n");

describe("secrets echoed back in escaped forms", () => {
  // Secrets with characters that JSON, URLs and forms escape.
  const tricky = ['tok"en\\with-quote', "tok en&amp=1/2+3?", "tök-ünï-çode-latin1"];
  const echoes: Array<[string, (secret: string) => string, string]> = [
    ["inside a JSON problem (parsed)", (s) => JSON.stringify({ title: "bad", status: 400, detail: `you sent ${s}` }), "application/problem+json"],
    ["as JSON text in a non-problem JSON body", (s) => JSON.stringify([{ echoed: s }]), "application/json"],
    ["JSON-escaped in a text body", (s) => `received ${JSON.stringify(s)}`, "text/plain"],
    ["URL-encoded in a text body", (s) => `GET /cb?token=${encodeURIComponent(s)}`, "text/plain"],
    ["form-encoded in a text body", (s) => `body: ${new URLSearchParams({ t: s }).toString()}`, "text/plain"],
  ];
  for (const secret of tricky) {
    it.each(echoes)(`bearer ${JSON.stringify(secret)} %s is redacted`, async (_, echo, type) => {
      t.server.handle((_, res) => {
        res.writeHead(400, { "content-type": type });
        res.end(echo(secret));
      });
      const error = await getSource({ bearerToken: secret });
      expect(error).toBeInstanceOf(AirbyteBadRequestError);
      const text = shown(error) + JSON.stringify(error.problem ?? {});
      for (const form of [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret), new URLSearchParams({ t: secret }).toString().slice(2)]) {
        expect(text).not.toContain(form);
      }
      expect(text).toContain("[REDACTED]");
    });
  }
});

describe("what util.inspect and JSON show of an API error", () => {
  it("response headers keep no Set-Cookie or other secret header value", async () => {
    t.server.handle((_, res) => {
      res.setHeader("set-cookie", ["session=sess-SECRET-77; Path=/; HttpOnly", "csrf=csrf-SECRET-88"]);
      res.setHeader("x-request-id", "req-1");
      problem(res, 400, "bad", "no");
    });
    const error = await getSource({ bearerToken: "bearer-SECRET-1" });
    const text = shown(error);
    for (const secret of ["sess-SECRET-77", "csrf-SECRET-88", "bearer-SECRET-1"]) expect(text).not.toContain(secret);
    expect(error.headers.get("set-cookie")).toBe("[REDACTED], [REDACTED]");
    // Ordinary headers are kept as sent.
    expect(error.headers.get("x-request-id")).toBe("req-1");
    expect(error.requestId).toBe("req-1");
  });
});

describe("problem text from the server in messages", () => {
  it.each([
    ["a 100 kB title is cut to 200 characters", "t".repeat(100_000), "d", `${"t".repeat(199)}…: d`],
    ["a 100 kB detail is cut to 1000 characters", "bad", "d".repeat(100_000), `bad: ${"d".repeat(999)}…`],
    ["CR/LF cannot forge a second log line", "bad\r\nFAKE LOG LINE", "x\ny", "bad FAKE LOG LINE: x y"],
    ["ANSI escapes cannot drive a terminal", "\u001b[2J\u001b[31mred\u001b[0m", "\u001b]0;title\u0007ok", "red: ok"],
  ])("%s", async (_, title, detail, expected) => {
    t.server.handle((_, res) => problem(res, 400, title, detail));
    const error = await getSource({ bearerToken: "k-123456" });
    expect(error.message).toBe(`GET ${t.baseUrl}/sources/${sourceId} failed with 400: ${expected}`);
    // The problem itself is kept as sent, for callers that want it.
    expect(error.problem?.title).toBe(title);
  });

  it("a deeply nested problem body (100,000 levels) gives a bounded AirbyteBadRequestError, not a stack overflow", async () => {
    const depth = 100_000;
    t.server.handle((_, res) => {
      res.writeHead(400, { "content-type": "application/problem+json" });
      res.end(`{"title":"deep","status":400,"data":${"[".repeat(depth)}${"]".repeat(depth)}}`);
    });
    const error = await getSource({ bearerToken: "k-123456" });
    expect(error).toBeInstanceOf(AirbyteBadRequestError);
    expect(error.message).toMatch(/failed with 400: deep$/);
    // Cut at 32 levels, so the error can be serialised and logged.
    const json = JSON.stringify(error);
    expect(json).toContain("[nested too deep]");
    expect(json.length).toBeLessThan(1_000);
  });
});

describe("redaction memory is bounded", () => {
  it("per-call secrets are redacted during their call, then forgotten", async () => {
    const first = "call-one-SECRET-aaaa";
    t.server.handle((req, res) => problem(res, 400, "bad", `echo ${String(req.headers["x-api-key"] ?? "")} ${String(req.headers["x-note"] ?? "")}`));
    const during = await getSource({ bearerToken: "k-123456" }, { "X-Api-Key": first });
    expect(during.message).not.toContain(first);
    // A later call does not carry the first call's secret: it is no longer in the redactor
    // (the server's text naming it is shown as sent), which is what keeps memory bounded.
    const later = await getSource({ bearerToken: "k-123456" }, { "X-Note": first });
    expect(later.message).toContain(first);
  });

  it("after 2,000 calls with per-call Authorization headers the client remembers only its own secrets", async () => {
    // The client's Redactor is internal: catch it on its first use to read its count.
    const redactors = new Set<Redactor>();
    const hold = vi.spyOn(Redactor.prototype, "hold").mockImplementation(function (this: Redactor, values) {
      redactors.add(this);
      return originalHold.call(this, values);
    });
    let n = 0;
    let inFlight = -1;
    const fetch = async (request: Request) => {
      // While a call runs, its own secret is held (client header + this call's token).
      if (n === 1_000) inFlight = [...redactors][0]?.size ?? -1;
      return ++n % 100 === 0
        ? new Response(JSON.stringify({ title: "bad", status: 400, detail: `echo ${request.headers.get("authorization") ?? ""}` }), { status: 400, headers: { "content-type": "application/problem+json" } })
        : new Response(JSON.stringify({ sourceId, name: "s", workspaceId: "w", configuration: {}, createdAt: 1 }), { headers: { "content-type": "application/json" } });
    };
    try {
      const airbyte = createAirbyteClient({ auth: false, baseUrl: "https://api.example.com/v1", fetch, retry: false, headers: { "X-Api-Key": "client-key-1234" } });
      for (let i = 0; i < 2_000; i++) {
        const token = `per-call-token-${i}`;
        await airbyte.sources.getSource(sourceId, undefined, { headers: { Authorization: `Bearer ${token}` } }).catch((e: unknown) => {
          if (!(e instanceof AirbyteError)) throw e;
          // The failing call's own secret, echoed by the server, is redacted.
          expect(e.message).not.toContain(token);
          expect(e.message).toContain("echo [REDACTED]");
        });
      }
      expect(redactors.size).toBe(1);
      const [redactor] = [...redactors];
      expect(inFlight).toBe(3); // X-Api-Key, "Bearer per-call-token-…", "per-call-token-…"
      expect(redactor?.size).toBe(1); // X-Api-Key only
    } finally {
      hold.mockRestore();
    }
  });

  it("a call whose signal is already aborted holds no secret (nothing left to release)", async () => {
    const held: Redactor[] = [];
    const hold = vi.spyOn(Redactor.prototype, "hold").mockImplementation(function (this: Redactor, values) {
      held.push(this);
      return originalHold.call(this, values);
    });
    try {
      const airbyte = createAirbyteClient({ auth: false, baseUrl: "https://api.example.com/v1", fetch: async () => new Response("{}"), headers: { "X-Api-Key": "client-key-1234" } });
      const signal = AbortSignal.abort();
      for (let i = 0; i < 50; i++) {
        await expect(airbyte.sources.getSource(sourceId, undefined, { signal, headers: { Authorization: `Bearer aborted-token-${i}` } })).rejects.toMatchObject({ name: "AbortError" });
      }
      // Either no hold happened, or every one was released: only the client's own secret remains.
      for (const redactor of held) expect(redactor.size).toBe(1);
      expect(held.every((r) => r.redact("Bearer aborted-token-7") === "Bearer aborted-token-7")).toBe(true);
    } finally {
      hold.mockRestore();
    }
  });

  it("Redactor.size counts client secrets plus the secrets of calls in flight", () => {
    const redactor = new Redactor();
    redactor.add("client-secret");
    const releases = Array.from({ length: 10_000 }, (_, i) => redactor.hold([`per-call-${i}`]));
    const shared = redactor.hold(["per-call-0"]);
    expect(redactor.size).toBe(10_001);
    expect(redactor.redact("x per-call-9999 y")).toBe("x [REDACTED] y");
    for (const release of releases) release();
    // Still held by `shared`.
    expect(redactor.redact("per-call-0 per-call-1")).toBe("[REDACTED] per-call-1");
    releases[0]?.(); // a second release changes nothing
    expect(redactor.size).toBe(2);
    shared();
    expect(redactor.size).toBe(1);
    expect(redactor.redact("client-secret per-call-0")).toBe("[REDACTED] per-call-0");
  });
});
