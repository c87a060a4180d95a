/**
 * Paging as a client sees it: stable ids, item names made unique, the
 * workspace filter, default and explicit limits, and next/previous links that
 * keep the caller's other query parameters.
 */
import { describe, expect, it } from "vitest";
import { COLLECTION_SIZE, idField, mockUuid, nthItem, pageOf } from "../../scripts/lib/mock/paging.js";

const UUID = "5b0e3f1c-2a47-4d8e-9c61-7f3a2b9d4e10";
const url = new URL("http://127.0.0.1:1/v1/things?workspaceIds=w1&limit=7");

describe("mockUuid", () => {
  it.each([
    [0, 0, "00000000-0000-4000-8000-000000001000"],
    [3, 0, "00000000-0000-4000-8000-000000006ccd"],
    [2, 1, "00000000-0000-4000-8000-00000001e6f7"],
    // More than 12 hex digits: the last 12 are kept.
    [2 ** 40, 0, "00000000-0000-4000-8000-ef0000001000"],
  ])("item %i with salt %i is %s", (index, salt, expected) => {
    expect(mockUuid(index, salt)).toBe(expected);
  });

  it("the salt defaults to 0", () => {
    expect(mockUuid(3)).toBe(mockUuid(3, 0));
  });
});

describe("idField", () => {
  it.each([
    [{ name: "x", sourceId: "a" }, "sourceId"],
    [{ id: 1, name: "x" }, "id"],
    [{ workspaceId: "w", sourceId: "s" }, "workspaceId"],
    [{ identity: "x", jobId: 1 }, "jobId"],
    [{ xId: 1 }, "xId"],
  ])("%j: %s", (item, expected) => {
    expect(idField(item)).toBe(expected);
  });

  it.each([{ name: "x" }, { SourceId: "a" }, { sourceID: "a" }, { sourceId2: "a" }, { Id: "a" }, { source_Id: "a" }, { theId_x: "a" }, { identity: "a" }])(
    "%j has none",
    (item) => {
      expect(idField(item)).toBeUndefined();
    },
  );
});

describe("nthItem", () => {
  it("a UUID id becomes a stable UUID of its own, the name gets its number", () => {
    const example = { thingId: UUID, name: "Widget", size: 3 };
    expect(nthItem(example, 4, [])).toEqual({ thingId: mockUuid(4, 1), name: "Widget 5", size: 3 });
    expect(example).toEqual({ thingId: UUID, name: "Widget", size: 3 });
  });

  it("an upper-case UUID is a UUID too", () => {
    expect(nthItem({ thingId: UUID.toUpperCase() }, 2, [])).toEqual({ thingId: mockUuid(2, 1) });
  });

  it("a number id is counted up from the example's", () => {
    expect(nthItem({ jobId: 100, name: 7 }, 3, [])).toEqual({ jobId: 103, name: 7 });
  });

  it.each([
    ["plain", "plain-3"],
    [`x${UUID}`, `x${UUID}-3`],
    [`${UUID}x`, `${UUID}x-3`],
  ])("a string id %s that is not a UUID gets a suffix: %s", (value, expected) => {
    expect(nthItem({ thingId: value }, 2, [])).toEqual({ thingId: expected });
  });

  it("an id that is neither string nor number is kept", () => {
    expect(nthItem({ thingId: true, name: "n" }, 2, [])).toEqual({ thingId: true, name: "n 3" });
  });

  it("without an id field only the name changes", () => {
    expect(nthItem({ name: "n", other: "o" }, 0, [])).toEqual({ name: "n 1", other: "o" });
  });

  it("a workspace filter hands out its workspaces in turn", () => {
    const example = { sourceId: UUID, workspaceId: "orig" };
    expect([0, 1, 2].map((i) => nthItem(example, i, ["w1", "w2"])["workspaceId"])).toEqual(["w1", "w2", "w1"]);
    expect(nthItem(example, 1, [])["workspaceId"]).toBe("orig");
    expect(nthItem({ sourceId: UUID, workspaceId: 5 }, 1, ["w1"])["workspaceId"]).toBe(5);
    expect(nthItem({ sourceId: UUID }, 1, ["w1"])).not.toHaveProperty("workspaceId");
  });
});

