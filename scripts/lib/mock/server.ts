// scripts/lib/mock/: a local Airbyte API driven by the spec, for tests, the demo and users. May import from scripts/lib: shared, spec, generate.
/**
 * The mock over HTTP on 127.0.0.1: reads and parses the body, lets the
 * backend answer, and turns anything unexpected into a Problem, never a stack
 * trace. CORS is open so a page in a browser can call it. Every request is
 * logged (credentials redacted) into `mock.requests`, and printed when a
 * `log` function is given; a `Host` header is never trusted to build URLs
 * unless it is a plain host[:port].
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { BundledSpec } from "../generate/model.js";
import { defaultSpec } from "../shared/paths.js";
import { API_ROOT, createMockApi, type MockResponse } from "./backend.js";
import { checkFaultOptions, Faults, type FaultOptions } from "./faults.js";
import { redactBody, redactHeaders, type LoggedRequest } from "./log.js";
import { problem } from "./problem.js";

const MAX_BODY = 1024 * 1024;
const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-headers": "authorization, content-type, user-agent, x-request-id",
  "access-control-allow-methods": "GET, POST, PUT, PATCH, DELETE, OPTIONS",
  "access-control-expose-headers": "x-request-id, retry-after",
};

class BadBody extends Error {}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new BadBody(`the body is larger than ${MAX_BODY} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text === "") return undefined;
  const type = req.headers["content-type"] ?? "";
  if (type.startsWith("application/x-www-form-urlencoded"))
    return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BadBody("the body is not valid JSON");
  }
}

export interface MockOptions extends FaultOptions {
  /** The bundled spec to serve. @default this repository's spec/, bundled */
  spec?: BundledSpec;
  /** Port on 127.0.0.1; 0 picks a free one. @default 0 */
  port?: number;
  /** Interface to listen on. @default "127.0.0.1" */
  host?: string;
  /** Prints one line per request (`npm run mock` passes console.log). @default none */
  log?: (line: string) => void;
  /** The clock that expires OAuth consents. @default Date.now */
  now?: () => number;
  /** How the latency is waited (tests pass one that records the delays). @default setTimeout */
  sleep?: (ms: number) => Promise<void>;
}

export interface RunningMock {
  /** e.g. http://127.0.0.1:4010 */
  origin: string;
  /** The base URL to give the client: origin + /v1. */
  baseUrl: string;
  /** Same as baseUrl. */
  url: string;
  /** Every request answered so far, oldest first, credentials redacted. */
  readonly requests: readonly LoggedRequest[];
  close(): Promise<void>;
}

