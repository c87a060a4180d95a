/**
 * What the mock remembers: which requests touch a stateful collection, how
 * records are kept, forgotten and deleted, and what a create or update takes
 * from the request body.
 */
import { describe, expect, it } from "vitest";
import { MockStore, STATEFUL_PATHS, overlay, storeAction } from "../../scripts/lib/mock/store.js";

describe("storeAction", () => {
  it("the stateful collections", () => {
    expect(STATEFUL_PATHS).toEqual(["/sources", "/destinations", "/connections", "/workspaces"]);
  });

  it.each(STATEFUL_PATHS.map((c) => [c] as const))("%s: post creates, get lists, the item takes get/patch/put/delete", (collection) => {
    expect(storeAction("POST", collection)).toEqual({ kind: "create", collection });
    expect(storeAction("get", collection)).toEqual({ kind: "list", collection });
    for (const method of ["GET", "patch", "Put", "DELETE"]) {
      expect(storeAction(method, `${collection}/{itemId}`)).toEqual({ kind: method.toLowerCase(), collection, idParam: "itemId" });
    }
  });

  it.each([
    ["PUT", "/sources"],
    ["DELETE", "/workspaces"],
    ["PATCH", "/connections"],
    ["POST", "/sources/{sourceId}"],
    ["OPTIONS", "/sources/{sourceId}"],
    ["GET", "/sources/{sourceId}/extra"],
    ["GET", "/v1/sources/{sourceId}"],
    ["GET", "/sources/{source_id}"],
    ["GET", "/sources/{}"],
    ["GET", "/sources/sourceId"],
    ["GET", "/jobs"],
    ["POST", "/jobs"],
    ["GET", "/jobs/{jobId}"],
    ["GET", "/sources/initiateOAuth"],
    ["POST", "/sourcesx"],
  ])("%s %s touches no stored record", (method, path) => {
    expect(storeAction(method, path)).toBeUndefined();
  });
});

describe("MockStore", () => {
  it("keeps records per collection, newest last, and forgets the oldest past its bound", () => {
    const store = new MockStore(2);
    store.add("/a", "1", { n: 1 });
    store.add("/a", "2", { n: 2 });
    store.add("/b", "1", { n: 10 });
    expect(store.list("/a")).toEqual([{ n: 1 }, { n: 2 }]);
    expect(store.get("/b", "1")).toEqual({ n: 10 });
    store.add("/a", "3", { n: 3 });
    expect(store.get("/a", "1")).toBeUndefined();
    expect(store.list("/a")).toEqual([{ n: 2 }, { n: 3 }]);
    expect(store.list("/nothing")).toEqual([]);
  });

  it("keeps 10000 records per collection by default", () => {
    const store = new MockStore();
    for (let i = 0; i < 10_000; i++) store.add("/a", String(i), { i });
    expect(store.get("/a", "0")).toEqual({ i: 0 });
    store.add("/a", "10000", { i: 10_000 });
    expect(store.get("/a", "0")).toBeUndefined();
    expect(store.get("/a", "1")).toEqual({ i: 1 });
    expect(store.list("/a")).toHaveLength(10_000);
  });

  it("a delete forgets the record and remembers the id; a new add with that id revives it", () => {
    const store = new MockStore();
    expect(store.delete("/a", "x")).toBe(false);
    expect(store.isDeleted("/a", "x")).toBe(false);
    store.add("/a", "x", { v: 1 });
    expect(store.isDeleted("/a", "x")).toBe(false);
    expect(store.delete("/a", "x")).toBe(true);
    expect(store.get("/a", "x")).toBeUndefined();
    expect(store.isDeleted("/a", "x")).toBe(true);
    expect(store.isDeleted("/b", "x")).toBe(false);
    expect(store.delete("/a", "x")).toBe(false);
    store.add("/a", "x", { v: 2 });
    expect(store.isDeleted("/a", "x")).toBe(false);
    expect(store.get("/a", "x")).toEqual({ v: 2 });
  });

  it("remembers at most maxRecords deleted ids, the oldest go first", () => {
    const store = new MockStore(2);
    for (const id of ["1", "2"]) {
      store.add("/a", id, {});
      store.delete("/a", id);
    }
    expect(store.isDeleted("/a", "1")).toBe(true);
    expect(store.isDeleted("/a", "2")).toBe(true);
    store.add("/a", "3", {});
    store.delete("/a", "3");
    expect(store.isDeleted("/a", "1")).toBe(false);
    expect(store.isDeleted("/a", "2")).toBe(true);
    expect(store.isDeleted("/a", "3")).toBe(true);
  });
});

describe("overlay", () => {
  const answer = { id: "a", name: "example", port: 1, enabled: false, config: { x: 1 }, note: null };

  it("takes each sent field the answer has, of the same type, and leaves the answer as it was", () => {
    const sent = { name: "mine", port: 5432, enabled: true, extra: "dropped" };
    const out = overlay(answer, sent, true);
    expect(out).toEqual({ id: "a", name: "mine", port: 5432, enabled: true, config: { x: 1 }, note: null });
    expect(answer.name).toBe("example");
  });

  it("a field of another type, or undefined, is not taken", () => {
    expect(overlay(answer, { name: 7, port: "5432", enabled: undefined }, true)).toEqual(answer);
  });

  it("objects are taken only when asked, as copies", () => {
    const sent = { config: { y: [1] } };
    expect(overlay(answer, sent, false)).toEqual(answer);
    const out = overlay(answer, sent, true);
    expect(out["config"]).toEqual({ y: [1] });
    sent.config.y.push(2);
    expect(out["config"]).toEqual({ y: [1] });
  });

  it("an object may replace a value of another type (it is an object field of the answer's schema)", () => {
    expect(overlay(answer, { name: { first: "a" } }, true)["name"]).toEqual({ first: "a" });
  });

  it("null is not an object: it replaces only a null", () => {
    expect(overlay(answer, { name: null }, true)["name"]).toBe("example");
    expect(overlay(answer, { name: null }, false)["name"]).toBe("example");
    expect(overlay({ note: "text" }, { note: null }, true)).toEqual({ note: "text" });
    expect(overlay({ note: 1 }, { note: null }, false)).toEqual({ note: 1 });
  });

  it("a sent __proto__ is never taken, even where the answer has such an own field", () => {
    const answer = JSON.parse('{"__proto__": {"kept": true}, "name": "a"}') as Record<string, unknown>;
    const sent = JSON.parse('{"__proto__": {"polluted": true}, "name": "n"}') as Record<string, unknown>;
    const out = overlay(answer, sent, true);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(out, "__proto__")?.value).toEqual({ kept: true });
    expect(out["name"]).toBe("n");
  });

  it("a field the answer only inherits is not taken", () => {
    expect(overlay({ name: "a" }, { toString: "x", constructor: "y" }, true)).toEqual({ name: "a" });
    expect(Object.hasOwn(overlay({ name: "a" }, { toString: "x" }, true), "toString")).toBe(false);
    expect(overlay({ name: "a" }, { extra: { b: 1 }, toString: { c: 1 } }, true)).toEqual({ name: "a" });
  });
});