describe("pageOf", () => {
  const example = { data: [{ thingId: UUID, name: "Widget" }], next: "", previous: "" };

  it("the first page holds 20 items by default, no previous link, a next link keeping other parameters", () => {
    const page = pageOf(example, { url: new URL("http://127.0.0.1:1/v1/things?workspaceIds=w1") });
    expect(page.data).toHaveLength(20);
    expect(page.data[0]).toEqual(nthItem(example.data[0] ?? {}, 0, []));
    expect(page.data[19]).toEqual(nthItem(example.data[0] ?? {}, 19, []));
    expect(page.previous).toBe("");
    expect(page.next).toBe("http://127.0.0.1:1/v1/things?workspaceIds=w1&limit=20&offset=20");
  });

  it("an offset inside the first page: previous goes to offset 0, not below", () => {
    const page = pageOf(example, { url, limit: 7, offset: 3 });
    expect(page.data.map((t) => (t as { name: string }).name)).toEqual(["Widget 4", "Widget 5", "Widget 6", "Widget 7", "Widget 8", "Widget 9", "Widget 10"]);
    expect(page.previous).toBe("http://127.0.0.1:1/v1/things?workspaceIds=w1&limit=7&offset=0");
    expect(page.next).toBe("http://127.0.0.1:1/v1/things?workspaceIds=w1&limit=7&offset=10");
  });

  it("the last item and past the end", () => {
    const last = pageOf(example, { url, limit: 7, offset: COLLECTION_SIZE - 1 });
    expect(last.data.map((t) => (t as { name: string }).name)).toEqual([`Widget ${COLLECTION_SIZE}`]);
    expect(last.next).toBe(`http://127.0.0.1:1/v1/things?workspaceIds=w1&limit=7&offset=${COLLECTION_SIZE + 6}`);
    const empty = pageOf(example, { url, limit: 7, offset: COLLECTION_SIZE });
    expect(empty).toEqual({ data: [], next: "", previous: `http://127.0.0.1:1/v1/things?workspaceIds=w1&limit=7&offset=${COLLECTION_SIZE - 7}` });
  });

  it("created records come first, then the example collection", () => {
    const created = [{ thingId: "c1" }, { thingId: "c2" }];
    const page = pageOf(example, { url, limit: 3, offset: 1, first: created });
    expect(page.data).toEqual([{ thingId: "c2" }, nthItem(example.data[0] ?? {}, 0, []), nthItem(example.data[0] ?? {}, 1, [])]);
    const end = pageOf(example, { url, limit: 3, offset: COLLECTION_SIZE + 1, first: created });
    expect(end.data).toEqual([nthItem(example.data[0] ?? {}, COLLECTION_SIZE - 1, [])]);
  });

  it("the workspace filter reaches the items", () => {
    const page = pageOf({ data: [{ sourceId: UUID, workspaceId: "x" }] }, { url, limit: 2, workspaceIds: ["w9"] });
    expect(page.data).toEqual([
      { sourceId: mockUuid(0, 1), workspaceId: "w9" },
      { sourceId: mockUuid(1, 1), workspaceId: "w9" },
    ]);
  });

  it.each([{ data: [] }, { data: [null] }, { data: ["text"] }, { data: "no list" }, {}])("an example without an item object (%j) lists only what was created", (body) => {
    expect(pageOf(body, { url, limit: 5 })).toEqual({ data: [], next: "", previous: "" });
    expect(pageOf(body, { url, limit: 5, first: [{ a: 1 }] })).toEqual({
      data: [{ a: 1 }],
      next: "http://127.0.0.1:1/v1/things?workspaceIds=w1&limit=5&offset=5",
      previous: "",
    });
  });
});
