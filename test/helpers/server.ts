/**
 * A real HTTP server on 127.0.0.1 for wire tests: records every request and
 * answers with a per-test handler.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach } from "vitest";

export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

export type Handler = (req: RecordedRequest, res: ServerResponse) => unknown;

export interface TestServer {
  /** e.g. http://127.0.0.1:PORT */
  origin: string;
  requests: RecordedRequest[];
  /** Replaces the handler for the next requests. */
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export async function startServer(handler: Handler = (_, res) => res.end()): Promise<TestServer> {
  let current = handler;
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const recorded = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(recorded);
      Promise.resolve(current(recorded, res)).catch((error: unknown) => {
        res.statusCode = 599;
        res.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    handle(next) {
      current = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends a JSON body with a status. */
export function json(res: ServerResponse, status: number, body: unknown, contentType = "application/json"): void {
  res.writeHead(status, { "content-type": contentType });
  res.end(JSON.stringify(body));
}

/** Answers with an RFC 9457 problem body. */
export function problem(res: ServerResponse, status: number, title: string, detail: string): void {
  json(res, status, { type: `https://reference.airbyte.com/reference/errors#${title}`, title, status, detail }, "application/problem+json");
}

/**
 * One server for a test file: started before its tests, stopped after, with
 * the recorded requests cleared before each test.
 */
export function useTestServer(basePath = "/api/public/v1"): { readonly server: TestServer; readonly baseUrl: string } {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(() => server?.close());
  beforeEach(() => {
    if (server) server.requests.length = 0;
  });
  const started = () => {
    if (!server) throw new Error("useTestServer: the server starts in beforeAll; use it inside tests");
    return server;
  };
  return {
    get server() {
      return started();
    },
    get baseUrl() {
      return `${started().origin}${basePath}`;
    },
  };
}