/** A DNS name (labels of 1-63 letters, digits and inner hyphens, joined by single dots) or a bracketed IPv6 address, with an optional port. */
const PLAIN_HOST = /^(?:(?!-)[A-Za-z0-9-]{1,63}(?<!-)(?:\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

/**
 * A Host header that is a plain host[:port] (no path, user, empty label such
 * as `..`, or odd characters; at most 253 characters), else undefined.
 */
function trustedHost(value: string | undefined): string | undefined {
  if (value === undefined || value.length > 259 || !PLAIN_HOST.test(value) || value.replace(/:\d+$/, "").length > 253) return undefined;
  try {
    return new URL(`http://${value}`).host;
  } catch {
    return undefined;
  }
}

const MAX_LOGGED = 10_000;

/**
 * Starts the mock. `startMock()` serves this repository's spec on a free
 * port; `startMock({ port: 4010, failureRate: 0.1, seed: 7 })` adds options;
 * `startMock(spec, options)` serves another bundled spec.
 */
export async function startMock(specOrOptions?: BundledSpec | MockOptions, more: MockOptions = {}): Promise<RunningMock> {
  const isSpec = (v: unknown): v is BundledSpec => typeof v === "object" && v !== null && "openapi" in v;
  const options: MockOptions = isSpec(specOrOptions) ? { ...more, spec: specOrOptions } : { ...specOrOptions, ...more };
  checkFaultOptions(options);
  const spec = options.spec ?? ((await (await import("../spec/redocly.js")).bundleSpec(defaultSpec)) as BundledSpec);
  const api = await createMockApi(spec, {
    ...(options.failureRate === undefined ? {} : { failureRate: options.failureRate }),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.now ? { now: options.now } : {}),
  });
  // Latency draws use their own sequence (seed + 1), so adding latency does not move which requests fail.
  const latency = new Faults({ ...(options.latencyMs === undefined ? {} : { latencyMs: options.latencyMs }), seed: (options.seed ?? 1) + 1 });
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const host = options.host ?? "127.0.0.1";
  const requests: LoggedRequest[] = [];
  let origin = "";
  const server: Server = createServer((req, res) => {
    const started = performance.now();
    const target = req.url ?? "/";
    const reachedAs = trustedHost(req.headers.host);
    // From the whole Host: a host without a port means the default port, not the mock's (a proxy in front).
    const url = new URL(reachedAs === undefined ? origin : `http://${reachedAs}`);
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(req.headers)) headers[name] = Array.isArray(value) ? value.join(", ") : value;
    let body: unknown;
    const send = ({ status, headers: extra, body: answer }: MockResponse) => {
      const entry: LoggedRequest = {
        method: req.method ?? "GET",
        path: target.startsWith("/") ? target : "/",
        status,
        headers: redactHeaders(headers),
        body: redactBody(body),
        ms: Math.round(performance.now() - started),
      };
      requests.push(entry);
      if (requests.length > MAX_LOGGED) requests.shift();
      options.log?.(`${entry.method} ${entry.path} ${status} ${entry.ms}ms`);
      if (res.headersSent || res.destroyed) return;
      const type = answer === undefined ? {} : { "content-type": "application/json" };
      res.writeHead(status, { ...CORS, ...type, ...extra });
      res.end(answer === undefined ? undefined : JSON.stringify(answer));
    };
    const fail = (error: unknown) => {
      if (error instanceof BadBody)
        return send({
          status: 400,
          headers: { "content-type": "application/problem+json" },
          body: problem(400, "bad-request", `body: ${error.message}`, [{ field: "body", message: error.message }]),
        });
      // Say what failed, not where in the mock's code.
      send({
        status: 500,
        headers: { "content-type": "application/problem+json" },
        body: problem(500, "internal-server-error", `The mock could not answer ${req.method ?? ""} ${url.pathname}.`),
      });
    };
    if (!target.startsWith("/") || target.startsWith("//")) {
      return send({
        status: 400,
        headers: { "content-type": "application/problem+json" },
        body: problem(400, "bad-request", "The request target must be a path starting with a single /."),
      });
    }
    // `.` and `..` segments (percent-encoded too) would be resolved into another endpoint: `/v1/sources/..` is `/v1/`.
    // URL parsing takes a backslash for a slash in http URLs, so it separates segments here too.
    if ((target.split(/[?#]/, 1)[0] ?? "").split(/[/\\]/).some((segment) => /^(?:\.|%2e){1,2}$/i.test(segment))) {
      return send({
        status: 400,
        headers: { "content-type": "application/problem+json" },
        body: problem(400, "bad-request", "The request target must not have . or .. path segments: they would name another endpoint."),
      });
    }
    try {
      const parsed = new URL(target, url);
      url.pathname = parsed.pathname;
      url.search = parsed.search;
    } catch (error) {
      return fail(error);
    }
    if (req.method === "OPTIONS") return send({ status: 204 });
    readBody(req)
      .then(async (read) => {
        body = read;
        const delay = latency.delayMs();
        if (delay > 0) await sleep(delay);
        return api.handle({ method: req.method ?? "GET", url, headers, body: read });
      })
      .then(send, fail);
  });
  // A malformed request (a bad Host, a broken header) is answered 400 by Node, never a crash.
  server.on("clientError", (_error, socket) => {
    if (socket.writable) socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    origin,
    baseUrl: `${origin}${API_ROOT}`,
    url: `${origin}${API_ROOT}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
