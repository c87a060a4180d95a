/**
 * Pages the way Airbyte does: `limit` (default 20) and `offset`, a `next` link
 * on every non-empty page (even a short last one), `next: ""` once a page is
 * empty, and absolute links that keep the caller's other query parameters.
 * The collection is made from the spec's example item, so every item still
 * matches the schema, after what was created through the mock.
 */

/** How many items each paged list holds: three full pages of 20 and a short one. */
export const COLLECTION_SIZE = 65;
const DEFAULT_LIMIT = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A stable, valid UUID for item `index` (so ids are the same from one call to the next). */
export function mockUuid(index: number, salt = 0): string {
  const hex = (index * 7919 + salt * 104729 + 0x1000).toString(16).padStart(12, "0").slice(-12);
  return `00000000-0000-4000-8000-${hex}`;
}

/** The item's own id: the first `...Id`/`id` field (sourceId, jobId, ...). */
export function idField(item: Record<string, unknown>): string | undefined {
  return Object.keys(item).find((k) => k === "id" || /^[a-z]+Id$/.test(k));
}

/** Item `index` of the collection: the example item with its own id and name made unique. */
export function nthItem(
  example: Record<string, unknown>,
  index: number,
  workspaceIds: readonly string[],
): Record<string, unknown> {
  const item: Record<string, unknown> = structuredClone(example);
  const id = idField(item);
  if (id !== undefined) {
    const value = item[id];
    if (typeof value === "number") item[id] = value + index;
    else if (typeof value === "string" && UUID.test(value)) item[id] = mockUuid(index, 1);
    else if (typeof value === "string") item[id] = `${value}-${index + 1}`;
  }
  if (typeof item["name"] === "string") item["name"] = `${item["name"]} ${index + 1}`;
  // A filter by workspace gets items of those workspaces only.
  if (workspaceIds.length > 0 && typeof item["workspaceId"] === "string") {
    item["workspaceId"] = workspaceIds[index % workspaceIds.length];
  }
  return item;
}

export interface PageRequest {
  /** The request URL as the caller sent it (absolute). */
  url: URL;
  limit?: number;
  offset?: number;
  workspaceIds?: readonly string[];
  /** Items listed before the example collection: what was created through the mock. */
  first?: readonly unknown[];
}

function linkTo(url: URL, limit: number, offset: number): string {
  const next = new URL(url);
  next.searchParams.set("limit", String(limit));
  next.searchParams.set("offset", String(offset));
  return next.toString();
}

/** One page of the collection built from `example` (a `{data: [item, ...]}` body). */
export function pageOf(
  example: { data?: unknown },
  request: PageRequest,
): { previous: string; next: string; data: unknown[] } {
  const first = Array.isArray(example.data) ? (example.data[0] as unknown) : undefined;
  const limit = request.limit ?? DEFAULT_LIMIT;
  const offset = request.offset ?? 0;
  const created = request.first ?? [];
  const size = created.length + (first !== null && typeof first === "object" ? COLLECTION_SIZE : 0);
  const data: unknown[] = [];
  for (let i = offset; i < Math.min(offset + limit, size); i++) {
    data.push(i < created.length ? created[i] : nthItem(first as Record<string, unknown>, i - created.length, request.workspaceIds ?? []));
  }
  return {
    previous: offset > 0 ? linkTo(request.url, limit, Math.max(0, offset - limit)) : "",
    next: data.length > 0 ? linkTo(request.url, limit, offset + limit) : "",
    data,
  };
}
