/**
 * Property: no path parameter value, whatever its characters, changes the
 * number of segments of the path sent (so it can never reach another
 * endpoint, e.g. `..` turning `DELETE /groups/g/members/{userId}` into
 * `DELETE /groups/g/`). A value is either sent as exactly one segment, or
 * refused with AirbyteUsageError before any request. Checked through the typed
 * methods and the raw client, which share one URL builder.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AirbyteUsageError, createAirbyteClient, createRawClient } from "../../src/index.js";

const BASE = "https://api.airbyte.com/v1";
/** /v1/groups/{groupId}/members/{userId}: "", "v1", "groups", g, "members", u. */
const SEGMENTS = 6;

/** Values built to break a path (dot segments, separators, encodings of them) mixed with any string at all. */
const hostile = fc.constantFrom(".", "..", "", "/", "\\", "../..", "%2e%2e", "%2E", ".%2e", "?", "#", "%", "%2f", "..;", "./", "\u3002\u3002", "\uff0e\uff0e", " ..", ".. ", "\t", "\0");
const value = fc.oneof(hostile, fc.string(), fc.string({ unit: "grapheme" }), fc.string({ unit: "binary" }), fc.array(hostile).map((parts) => parts.join("")), fc.double(), fc.integer());

function setup() {
  const sent: string[] = [];
  const airbyte = createAirbyteClient({ auth: { bearerToken: "tok-prop" }, retry: false, fetch: async (request) => (sent.push(request.url), new Response(null, { status: 204 })) });
  return { airbyte, raw: createRawClient(airbyte), sent };
}

/** The call is refused as a usage error with nothing sent, or exactly one request went out with the right number of segments. */
async function check(sent: string[], call: () => Promise<unknown>): Promise<void> {
  sent.length = 0;
  let error: unknown;
  try {
    await call();
  } catch (e) {
    error = e;
  }
  if (error !== undefined) {
    expect(error).toBeInstanceOf(AirbyteUsageError);
    expect(sent).toEqual([]);
    return;
  }
  expect(sent).toHaveLength(1);
  const url = new URL(sent[0] ?? "");
  expect(url.origin + url.pathname.slice(0, 7)).toBe(`${BASE.slice(0, -3)}/v1/gro`);
  expect(url.pathname.split("/")).toHaveLength(SEGMENTS);
  expect(url.search + url.hash).toBe("");
}

describe("path parameters never change the path's segment count", () => {
  it("typed method: removeGroupMember(groupId, userId)", async () => {
    const { airbyte, sent } = setup();
    await fc.assert(
      fc.asyncProperty(value, value, async (groupId, userId) => check(sent, () => airbyte.groups.removeGroupMember(groupId as string, userId as string))),
      { numRuns: 400 },
    );
  });

  it("raw client: DELETE /groups/{groupId}/members/{userId}", async () => {
    const { raw, sent } = setup();
    await fc.assert(
      fc.asyncProperty(value, value, async (groupId, userId) =>
        check(sent, () => raw.DELETE("/groups/{groupId}/members/{userId}", { params: { path: { groupId: groupId as string, userId: userId as string } } })),
      ),
      { numRuns: 400 },
    );
  });

  it("the refusals name the parameter, on both faces", async () => {
    const { airbyte, raw, sent } = setup();
    await expect(airbyte.groups.removeGroupMember("g-1", "..")).rejects.toThrow('removeGroupMember: argument 2 (userId) must be a non-empty string; got "..", which URL parsing would turn into another endpoint.');
    await expect(raw.DELETE("/groups/{groupId}/members/{userId}", { params: { path: { groupId: "g-1", userId: ".." } } })).rejects.toThrow(
      'DELETE /groups/{groupId}/members/{userId}: params.path.userId must be a non-empty string; got "..", which URL parsing would turn into another endpoint.',
    );
    await expect(raw.DELETE("/groups/{groupId}/members/{userId}", { params: { path: { groupId: "", userId: "u" } } })).rejects.toThrow(/params\.path\.groupId must be a non-empty string; got an empty string/);
    expect(sent).toEqual([]);
  });
});
