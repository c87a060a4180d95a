// scripts/lib/mock/: a local Airbyte API driven by the spec, for tests, the demo and users. May import from scripts/lib: shared, spec, generate.
/**
 * The mock over HTTP on 127.0.0.1: reads and parses the body, lets the
 * backend answer, and turns anything unexpected into a Problem, never a stack
 * trace. CORS is open so a page in a browser can call it.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { BundledSpec } from "../generate/model.js";
import { API_ROOT, createMockApi, type MockResponse } from "./backend.js";
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

export interface RunningMock {
  /** e.g. http://127.0.0.1:4010 */
  origin: string;
  /** The base URL to give the client: origin + /v1. */
  baseUrl: string;
  close(): Promise<void>;
}

export async function startMock(
  spec: BundledSpec,
  options: { port?: number; host?: string } = {},
): Promise<RunningMock> {
  const api = await createMockApi(spec);
  const host = options.host ?? "127.0.0.1";
  const server: Server = createServer((req, res) => {
    const send = ({ status, headers, body }: MockResponse) => {
      const type = body === undefined ? {} : { "content-type": "application/json" };
      res.writeHead(status, { ...CORS, ...type, ...headers });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    if (req.method === "OPTIONS") return send({ status: 204 });
    const url = new URL(req.url ?? "/", `http://${req.headers.host ?? host}`);
    readBody(req)
      .then((body) => {
        const headers: Record<string, string | undefined> = {};
        for (const [name, value] of Object.entries(req.headers))
          headers[name] = Array.isArray(value) ? value.join(", ") : value;
        return api.handle({ method: req.method ?? "GET", url, headers, body });
      })
      .then(send, (error: unknown) => {
        if (error instanceof BadBody)
          return send({
            status: 400,
            headers: { "content-type": "application/problem+json" },
            body: problem(400, "bad-request", `body: ${error.message}`, [
              { field: "body", message: error.message },
            ]),
          });
        // Say what failed, not where in the mock's code.
        send({
          status: 500,
          headers: { "content-type": "application/problem+json" },
          body: problem(
            500,
            "internal-server-error",
            `The mock could not answer ${req.method} ${url.pathname}.`,
          ),
        });
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host}:${port}`;
  return {
    origin,
    baseUrl: `${origin}${API_ROOT}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
