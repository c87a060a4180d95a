import { createAirbyteClient } from "./src/index.ts";
const ITEMS = 10000, LIMIT = 100;
const pages = new Map<number, string>();
for (let offset = 0; offset <= ITEMS; offset += LIMIT) {
  const data = Array.from({ length: Math.min(LIMIT, ITEMS - offset) }, (_, i) => ({ sourceId: `18dccc91-0ab1-4f72-9ed7-${String(offset + i).padStart(12, "0")}`, name: `source ${offset + i}`, sourceType: "postgres", workspaceId: "871d9b60-11d1-44cb-8c92-c246d53bf87e", configuration: { host: "db.example.com", port: 5432 }, createdAt: 1_700_000_000 + offset + i }));
  pages.set(offset, JSON.stringify({ data, next: data.length === 0 ? "" : `https://api.airbyte.com/v1/sources?limit=${LIMIT}&offset=${offset + LIMIT}`, previous: "" }));
}
const fetch = async (request: Request) => new Response(pages.get(Number(new URL(request.url).searchParams.get("offset") ?? 0)) ?? '{"data":[],"next":""}', { headers: { "content-type": "application/json" } });
const airbyte = createAirbyteClient({ baseUrl: "https://api.airbyte.com/v1", fetch, auth: { bearerToken: "bench-token" } });
for (let k = 0; k < 60; k++) { let n = 0; for await (const item of airbyte.sources.listSources({ limit: LIMIT }, {})) if (item.sourceId) n++; }
