/**
 * What the mock remembers: sources, destinations, connections and workspaces
 * created through it. A created resource keeps what was sent and gets a fresh
 * UUID; get, list, patch, put and delete then see it, and once deleted it
 * answers 404. Ids the mock did not create (the spec's examples, the ids of
 * the example lists) keep answering the spec's examples, so every example
 * request still works. Each collection is bounded: past `maxRecords` the
 * oldest record is forgotten.
 */

/** The collections with state, by path. */
export const STATEFUL_PATHS = ["/sources", "/destinations", "/connections", "/workspaces"] as const;

export type ItemAction = "get" | "patch" | "put" | "delete";

/** What a request does to a stateful collection, read from its method and path template. */
export type StoreAction =
  | { kind: "create"; collection: string }
  | { kind: "list"; collection: string }
  | { kind: ItemAction; collection: string; idParam: string };

export function storeAction(method: string, pathTemplate: string): StoreAction | undefined {
  const m = method.toLowerCase();
  for (const collection of STATEFUL_PATHS) {
    if (pathTemplate === collection) {
      if (m === "post") return { kind: "create", collection };
      if (m === "get") return { kind: "list", collection };
    }
    const item = new RegExp(`^${collection}/\\{([A-Za-z]+)\\}$`).exec(pathTemplate);
    if (item && (m === "get" || m === "patch" || m === "put" || m === "delete")) {
      return { kind: m, collection, idParam: item[1] ?? "" };
    }
  }
  return undefined;
}

export type StoredRecord = Record<string, unknown>;

export class MockStore {
  readonly #collections = new Map<string, { records: Map<string, StoredRecord>; deleted: Set<string> }>();

  /** @param maxRecords records kept per collection (and deleted ids remembered). */
  constructor(private readonly maxRecords = 10_000) {}

  #collection(name: string) {
    let c = this.#collections.get(name);
    if (!c) this.#collections.set(name, (c = { records: new Map(), deleted: new Set() }));
    return c;
  }

  add(collection: string, id: string, record: StoredRecord): void {
    const c = this.#collection(collection);
    c.records.set(id, record);
    c.deleted.delete(id);
    if (c.records.size > this.maxRecords) c.records.delete(c.records.keys().next().value as string);
  }

  get(collection: string, id: string): StoredRecord | undefined {
    return this.#collection(collection).records.get(id);
  }

  isDeleted(collection: string, id: string): boolean {
    return this.#collection(collection).deleted.has(id);
  }

  /** Forgets `id` and remembers that it was deleted; false when the mock never created it. */
  delete(collection: string, id: string): boolean {
    const c = this.#collection(collection);
    if (!c.records.delete(id)) return false;
    c.deleted.add(id);
    if (c.deleted.size > this.maxRecords) c.deleted.delete(c.deleted.values().next().value as string);
    return true;
  }

  /** Records created through the mock, oldest first. */
  list(collection: string): StoredRecord[] {
    return [...this.#collection(collection).records.values()];
  }
}

/**
 * The record a create answers: the spec's example answer, with each field
 * the request sent that the answer also has, and a fresh id.
 */
export function overlay(answer: StoredRecord, sent: StoredRecord, withObjects: boolean): StoredRecord {
  const out = structuredClone(answer);
  for (const [key, value] of Object.entries(sent)) {
    if (key === "__proto__" || !Object.hasOwn(out, key) || value === undefined) continue;
    const isObject = typeof value === "object" && value !== null;
    if (isObject && !withObjects) continue;
    if (!isObject && typeof value !== typeof out[key]) continue;
    out[key] = structuredClone(value);
  }
  return out;
}
