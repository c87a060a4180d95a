/**
 * Errors are recognised across two installed copies of the package (two
 * versions in one node_modules, or a bundled copy beside an installed one):
 * `instanceof` and `Class.is(value)` check a registry-symbol brand, not object
 * identity. The second copy is this package's source copied to a temp folder.
 */
import { cp, mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as here from "../../src/index.js";
import { repoRoot } from "../helpers/run.js";

let dir: string;
let other: typeof here;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "airbyte-copy-"));
  await cp(join(repoRoot, "src"), join(dir, "src"), { recursive: true });
  await cp(join(repoRoot, "generated"), join(dir, "generated"), { recursive: true });
  await symlink(join(repoRoot, "node_modules"), join(dir, "node_modules"), "dir");
  other = (await import(pathToFileURL(join(dir, "src", "index.ts")).href)) as typeof here;
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const init = (status: number) => ({ method: "GET", url: "https://api.airbyte.com/v1/sources/x", status, headers: new Headers() });

type ErrorClass = abstract new (...args: never[]) => Error;
const classes = (m: typeof here): Record<string, ErrorClass> => ({
  AirbyteError: m.AirbyteError,
  AirbyteApiError: m.AirbyteApiError,
  AirbyteBadRequestError: m.AirbyteBadRequestError,
  AirbyteAuthenticationError: m.AirbyteAuthenticationError,
  AirbytePermissionDeniedError: m.AirbytePermissionDeniedError,
  AirbyteNotFoundError: m.AirbyteNotFoundError,
  AirbyteConflictError: m.AirbyteConflictError,
  AirbyteUnprocessableEntityError: m.AirbyteUnprocessableEntityError,
  AirbyteRateLimitError: m.AirbyteRateLimitError,
  AirbyteServerError: m.AirbyteServerError,
  AirbyteTimeoutError: m.AirbyteTimeoutError,
  AirbyteConnectionError: m.AirbyteConnectionError,
  AirbyteUnexpectedResponseError: m.AirbyteUnexpectedResponseError,
  AirbyteOAuthCallbackError: m.AirbyteOAuthCallbackError,
});

describe("an error from another copy of the package", () => {
  it("is a different class object (the copy really is a second module)", () => {
    expect(other.AirbyteError).not.toBe(here.AirbyteError);
  });

  // [error made by the other copy, the classes of this copy it must match]
  const cases: Array<[string, () => Error, string[]]> = [
    ["400", () => other.AirbyteApiError.generate(init(400)), ["AirbyteError", "AirbyteApiError", "AirbyteBadRequestError"]],
    ["401", () => other.AirbyteApiError.generate(init(401)), ["AirbyteError", "AirbyteApiError", "AirbyteAuthenticationError"]],
    ["403", () => other.AirbyteApiError.generate(init(403)), ["AirbyteError", "AirbyteApiError", "AirbytePermissionDeniedError"]],
    ["404", () => other.AirbyteApiError.generate(init(404)), ["AirbyteError", "AirbyteApiError", "AirbyteNotFoundError"]],
    ["409", () => other.AirbyteApiError.generate(init(409)), ["AirbyteError", "AirbyteApiError", "AirbyteConflictError"]],
    ["422", () => other.AirbyteApiError.generate(init(422)), ["AirbyteError", "AirbyteApiError", "AirbyteUnprocessableEntityError"]],
    ["429", () => other.AirbyteApiError.generate(init(429)), ["AirbyteError", "AirbyteApiError", "AirbyteRateLimitError"]],
    ["503", () => other.AirbyteApiError.generate(init(503)), ["AirbyteError", "AirbyteApiError", "AirbyteServerError"]],
    ["418", () => other.AirbyteApiError.generate(init(418)), ["AirbyteError", "AirbyteApiError"]],
    ["timeout", () => new other.AirbyteTimeoutError({ scope: "attempt", timeoutMs: 5, method: "GET", url: "u" }), ["AirbyteError", "AirbyteTimeoutError"]],
    ["connection", () => new other.AirbyteConnectionError({ method: "GET", url: "u", cause: new Error("reset") }), ["AirbyteError", "AirbyteConnectionError"]],
    ["unexpected response", () => new other.AirbyteUnexpectedResponseError({ message: "m", status: 200, contentType: undefined, method: "GET", url: "u" }), ["AirbyteError", "AirbyteUnexpectedResponseError"]],
    ["OAuth callback", () => { try { other.readOAuthCallback("/cb"); } catch (e) { return e as Error; } throw new Error("no throw"); }, ["AirbyteError", "AirbyteOAuthCallbackError"]],
    ["usage error", () => new other.AirbyteError("bad option"), ["AirbyteError"]],
  ];
  it.each(cases)("%s: instanceof and is() match exactly its own classes", (_, make, matches) => {
    const error = make();
    for (const [name, Class] of Object.entries(classes(here))) {
      const expected = matches.includes(name);
      expect([name, error instanceof Class]).toEqual([name, expected]);
      expect([name, (Class as unknown as typeof here.AirbyteError).is(error)]).toEqual([name, expected]);
    }
  });

  it.each([
    ["a plain Error named like ours", Object.assign(new Error("x"), { name: "AirbyteNotFoundError" })],
    ["an object with our fields", { name: "AirbyteError", message: "x", status: 404 }],
    ["null", null],
    ["a string", "AirbyteError"],
    ["an object with a null prototype", Object.create(null) as object],
  ])("%s is not recognised", (_, value) => {
    expect(here.AirbyteError.is(value)).toBe(false);
    expect(value instanceof here.AirbyteError).toBe(false);
  });

  it("a subclass of ours from user code is still an AirbyteError, and not one of our subclasses", () => {
    class MyError extends here.AirbyteError {}
    const error = new MyError("mine");
    expect(error).toBeInstanceOf(here.AirbyteError);
    expect(other.AirbyteError.is(error)).toBe(true);
    expect(error instanceof MyError).toBe(true);
    expect(here.AirbyteApiError.is(error)).toBe(false);
  });

  it("is narrowed by is(), so its fields are typed", () => {
    const error: unknown = other.AirbyteApiError.generate(init(404));
    if (!here.AirbyteNotFoundError.is(error)) throw new Error("expected a match");
    expect(error.status).toBe(404);
    expect(error.method).toBe("GET");
  });
});
